@preconcurrency import Plot

/// The one place where values reach HTML attributes and text.
///
/// Plot escapes text nodes (but leaves anything that looks like an entity alone, and slowly) and
/// writes attribute values exactly as given; Kanssa escapes both itself. Every attribute that can carry data goes through
/// ``Attribute/safe(_:_:)`` or ``Node/safe(_:_:)``, every text through ``Node/txt(_:)``, and every
/// link through ``SafeURL``. A test fails if other code calls Plot's attribute writers with
/// anything but a string literal.
public enum HTMLEscape {
    /// Escapes a value for a double- or single-quoted attribute.
    public static func attribute(_ value: String) -> String {
        // Most values (ids, names, class lists) need nothing: return them as they are.
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return value
        }
        var out = ""
        out.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Escapes text for an element's content: `&`, `<` and `>`, so that what was typed is shown
    /// as typed ("&lt;" too). Text without any of them — nearly all — is returned untouched; the
    /// rest is escaped in one pass over its UTF-8 bytes (each of the three is one byte, and no
    /// byte of a longer character is ever one of them).
    public static func text(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E }) else { return value }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 16)
        for byte in value.utf8 {
            switch byte {
            case 0x26: bytes.append(contentsOf: "&amp;".utf8)
            case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
            case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A URL that may be put in `href` or `action`: relative to this site, or http(s). Anything
/// else — `javascript:`, `data:`, protocol-relative `//host`, control characters (browsers drop a
/// tab, so `/<tab>/host` would be `//host`) — is refused. Redirects use ``ReturnPath``.
public struct SafeURL: Sendable, Equatable, CustomStringConvertible {
    public let value: String

    public init?(_ value: String) {
        let lower = value.lowercased()
        let isRelative = (value.hasPrefix("/") && !value.hasPrefix("//") && !value.hasPrefix("/\\"))
            || value.hasPrefix("?") || value.hasPrefix("#")
        let isWeb = lower.hasPrefix("https://") || lower.hasPrefix("http://")
        guard isRelative || isWeb, !Self.hasControlCharacter(value) else { return nil }
        self.value = value
    }

    /// Whether any C0 or C1 control character (or DEL) is in the text, read from its UTF-8 bytes:
    /// links are made for every page, so this stays one pass without Unicode look-ups.
    static func hasControlCharacter(_ value: String) -> Bool {
        var previous: UInt8 = 0
        for byte in value.utf8 {
            // C1 controls, U+0080 to U+009F, are 0xC2 followed by 0x80 to 0x9F.
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) { return true }
            previous = byte
        }
        return false
    }

    public var description: String { value }
}

public extension Attribute {
    /// An attribute whose value is escaped. An empty value is still written (`value=""`), since
    /// an option without its value would send its label instead.
    static func safe(_ name: String, _ value: String) -> Attribute {
        Attribute(name: name, value: HTMLEscape.attribute(value), ignoreIfValueIsEmpty: false)
    }

    /// An attribute that is present without a value (`required`, `checked`).
    static func flag(_ name: String, _ isOn: Bool = true) -> Attribute {
        isOn ? Attribute(name: name, value: nil, ignoreIfValueIsEmpty: false) : .empty
    }
}

public extension Node {
    /// An attribute whose value is escaped; written even when empty.
    static func safe(_ name: String, _ value: String) -> Node {
        .attribute(Attribute(name: name, value: HTMLEscape.attribute(value), ignoreIfValueIsEmpty: false))
    }

    /// An attribute that is present without a value (`required`, `hidden`).
    static func flag(_ name: String, _ isOn: Bool = true) -> Node {
        isOn ? .attribute(Attribute(name: name, value: nil, ignoreIfValueIsEmpty: false)) : .empty
    }

    /// Text, shown exactly as written: escaped here, in one pass, rather than by Plot's `.text`,
    /// which walks the text character by character and keeps anything that looks like an entity.
    static func txt(_ value: String) -> Node {
        .raw(HTMLEscape.text(value))
    }

    /// A link or form target (`href` by default, `action` for forms).
    static func link(_ url: SafeURL, as attribute: String = "href") -> Node {
        .safe(attribute, url.value)
    }
}

/// Nodes Plot has already rendered — escaped as every node is — to be sent again without being
/// built anew (a kept page's body). Made only from nodes, so it holds nothing unescaped.
public struct RenderedHTML: Sendable {
    fileprivate let html: String

    public init(_ node: Node<HTML.BodyContext>) {
        html = node.render()
    }
}

public extension Node where Context == HTML.BodyContext {
    /// What was rendered before, as it was.
    static func rendered(_ fragment: RenderedHTML) -> Node {
        .raw(fragment.html)
    }
}
