import Fluent
import Foundation
import KanssaCore
import SQLKit

/// A consultation's figures: how many answers were given each theme, across the respondent
/// groups it compares, and how people answered each choice and scale question. No count from 1
/// to 4 is shown, nor one that would give such a count away beside a total (``SmallCells``).
public enum ConsultationFigures {
    public struct ThemeRow: Sendable, Equatable {
        public let path: String
        /// Answers given the theme, all respondents; nil where held back.
        public let total: Int?
        /// The same, per respondent group in the consultation's order.
        public let groups: [Int?]
    }

    public struct Count: Sendable, Equatable {
        public let label: String
        public let count: Int?
    }

    public struct ChoiceQuestion: Sendable, Equatable {
        public let position: Int
        public let text: String
        public let kind: QuestionKind
        /// How many answered it; nil where held back.
        public let answered: Int?
        public let counts: [Count]
    }

    public struct Model: Sendable, Equatable {
        public let consultationID: UUID
        public let organisationID: UUID
        public let title: String
        public let groups: [String]
        public let themes: [ThemeRow]
        public let questions: [ChoiceQuestion]
    }

    /// Counted from three columns of the answers and the respondents' groups; five queries
    /// whatever the number of answers.
    public static func load(_ consultationID: UUID, on database: any Database) async throws -> Model {
        guard let consultation = try await Consultation.find(consultationID, on: database), let sql = database as? any SQLDatabase else {
            throw ListeningError.notFound
        }
        let groups = consultation.groupList
        let respondents = try await Respondent.query(on: database).filter(\.$consultationID == consultationID)
            .field(\.$id).field(\.$groups).all()
        let memberOf = Dictionary(respondents.map { ($0.id!, Set($0.groupList)) }, uniquingKeysWith: { a, _ in a })
        let themes = try await Codebook.themes(of: consultationID, on: database)
        struct Coded: Decodable { let theme_id: UUID; let answer_id: UUID; let respondent_id: UUID }
        let coded = themes.isEmpty ? [] : try await sql.select().distinct()
            .column(SQLColumn("theme_id", table: Coding.schema)).column(SQLColumn("answer_id", table: Coding.schema))
            .column(SQLColumn("respondent_id", table: Answer.schema))
            .from(Coding.schema).join(Answer.schema, on: SQLColumn("answer_id", table: Coding.schema), .equal, SQLColumn("id", table: Answer.schema))
            .where(SQLColumn("theme_id", table: Coding.schema), .in, SQLBind.group(themes.map(\.id))).all(decoding: Coded.self)
        let rows = themes.map { theme in
            let answers = coded.filter { $0.theme_id == theme.id }
            let perGroup = groups.indices.map { group in answers.filter { memberOf[$0.respondent_id]?.contains(group) == true }.count }
            // Groups overlap (one person may be young and have children), so no group gives
            // another away by subtraction; the row's total beside them still could.
            let shown = SmallCells.suppress([answers.count] + perGroup, totalShown: true)
            return ThemeRow(path: theme.path, total: shown[0], groups: Array(shown.dropFirst()))
        }
        let questions = try await Questions.list(of: consultationID, on: database).filter { [.singleChoice, .multipleChoice, .scale].contains($0.kind) }
        let answers = questions.isEmpty ? [] : try await Answer.query(on: database).filter(\.$questionID ~~ questions.map(\.id))
            .field(\.$questionID).field(\.$choices).field(\.$scale).all()
        return Model(consultationID: consultationID, organisationID: consultation.organisationID, title: consultation.title, groups: groups, themes: rows,
                     questions: questions.map { question in counted(question, answers.filter { $0.questionID == question.id }) })
    }

    static func counted(_ question: Questions.Line, _ answers: [Answer]) -> ChoiceQuestion {
        let labels: [String]
        var counts: [Int]
        switch question.kind {
        case .scale:
            labels = (1...5).map { point in
                point == 1 ? "1 – " + (question.choiceList.first ?? "") : point == 5 ? "5 – " + (question.choiceList.last ?? "") : String(point)
            }
            counts = (1...5).map { point in answers.filter { $0.scale == point }.count }
        default:
            labels = question.choiceList
            counts = question.choiceList.indices.map { choice in answers.filter { $0.choiceList.contains(choice) }.count }
        }
        let answered = answers.filter { !$0.choiceList.isEmpty || $0.scale != nil }.count
        // A person picks one choice or one point, so those counts add up to the number who
        // answered; several choices do not.
        let additive = question.kind != .multipleChoice
        let shown = SmallCells.suppress([answered] + counts, totalShown: additive)
        let total = shown[0]
        return ChoiceQuestion(position: question.position, text: question.text, kind: question.kind, answered: total,
                              counts: zip(labels, shown.dropFirst()).map { Count(label: $0, count: total == nil ? nil : $1) })
    }
}
