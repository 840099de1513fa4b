import Fluent
import Foundation
import KanssaCore

/// A consultation asked in several languages: its texts and its questions written in one, and
/// translated into the others by the team. A text not translated yet is shown in the language it
/// was written in, and says so — never silently.
public enum Translations {
    public static let mostLanguages = 8

    /// One text shown to a respondent: in their language, or — not translated yet — in the
    /// consultation's own, marked as such.
    public struct Shown: Sendable, Equatable {
        public let text: String
        public let language: String
        public let isFallback: Bool

        public init(text: String, language: String, isFallback: Bool) {
            self.text = text
            self.language = language
            self.isFallback = isFallback
        }
    }

    /// A consultation's texts in one of its languages.
    public struct Wording: Sendable, Equatable {
        /// The language asked for, and the one the consultation is written in.
        public let language: String
        public let source: String
        let table: [String: String]

        public init(language: String, source: String, table: [String: String] = [:]) {
            self.language = language
            self.source = source
            self.table = table
        }

        static func key(_ subject: UUID, _ field: TranslatedField) -> String { "\(subject):\(field.rawValue)" }

        public func shown(_ original: String, of subject: UUID, _ field: TranslatedField) -> Shown {
            guard language != source else { return Shown(text: original, language: source, isFallback: false) }
            if let text = table[Self.key(subject, field)] { return Shown(text: text, language: language, isFallback: false) }
            return Shown(text: original, language: source, isFallback: true)
        }

        /// Choices or groups, one per line: translated together or not at all.
        public func lines(_ original: [String], of subject: UUID, _ field: TranslatedField) -> (lines: [String], language: String, isFallback: Bool) {
            guard !original.isEmpty else { return ([], language, false) }
            let shown = shown(original.joined(separator: "\n"), of: subject, field)
            let lines = shown.text.components(separatedBy: "\n")
            guard lines.count == original.count else { return (original, source, true) }
            return (lines, shown.language, shown.isFallback)
        }
    }

