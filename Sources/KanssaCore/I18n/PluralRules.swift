/// Which form of a word a whole number takes in a language, by the Unicode CLDR plural rules for
/// integers: English "1 member", "2 members"; Polish "1 członek", "2 członków" … "5 członków".
public enum PluralCategory: String, Sendable, CaseIterable {
    case zero, one, two, few, many, other

    /// The category of `count` in `language` (a tag such as "fi" or "pl-PL").
    public static func of(_ count: Int, in language: String) -> PluralCategory {
        let n = count.magnitude
        switch language.prefix(2) {
        case "pl":
            if n == 1 { return .one }
            if (2...4).contains(n % 10) && !(12...14).contains(n % 100) { return .few }
            return .many
        case "ja", "zh", "ko":
            return .other
        default:
            // English, Finnish, Swedish, Dutch, Estonian, Hungarian, Italian, Greek and Spanish
            // alike: one for exactly 1, other for every other whole number.
            return n == 1 ? .one : .other
        }
    }
}
