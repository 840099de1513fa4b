import Foundation

/// A choice of forms by number inside a message: `{count, plural, one {# member} other {# members}}`
/// (ICU's message format, its plural part only). Parsed from the text after the opening brace.
struct PluralChoice {
    let name: String
    /// The text of each form, by category name ("one", "few", "other").
    let forms: [String: String]
    /// Just past the choice's closing brace.
    let end: Substring.Index

    init?(parsing text: Substring) {
        guard let comma = text.firstIndex(of: ","), let close = text.firstIndex(of: "}"), comma < close else { return nil }
        name = text[..<comma].trimmingCharacters(in: .whitespaces)
        var rest = text[text.index(after: comma)...]
        rest = rest.drop { $0 == " " }
        guard rest.hasPrefix("plural") else { return nil }
        rest = rest.dropFirst("plural".count).drop { $0 == " " }
        guard rest.first == "," else { return nil }
        rest = rest.dropFirst()
        var forms: [String: String] = [:]
        while true {
            rest = rest.drop { $0 == " " }
            if rest.first == "}" {
                self.forms = forms
                end = rest.index(after: rest.startIndex)
                return
            }
            guard let brace = rest.firstIndex(of: "{") else { return nil }
            let category = rest[..<brace].trimmingCharacters(in: .whitespaces)
            guard PluralCategory(rawValue: category) != nil else { return nil }
            // The form runs to its matching brace: it may hold placeholders of its own.
            var depth = 0
            var index = brace
            var formEnd: Substring.Index?
            while index < rest.endIndex {
                if rest[index] == "{" { depth += 1 }
                if rest[index] == "}" {
                    depth -= 1
                    if depth == 0 { formEnd = index; break }
                }
                index = rest.index(after: index)
            }
            guard let formEnd else { return nil }
            forms[category] = String(rest[rest.index(after: brace)..<formEnd])
            rest = rest[rest.index(after: formEnd)...]
        }
    }
}
