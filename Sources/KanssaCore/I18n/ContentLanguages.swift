/// Languages people write content in — a training module, for one — which are more than the
/// languages Kanssa's own pages are translated into. Each is named in itself, so that anyone
/// finds their own whatever language the page is in.
public enum ContentLanguages {
    public static let all: [(code: String, name: String)] = [
        ("en", "English"), ("fi", "Suomi"), ("sv", "Svenska"), ("nl", "Nederlands"), ("es", "Español"), ("ca", "Català"),
        ("pl", "Polski"), ("et", "Eesti"), ("it", "Italiano"), ("hu", "Magyar"), ("el", "Ελληνικά"), ("de", "Deutsch"),
        ("fr", "Français"), ("pt", "Português"), ("ar", "العربية"), ("fa", "فارسی"), ("so", "Soomaali"), ("ti", "ትግርኛ"),
        ("tr", "Türkçe"), ("uk", "Українська"), ("ru", "Русский"),
    ]

    public static func name(of code: String) -> String {
        all.first { $0.code == code }?.name ?? code
    }
}
