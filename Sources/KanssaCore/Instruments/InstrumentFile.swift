import Foundation
import Yams

/// Reads an instrument file (YAML, format `kanssa-instrument/1`, documented in
/// `docs/instruments.md`). A file is refused with every problem found, each with its line, so
/// that whoever prepared it can fix them all at once.
public enum InstrumentFile {
    public static let format = "kanssa-instrument/1"
    /// The most items one instrument holds: longer is not a questionnaire people finish.
    public static let mostItems = 200

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The file's line, from 1; nil when the problem is with the file as a whole.
        public let line: Int?
        public let kind: Kind

        public init(line: Int?, kind: Kind) {
            self.line = line
            self.kind = kind
        }

        public enum Kind: Sendable, Equatable {
            /// Not YAML at all at this point.
            case notYAML
            /// The file holds nothing.
            case empty
            /// `key` should be a mapping, a list, a text, a whole number or yes/no.
            case wrongShape(key: String, expected: Shape)
            case missing(key: String)
            case unknownKey(String)
            case wrongFormat(String)
            /// An id that is not lower-case letters, digits and hyphens (at most 60).
            case badID(String)
            case badVersion
            case badLanguage(String)
            /// A text that lacks one of the instrument's languages.
            case missingLanguage(key: String, language: String)
            /// A scale needs 2 to 11 points.
            case badPoints(scale: String)
            case labelCount(scale: String, language: String, expected: Int)
            case badScoring(String)
            case badMinimum(subscale: String, items: Int)
            case duplicateID(String)
            case unknownSubscale(item: String, subscale: String)
            case unknownScale(item: String, scale: String)
            case emptySubscale(String)
            case tooManyItems
        }

        public enum Shape: String, Sendable, Equatable {
            case mapping, list, text, number, yesNo = "yes/no"
        }

        public var description: String {
            (line.map { "line \($0): " } ?? "") + "\(kind)"
        }

