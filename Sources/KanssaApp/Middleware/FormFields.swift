import Foundation
import Vapor

/// The fields of an urlencoded form, read straight from the body in one pass. Vapor's decoder
/// builds a tree of the form and then decodes it through `Codable`, which cost about a twentieth
/// of a public answer's or a check-in's time (profiled); the hot forms read their few fields here.
/// Names and values are decoded as Vapor decodes them: `+` is a space, then percent escapes.
struct FormFields: Sendable {
    private let pairs: [(name: String, value: String)]

    /// The fields of `body`; nil when a name or value is not validly escaped (Vapor refuses such
    /// a form too).
    init?(body: String) {
        var pairs: [(name: String, value: String)] = []
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decoded(parts[0]), let value = parts.count > 1 ? Self.decoded(parts[1]) : "" else { return nil }
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    /// The request's form fields when its body is urlencoded and readable; nil otherwise (a
    /// multipart form, say), when the caller asks Vapor's decoder instead.
    init?(_ request: Request) {
        guard request.headers.contentType == .urlEncodedForm, let body = request.body.string else { return nil }
        self.init(body: body)
    }

    /// The first value of `name`.
    func first(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value of a list field, sent as `name[]` (as Kanssa's checkboxes name theirs).
    func all(_ name: String) -> [String] {
        let listName = name + "[]"
        return pairs.filter { $0.name == listName }.map(\.value)
    }

    /// Every field by name, the first value of each.
    var dictionary: [String: String] {
        pairs.reduce(into: [:]) { fields, pair in
            if fields[pair.name] == nil { fields[pair.name] = pair.value }
        }
    }

    /// A name or value as sent: `+` a space, then percent escapes; nil when badly escaped.
    static func decoded(_ part: Substring) -> String? {
        guard part.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(part) }
        return part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
