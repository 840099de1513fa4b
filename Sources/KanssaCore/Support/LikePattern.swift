/// A LIKE pattern matching any text that holds `text` as typed: `\`, `%` and `_` are escaped
/// (use with `ESCAPE '\'`), so a typed wildcard is text, not a pattern.
public func likeContaining(_ text: String) -> String {
    "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
        .replacingOccurrences(of: "_", with: "\\_") + "%"
}