    /// The wording of a consultation in a language it is asked in (else its own). One query.
    public static func wording(of consultation: Consultation, in language: String, on database: any Database) async throws -> Wording {
        let consultationID = try consultation.requireID()
        let source = consultation.sourceLanguage
        guard language != source, consultation.languageList.contains(language) else { return Wording(language: source, source: source) }
        let rows = try await Translation.query(on: database).filter(\.$consultationID == consultationID).filter(\.$language == language).all()
        return Wording(language: language, source: source,
                       table: Dictionary(rows.map { (Wording.key($0.subjectID, $0.field), $0.text) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The language a respondent reads in: the one they picked, else the first of their browser's
    /// or Kanssa's that the consultation is asked in, else the one it is written in.
    public static func language(for consultation: Consultation, picked: String?, preferred: [String]) -> String {
        let offered = consultation.languageList
        if let picked, offered.contains(picked) { return picked }
        for preference in preferred {
            let code = preference.lowercased().split(separator: "-").first.map(String.init) ?? ""
            if offered.contains(code) { return code }
        }
        return consultation.sourceLanguage
    }

    // MARK: Languages

    /// Adds a language the consultation is asked in.
    public static func addLanguage(_ code: String, to consultationID: UUID, on database: any Database) async throws {
        guard let consultation = try await Consultation.find(consultationID, on: database) else { throw ListeningError.notFound }
        guard ContentLanguages.all.contains(where: { $0.code == code }), !consultation.languageList.contains(code),
              consultation.languageList.count < mostLanguages
        else { throw ListeningError.notALanguage }
        consultation.languages = (consultation.languageList + [code]).joined(separator: ",")
        try await consultation.update(on: database)
    }

    /// Stops offering a language (not the one it is written in) while the consultation is being
    /// prepared; its translations go with it.
    public static func removeLanguage(_ code: String, from consultationID: UUID, on database: any Database) async throws {
        guard let consultation = try await Consultation.find(consultationID, on: database) else { throw ListeningError.notFound }
        guard consultation.state == .draft else { throw ListeningError.questionsFixed }
        guard code != consultation.sourceLanguage, consultation.languageList.contains(code) else { throw ListeningError.notALanguage }
        try await database.transaction { database in
            try await Translation.query(on: database).filter(\.$consultationID == consultationID).filter(\.$language == code).delete()
            consultation.languages = consultation.languageList.filter { $0 != code }.joined(separator: ",")
            try await consultation.update(on: database)
        }
    }

    // MARK: Translating

    /// One text to translate: what it is, the original, and the translation so far.
    public struct Item: Sendable, Equatable {
        public let subjectID: UUID
        public let field: TranslatedField
        /// The question's number, for a question's texts.
        public let questionNumber: Int?
        public let original: String
        public var translated: String
        /// How many lines the translation must have (choices and groups), else nil.
        public let lines: Int?

        public var formName: String { "\(field.rawValue)-\(subjectID)" }
    }

    /// Everything of a consultation there is to translate, with the translations into `language`
    /// so far. Three queries.
    public static func items(of consultationID: UUID, into language: String, on database: any Database) async throws
        -> (consultation: Consultation, items: [Item])
    {
        guard let consultation = try await Consultation.find(consultationID, on: database) else { throw ListeningError.notFound }
        guard language != consultation.sourceLanguage, consultation.languageList.contains(language) else { throw ListeningError.notALanguage }
        let wording = try await wording(of: consultation, in: language, on: database)
        let questions = try await Questions.list(of: consultationID, on: database)
        func item(_ subject: UUID, _ field: TranslatedField, _ number: Int?, _ original: String, lines: Int? = nil) -> Item {
            let shown = wording.shown(original, of: subject, field)
            return Item(subjectID: subject, field: field, questionNumber: number, original: original,
                        translated: shown.isFallback ? "" : shown.text, lines: lines)
        }
        var items = [
            item(consultationID, .title, nil, consultation.title), item(consultationID, .purpose, nil, consultation.purpose),
            item(consultationID, .audience, nil, consultation.audience),
        ]
        if !consultation.groupList.isEmpty {
            items.append(item(consultationID, .groups, nil, consultation.groups, lines: consultation.groupList.count))
        }
        for (index, question) in questions.enumerated() {
            items.append(item(question.id, .text, index + 1, question.text))
            if !question.choiceList.isEmpty {
                items.append(item(question.id, .choices, index + 1, question.choiceList.joined(separator: "\n"), lines: question.choiceList.count))
            }
        }
        return (consultation, items)
    }

    public enum Problem: Sendable, Equatable {
        /// Too long or unshowable.
        case text(Item)
        /// Not as many lines as the original.
        case lines(Item)
    }

    /// Checks what was typed for each item: empty leaves it untranslated.
    public static func check(_ typed: [String: String], items: [Item]) -> Result<[Item], ProblemList<Problem>> {
        var problems: [Problem] = []
        var checked: [Item] = []
        for var item in items {
            let raw = typed[item.formName] ?? ""
            if TypedText.problem(raw, maxLength: 1, multiline: true) == .empty {
                item.translated = ""
                checked.append(item)
                continue
            }
            let longest = max(Consultations.longestText, Questions.mostChoices * (Questions.longestChoice + 1))
            guard let text = TypedText.clean(raw, maxLength: longest, multiline: true) else {
                problems.append(.text(item))
                continue
            }
            if let lines = item.lines {
                let typedLines = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                guard typedLines.count == lines, typedLines.allSatisfy({ !$0.isEmpty && $0.count <= Questions.longestChoice }) else {
                    problems.append(.lines(item))
                    continue
                }
                item.translated = typedLines.joined(separator: "\n")
            } else {
                item.translated = text
            }
            checked.append(item)
        }
        return problems.isEmpty ? .success(checked) : .failure(ProblemList(problems))
    }

    /// Saves the translations into a language: changed ones replaced, emptied ones removed.
    public static func save(_ items: [Item], of consultationID: UUID, into language: String, by accountID: UUID, at now: Date,
                            on database: any Database) async throws {
        try await database.transaction { database in
            let existing = try await Translation.query(on: database).filter(\.$consultationID == consultationID)
                .filter(\.$language == language).all()
            for item in items {
                let row = existing.first { $0.subjectID == item.subjectID && $0.field == item.field }
                if item.translated.isEmpty {
                    try await row?.delete(on: database)
                } else if let row {
                    guard row.text != item.translated else { continue }
                    row.text = item.translated
                    row.updatedByID = accountID
                    row.updatedAt = now
                    try await row.update(on: database)
                } else {
                    try await Translation(consultationID: consultationID, subjectID: item.subjectID, field: item.field, language: language,
                                          text: item.translated, by: accountID, at: now).create(on: database)
                }
            }
        }
    }

    /// How many of the texts are translated into each of the consultation's other languages. One query.
    public static func progress(of consultation: Consultation, on database: any Database) async throws -> [String: Int] {
        let rows = try await Translation.query(on: database).filter(\.$consultationID == consultation.requireID()).field(\.$language).all()
        return rows.reduce(into: [:]) { $0[$1.language, default: 0] += 1 }
    }
}
