import Foundation

/// Where to send a person back to, taken from a form or a query (`next`, `return`): only ever a
/// path on this site. The one check every redirect target from input goes through.
///
/// Browsers forgive a lot in a `Location` header — they drop tabs and newlines, read `\` as `/`
/// and `//host` as another site — so anything that is not plainly a path is refused: a scheme, a
/// host, any control character, whitespace or invisible formatting character (also once
/// percent-decoded), a backslash, and `//` at the start.
public struct ReturnPath: Sendable, Equatable, CustomStringConvertible {
    public let value: String

    public init?(_ text: String) {
        guard text.utf8.count <= 2_000, Self.isPlainPath(text) else { return nil }
        // Percent-encoding could hide the same tricks from this check but not from a browser or a proxy.
        if text.contains("%") {
            guard let decoded = text.removingPercentEncoding, Self.isPlainPath(decoded) else { return nil }
        }
        guard let components = URLComponents(string: text),
            components.scheme == nil, components.host == nil, components.user == nil, components.port == nil,
            components.percentEncodedPath.hasPrefix("/")
        else { return nil }
        self.value = text
    }

    /// The path, or the given fallback (home) when there is none or it is not a plain path.
    public static func or(_ text: String?, _ fallback: String) -> String {
        text.flatMap(ReturnPath.init)?.value ?? fallback
    }

    private static func isPlainPath(_ text: String) -> Bool {
        guard text.hasPrefix("/"), !text.hasPrefix("//") else { return false }
        return !text.unicodeScalars.contains { scalar in
            scalar == "\\" || scalar.properties.isWhitespace
                || [.control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned]
                    .contains(scalar.properties.generalCategory)
        }
    }

    public var description: String { value }
}
