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

    /// Counted in the database, grouped by theme and by the respondents' groups, and by each
    /// question's picks: four queries and a few dozen rows whatever the number of answers.
    public static func load(_ consultationID: UUID, on database: any Database) async throws -> Model {
        guard let consultation = try await Consultation.find(consultationID, on: database), let sql = database as? any SQLDatabase else {
            throw ListeningError.notFound
        }
        let groups = consultation.groupList
        let themes = try await Codebook.themes(of: consultationID, on: database)
        struct Coded: Decodable { let theme_id: UUID; let groups: String; let answers: Int }
        let coded = themes.isEmpty ? [] : try await sql.select()
            .column(SQLColumn("theme_id", table: Coding.schema)).column(SQLColumn("groups", table: Respondent.schema))
            .column(SQLFunction("COUNT", args: SQLDistinct(SQLColumn("answer_id", table: Coding.schema))), as: "answers")
            .from(Coding.schema)
            .join(Answer.schema, on: SQLColumn("answer_id", table: Coding.schema), .equal, SQLColumn("id", table: Answer.schema))
            .join(Respondent.schema, on: SQLColumn("respondent_id", table: Answer.schema), .equal, SQLColumn("id", table: Respondent.schema))
            .where(SQLColumn("theme_id", table: Coding.schema), .in, SQLBind.group(themes.map(\.id)))
            .groupBy(SQLColumn("theme_id", table: Coding.schema)).groupBy(SQLColumn("groups", table: Respondent.schema))
            .all(decoding: Coded.self)
        let rows = themes.map { theme in
            // An answer is one respondent's, so the counts per set of groups add up.
            let lines = coded.filter { $0.theme_id == theme.id }.map { (groups: Set(Respondent.numbers($0.groups)), answers: $0.answers) }
            let total = lines.reduce(0) { $0 + $1.answers }
            let perGroup = groups.indices.map { group in lines.filter { $0.groups.contains(group) }.reduce(0) { $0 + $1.answers } }
            // Groups overlap (one person may be young and have children), so no group gives
            // another away by subtraction; the row's total beside them still could.
            let shown = SmallCells.suppress([total] + perGroup, totalShown: true)
            return ThemeRow(path: theme.path, total: shown[0], groups: Array(shown.dropFirst()))
        }
        let questions = try await Questions.list(of: consultationID, on: database).filter { [.singleChoice, .multipleChoice, .scale].contains($0.kind) }
        struct Picked: Decodable { let question_id: UUID; let choices: String; let scale: Int?; let answers: Int }
        let picked = questions.isEmpty ? [] : try await sql.select()
            .column("question_id").column("choices").column("scale").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "answers")
            .from(Answer.schema).where("question_id", .in, SQLBind.group(questions.map(\.id)))
            .groupBy("question_id").groupBy("choices").groupBy("scale").all(decoding: Picked.self)
        return Model(consultationID: consultationID, organisationID: consultation.organisationID, title: consultation.title, groups: groups, themes: rows,
                     questions: questions.map { question in
                         counted(question, picked.filter { $0.question_id == question.id }
                             .map { Tally(choices: Respondent.numbers($0.choices), scale: $0.scale, count: $0.answers) })
                     })
    }

    /// How many answers picked the same: the same choices, or the same point of a scale.
    struct Tally {
        let choices: [Int]
        let scale: Int?
        let count: Int
    }

    static func counted(_ question: Questions.Line, _ answers: [Answer]) -> ChoiceQuestion {
        counted(question, answers.map { Tally(choices: $0.choiceList, scale: $0.scale, count: 1) })
    }

    static func counted(_ question: Questions.Line, _ tallies: [Tally]) -> ChoiceQuestion {
        let labels: [String]
        var counts: [Int]
        switch question.kind {
        case .scale:
            labels = (1...5).map { point in
                point == 1 ? "1 – " + (question.choiceList.first ?? "") : point == 5 ? "5 – " + (question.choiceList.last ?? "") : String(point)
            }
            counts = (1...5).map { point in tallies.filter { $0.scale == point }.reduce(0) { $0 + $1.count } }
        default:
            labels = question.choiceList
            counts = question.choiceList.indices.map { choice in tallies.filter { $0.choices.contains(choice) }.reduce(0) { $0 + $1.count } }
        }
        let answered = tallies.filter { !$0.choices.isEmpty || $0.scale != nil }.reduce(0) { $0 + $1.count }
        // A person picks one choice or one point, so those counts add up to the number who
        // answered; several choices do not.
        let additive = question.kind != .multipleChoice
        let shown = SmallCells.suppress([answered] + counts, totalShown: additive)
        let total = shown[0]
        return ChoiceQuestion(position: question.position, text: question.text, kind: question.kind, answered: total,
                              counts: zip(labels, shown.dropFirst()).map { Count(label: $0, count: total == nil ? nil : $1) })
    }
}