        /// The problem in plain English, for the operator's command line (`kanssa check-instrument`);
        /// pages say it in the reader's language from the message catalog.
        public var explanation: String {
            let place = line.map { "Line \($0): " } ?? ""
            let what: String = switch kind {
            case .notYAML: "this is not valid YAML (check indentation, colons and closing brackets)."
            case .empty: "the file describes no instrument."
            case .wrongShape(let key, let expected): "“\(key)” should be \(expected == .mapping ? "a mapping" : expected == .list ? "a list" : expected == .number ? "a whole number" : expected == .yesNo ? "true or false" : "a text")."
            case .missing(let key): "“\(key)” is missing."
            case .unknownKey(let key): "“\(key)” is not a field of the format (a typo?)."
            case .wrongFormat(let format): "the format is “\(format)”; this version of Kanssa reads “\(InstrumentFile.format)”."
            case .badID(let id): "“\(id)” is not an id: use lower-case letters, digits and hyphens, at most 60."
            case .badVersion: "the version must be a whole number from 1."
            case .badLanguage(let code): "“\(code)” is not a language code such as en or fi."
            case .missingLanguage(let key, let language): "“\(key)” has no text in “\(language)”, one of the instrument's languages."
            case .badPoints(let scale): "the scale “\(scale)” needs from 2 to 11 points."
            case .labelCount(let scale, let language, let expected): "the scale “\(scale)” needs \(expected) labels in “\(language)”, one per point."
            case .badScoring(let scoring): "scoring “\(scoring)” is unknown: use mean or sum."
            case .badMinimum(let subscale, let items): "“minimum-answered” of “\(subscale)” must be from 1 to its \(items) items."
            case .duplicateID(let id): "“\(id)” is used twice."
            case .unknownSubscale(let item, let subscale): "the item “\(item)” names the subscale “\(subscale)”, which the file does not define."
            case .unknownScale(let item, let scale): "the item “\(item)” names the scale “\(scale)”, which the file does not define."
            case .emptySubscale(let subscale): "the subscale “\(subscale)” has no items."
            case .tooManyItems: "an instrument holds at most \(InstrumentFile.mostItems) items."
            }
            return place + what
        }
    }

    public struct Problems: Error, Sendable, Equatable {
        public let problems: [Problem]
    }

    /// The instrument a file describes, or every problem with it.
    public static func parse(_ text: String) -> Result<Instrument, Problems> {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return .failure(Problems(problems: [Problem(line: error.line, kind: .notYAML)]))
        } catch {
            return .failure(Problems(problems: [Problem(line: nil, kind: .notYAML)]))
        }
        guard let root else { return .failure(Problems(problems: [Problem(line: nil, kind: .empty)])) }
        var reader = Reader()
        let instrument = reader.instrument(root)
        if let instrument, reader.problems.isEmpty { return .success(instrument) }
        return .failure(Problems(problems: reader.problems.isEmpty ? [Problem(line: nil, kind: .empty)] : reader.problems))
    }

    /// Walks the file, collecting problems rather than stopping at the first.
    struct Reader {
        var problems: [Problem] = []

        mutating func report(_ node: Node?, _ kind: Problem.Kind) {
            problems.append(Problem(line: node?.mark?.line, kind: kind))
        }

        /// The mapping's values by key, reporting keys it does not know.
        mutating func fields(_ node: Node, key: String, allowed: Set<String>) -> [String: Node]? {
            guard let mapping = node.mapping else {
                report(node, .wrongShape(key: key, expected: .mapping))
                return nil
            }
            var fields: [String: Node] = [:]
            for (name, value) in mapping {
                guard let string = name.string, allowed.contains(string) else {
                    report(name, .unknownKey(name.string ?? "?"))
                    continue
                }
                fields[string] = value
            }
            return fields
        }

        mutating func required(_ fields: [String: Node], _ key: String, in parent: Node) -> Node? {
            guard let node = fields[key] else {
                report(parent, .missing(key: key))
                return nil
            }
            return node
        }

        mutating func text(_ node: Node?, key: String) -> String? {
            guard let node else { return nil }
            guard case .scalar(let scalar) = node, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                report(node, .wrongShape(key: key, expected: .text))
                return nil
            }
            return scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        mutating func number(_ node: Node?, key: String) -> Int? {
            guard let node else { return nil }
            guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
                report(node, .wrongShape(key: key, expected: .number))
                return nil
            }
            return value
        }

        mutating func identifier(_ node: Node?, key: String) -> String? {
            guard let value = text(node, key: key) else { return nil }
            let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789-")
            guard value.count <= 60, value.unicodeScalars.allSatisfy(allowed.contains), !value.hasPrefix("-") else {
                report(node, .badID(value))
                return nil
            }
            return value
        }

        /// A text in every one of the languages.
        mutating func texts(_ node: Node?, key: String, languages: [String]) -> Instrument.Texts? {
            guard let node else { return nil }
            guard let fields = fields(node, key: key, allowed: Set(languages)) else { return nil }
            var texts: Instrument.Texts = [:]
            for language in languages {
                guard let value = fields[language] else {
                    report(node, .missingLanguage(key: key, language: language))
                    continue
                }
                if let text = text(value, key: "\(key).\(language)") { texts[language] = text }
            }
            return texts.count == languages.count ? texts : nil
        }

        mutating func instrument(_ root: Node) -> Instrument? {
            let keys: Set<String> = ["format", "id", "version", "languages", "title", "intro", "licence", "scales", "subscales", "items"]
            guard let fields = fields(root, key: "the file", allowed: keys) else { return nil }
            if let format = text(required(fields, "format", in: root), key: "format"), format != InstrumentFile.format {
                report(fields["format"], .wrongFormat(format))
            }
            let id = identifier(required(fields, "id", in: root), key: "id")
            let version = number(required(fields, "version", in: root), key: "version")
            if let version, version < 1 { report(fields["version"], .badVersion) }
            let languages = self.languages(required(fields, "languages", in: root))
            let title = texts(required(fields, "title", in: root), key: "title", languages: languages)
            let intro = texts(fields["intro"], key: "intro", languages: languages)
            let licence = text(required(fields, "licence", in: root), key: "licence")
            let scales = self.scales(required(fields, "scales", in: root), languages: languages)
            let items = self.items(required(fields, "items", in: root), languages: languages, scales: scales)
            let subscales = self.subscales(required(fields, "subscales", in: root), languages: languages, items: items)
            for item in items where !subscales.contains(where: { $0.id == item.subscale }) {
                report(itemNodes[item.id], .unknownSubscale(item: item.id, subscale: item.subscale))
            }
            guard let id, let version, let title, let licence, !languages.isEmpty else { return nil }
            return Instrument(
                id: id, version: version, languages: languages, title: title, intro: intro, licence: licence, scales: scales,
                subscales: subscales, items: items)
        }

        mutating func languages(_ node: Node?) -> [String] {
            guard let node else { return [] }
            guard let list = node.sequence else {
                report(node, .wrongShape(key: "languages", expected: .list))
                return []
            }
            var languages: [String] = []
            for entry in list {
                guard let code = text(entry, key: "languages"),
                    (2...3).contains(code.count), code.allSatisfy({ $0.isASCII && $0.isLowercase })
                else {
                    report(entry, .badLanguage(entry.string ?? "?"))
                    continue
                }
                if languages.contains(code) { report(entry, .duplicateID(code)) } else { languages.append(code) }
            }
            if languages.isEmpty, list.isEmpty { report(node, .missing(key: "languages")) }
            return languages
        }

        mutating func scales(_ node: Node?, languages: [String]) -> [Instrument.Scale] {
            guard let node else { return [] }
            guard let mapping = node.mapping else {
                report(node, .wrongShape(key: "scales", expected: .mapping))
                return []
            }
            var scales: [Instrument.Scale] = []
            for (name, value) in mapping {
                guard let id = identifier(name, key: "scales") else { continue }
                guard let fields = fields(value, key: id, allowed: ["points", "labels"]) else { continue }
                guard let points = number(required(fields, "points", in: value), key: "points") else { continue }
                guard (2...11).contains(points) else {
                    report(fields["points"], .badPoints(scale: id))
                    continue
                }
                var labels: [String: [String]] = [:]
                if let labelsNode = required(fields, "labels", in: value),
                    let byLanguage = self.fields(labelsNode, key: "labels", allowed: Set(languages))
                {
                    for language in languages {
                        guard let list = byLanguage[language] else {
                            report(labelsNode, .missingLanguage(key: "labels", language: language))
                            continue
                        }
                        let texts = (list.sequence.map(Array.init) ?? []).compactMap { text($0, key: "labels.\(language)") }
                        if list.sequence == nil || texts.count != points {
                            report(list, .labelCount(scale: id, language: language, expected: points))
                        } else {
                            labels[language] = texts
                        }
                    }
                }
                if scales.contains(where: { $0.id == id }) { report(name, .duplicateID(id)) }
                scales.append(Instrument.Scale(id: id, points: points, labels: labels))
            }
            return scales
        }

        var itemNodes: [String: Node] = [:]

        mutating func items(_ node: Node?, languages: [String], scales: [Instrument.Scale]) -> [Instrument.Item] {
            guard let node else { return [] }
            guard let list = node.sequence else {
                report(node, .wrongShape(key: "items", expected: .list))
                return []
            }
            if list.count > InstrumentFile.mostItems { report(node, .tooManyItems) }
            var items: [Instrument.Item] = []
            var seen = Set<String>()
            for entry in list {
                let keys: Set<String> = ["id", "subscale", "scale", "reversed", "text", "easy-read"]
                guard let fields = fields(entry, key: "items", allowed: keys) else { continue }
                let id = identifier(required(fields, "id", in: entry), key: "id")
                let subscale = identifier(required(fields, "subscale", in: entry), key: "subscale")
                let scale = identifier(required(fields, "scale", in: entry), key: "scale")
                var reversed = false
                if let flag = fields["reversed"] {
                    if let value = flag.bool { reversed = value } else { report(flag, .wrongShape(key: "reversed", expected: .yesNo)) }
                }
                let text = texts(required(fields, "text", in: entry), key: "text", languages: languages)
                let easyRead = texts(fields["easy-read"], key: "easy-read", languages: languages)
                if let id, let scale, !scales.contains(where: { $0.id == scale }) {
                    report(fields["scale"], .unknownScale(item: id, scale: scale))
                }
                if let id, !seen.insert(id).inserted {
                    report(fields["id"], .duplicateID(id))
                    continue
                }
                guard let id, let subscale, let scale, let text else { continue }
                itemNodes[id] = fields["subscale"]
                items.append(Instrument.Item(id: id, subscale: subscale, scale: scale, reversed: reversed, text: text, easyRead: easyRead))
            }
            return items
        }

        mutating func subscales(_ node: Node?, languages: [String], items: [Instrument.Item]) -> [Instrument.Subscale] {
            guard let node else { return [] }
            guard let mapping = node.mapping else {
                report(node, .wrongShape(key: "subscales", expected: .mapping))
                return []
            }
            var subscales: [Instrument.Subscale] = []
            for (name, value) in mapping {
                guard let id = identifier(name, key: "subscales") else { continue }
                let keys: Set<String> = ["name", "scoring", "minimum-answered", "prompt"]
                guard let fields = fields(value, key: id, allowed: keys) else { continue }
                let count = items.filter { $0.subscale == id }.count
                if count == 0 { report(name, .emptySubscale(id)) }
                let label = texts(required(fields, "name", in: value), key: "name", languages: languages)
                let prompt = texts(fields["prompt"], key: "prompt", languages: languages)
                var scoring = Instrument.Scoring.mean
                if let scoringNode = required(fields, "scoring", in: value), let typed = text(scoringNode, key: "scoring") {
                    if let known = Instrument.Scoring(rawValue: typed) { scoring = known } else { report(scoringNode, .badScoring(typed)) }
                }
                var minimum = count
                if let minimumNode = fields["minimum-answered"], let typed = number(minimumNode, key: "minimum-answered") {
                    if (1...max(count, 1)).contains(typed) { minimum = typed } else { report(minimumNode, .badMinimum(subscale: id, items: count)) }
                }
                guard let label else { continue }
                if subscales.contains(where: { $0.id == id }) { report(name, .duplicateID(id)) }
                subscales.append(Instrument.Subscale(id: id, name: label, scoring: scoring, minimumAnswered: minimum, prompt: prompt))
            }
            return subscales
        }
    }
}

extension YamlError {
    /// The line of a syntax error, where libyaml gives one.
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }
}
