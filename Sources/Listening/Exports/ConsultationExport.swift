import Fluent
import Foundation
import KanssaCore

/// A consultation's answers and codings taken out of Kanssa: two CSV files for a spreadsheet, and
/// a REFI-QDA project (`.qdpx`) that qualitative-analysis tools import. Hidden passages leave as
/// blocks of the same length ("█" for each character hidden), so that personal data a moderator
/// hid stays hidden and every passage's position still counts true.
public enum ConsultationExport {
    public static let hiddenMark: Unicode.Scalar = "█"

    /// Everything an export reads, loaded once. Seven queries.
    public struct Data: Sendable {
        public let consultation: ConsultationSummary
        public let questions: [Questions.Line]
        public let respondents: [Respondent]
        public let answers: [Answer]
        public let themes: [Codebook.Line]
        public let codings: [Coding]
        public let names: [UUID: String]

        /// Respondents are numbered 1, 2, … in the order they first answered.
        func number(of respondentID: UUID) -> Int { (respondents.firstIndex { $0.id == respondentID } ?? -1) + 1 }
    }

    public struct ConsultationSummary: Sendable {
        public let id: UUID
        public let title: String
        public let purpose: String
        public let groups: [String]
    }

    public static func load(_ consultationID: UUID, on database: any Database) async throws -> Data {
        guard let consultation = try await Consultation.find(consultationID, on: database) else { throw ListeningError.notFound }
        let questions = try await Questions.list(of: consultationID, on: database)
        let respondents = try await Respondent.query(on: database).filter(\.$consultationID == consultationID)
            .sort(\.$createdAt).sort(\.$id).all()
        let answers = try await Answer.query(on: database).filter(\.$respondentID ~~ respondents.compactMap(\.id))
            .sort(\.$createdAt).sort(\.$id).all()
        let themes = try await Codebook.themes(of: consultationID, on: database)
        let codings = themes.isEmpty ? [] : try await Coding.query(on: database).filter(\.$themeID ~~ themes.map(\.id))
            .sort(\.$createdAt).sort(\.$id).all()
        let names = try await Account.displayNames(of: codings.map(\.coderID), on: database)
        return Data(consultation: .init(id: consultationID, title: consultation.title, purpose: consultation.purpose, groups: consultation.groupList),
                    questions: questions, respondents: respondents, answers: answers, themes: themes, codings: codings, names: names)
    }

    /// The text with each hidden passage replaced, scalar for scalar, by ``hiddenMark``.
    public static func masked(_ text: String, hidden: [Passage]) -> String {
        var scalars = Array(text.unicodeScalars)
        for passage in hidden where passage.start >= 0 && passage.end <= scalars.count && passage.start < passage.end {
            for index in passage.start..<passage.end { scalars[index] = hiddenMark }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    static func text(of answer: Answer) -> String { masked(answer.text, hidden: Moderation.passages(answer.hidden)) }

    static func stamp(_ date: Date) -> String { date.formatted(.iso8601) }

    // MARK: CSV

    public static func answersCSV(_ data: Data) -> String {
        let questions = Dictionary(data.questions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let respondents = Dictionary(data.respondents.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let rows: [[String]] = data.answers.compactMap { answer in
            guard let question = questions[answer.questionID], let respondent = respondents[answer.respondentID] else { return nil }
            let given: String = switch question.kind {
            case .singleChoice, .multipleChoice:
                answer.choiceList.map { question.choiceList.indices.contains($0) ? question.choiceList[$0] : "?" }.joined(separator: "; ")
            case .scale: answer.scale.map(String.init) ?? ""
            case .openText, .story: text(of: answer)
            }
            let isStory = question.kind == .story
            return [String(data.number(of: answer.respondentID)), respondent.channel.rawValue, respondent.language,
                    respondent.groupList.compactMap { data.consultation.groups.indices.contains($0) ? data.consultation.groups[$0] : nil }
                        .joined(separator: "; "),
                    String(question.position), question.text, given, answer.text.isEmpty ? "" : answer.moderation.rawValue,
                    isStory ? yesNo(answer.consentQuote) : "", isStory ? yesNo(answer.consentPublish) : "",
                    isStory ? yesNo(answer.consentTraining) : "", stamp(answer.updatedAt)]
        }
        return CSV.document(
            header: ["respondent", "channel", "language", "groups", "question", "question text", "answer", "moderation", "may quote inside",
                     "may publish", "may use in training", "answered at"],
            rows: rows)
    }

    public static func codesCSV(_ data: Data) -> String {
        let answers = Dictionary(data.answers.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let positions = Dictionary(data.questions.map { ($0.id, $0.position) }, uniquingKeysWith: { a, _ in a })
        let paths = Dictionary(data.themes.map { ($0.id, $0.path) }, uniquingKeysWith: { a, _ in a })
        let rows: [[String]] = data.codings.compactMap { coding in
            guard let answer = answers[coding.answerID] else { return nil }
            let passage = Passage(stored: coding.passage)
            let shown = text(of: answer)
            let words = passage.flatMap { $0.range(in: shown) }.map { String(shown[$0]) } ?? ""
            return [String(data.number(of: answer.respondentID)), positions[answer.questionID].map(String.init) ?? "", paths[coding.themeID] ?? "",
                    data.names[coding.coderID] ?? "", passage.map { String($0.start) } ?? "", passage.map { String($0.end) } ?? "", words,
                    stamp(coding.createdAt)]
        }
        return CSV.document(header: ["respondent", "question", "theme", "coder", "start", "end", "words", "coded at"], rows: rows)
    }

    static func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }
}
