import Fluent
import Foundation
import KanssaCore

/// A consultation's questions, in the order they are asked: written while it is being prepared,
/// fixed once it opens. A question may be asked only when an earlier answer included a choice.
public enum Questions {
    public static let longestText = 500
    public static let longestChoice = 200
    public static let mostChoices = 20

    /// What was typed: choices one per line; the condition as "question-id:choice-number".
    public struct Draft: Sendable, Equatable {
        public var kind = ""
        public var text = ""
        public var choices = ""
        public var condition = ""

        public init(kind: String = "", text: String = "", choices: String = "", condition: String = "") {
            self.kind = kind
            self.text = text
            self.choices = choices
            self.condition = condition
        }

        public init(_ question: Question) {
            self.init(kind: question.kind.rawValue, text: question.text, choices: question.choices,
                      condition: question.conditionQuestionID.map { "\($0):\(question.conditionChoice ?? 0)" } ?? "")
        }
    }

    /// A question as pages and checks see it.
    public struct Line: Sendable, Equatable {
        public let id: UUID
        public let position: Int
        public let kind: QuestionKind
        public let text: String
        public let choiceList: [String]
        public let conditionQuestionID: UUID?
        public let conditionChoice: Int?

        public init(id: UUID, position: Int, kind: QuestionKind, text: String, choiceList: [String], conditionQuestionID: UUID?,
                    conditionChoice: Int?) {
            self.id = id
            self.position = position
            self.kind = kind
            self.text = text
            self.choiceList = choiceList
            self.conditionQuestionID = conditionQuestionID
            self.conditionChoice = conditionChoice
        }

        /// The same question in other words (a translation).
        public func worded(text: String, choices: [String]) -> Line {
            Line(id: id, position: position, kind: kind, text: text, choiceList: choices, conditionQuestionID: conditionQuestionID,
                 conditionChoice: conditionChoice)
        }

        public init(_ question: Question) {
            id = question.id!
            position = question.position
            kind = question.kind
            text = question.text
            choiceList = question.choiceList
            conditionQuestionID = question.conditionQuestionID
            conditionChoice = question.conditionChoice
        }
    }

    public enum Problem: String, Sendable, Equatable {
        case kind, text, choices, condition
        /// Its choices changed under a later question that is asked only after one of them.
        case usedByCondition
    }

    public struct Checked: Sendable, Equatable {
        public let kind: QuestionKind
        public let text: String
        public let choices: [String]
        public let conditionQuestionID: UUID?
        public let conditionChoice: Int?
    }

    /// Every problem at once. `earlier` are the questions asked before this one; `dependants` the
    /// later ones asked only after one of this one's choices (for a change).
    public static func check(_ draft: Draft, earlier: [Line], dependants: [Line] = []) -> Result<Checked, ProblemList<Problem>> {
        var problems: [Problem] = []
        let kind = QuestionKind(rawValue: draft.kind)
        if kind == nil { problems.append(.kind) }
        let text = TypedText.clean(draft.text, maxLength: longestText, multiline: true)
        if text == nil { problems.append(.text) }
        var choices: [String] = []
        if let kind, kind.hasChoices || kind == .scale {
            let lines = draft.choices.components(separatedBy: .newlines).map { TypedText.clean($0, maxLength: longestChoice) }
            let typed = draft.choices.components(separatedBy: .newlines).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            let clean = lines.compactMap { $0 }
            let count = kind == .scale ? 2...2 : 2...mostChoices
            if clean.count != typed.count || !count.contains(clean.count) || Set(clean.map { $0.lowercased() }).count != clean.count {
                problems.append(.choices)
            }
            choices = clean
        }
        var condition: (UUID, Int)?
        let typedCondition = draft.condition.trimmingCharacters(in: .whitespaces)
        if !typedCondition.isEmpty {
            let parts = typedCondition.split(separator: ":")
            if parts.count == 2, let id = UUID(uuidString: String(parts[0])), let index = Int(parts[1]),
               let earlierQuestion = earlier.first(where: { $0.id == id }), earlierQuestion.kind.hasChoices,
               earlierQuestion.choiceList.indices.contains(index)
            {
                condition = (id, index)
            } else {
                problems.append(.condition)
            }
        }
        if !dependants.isEmpty, let kind {
            let stillThere = dependants.allSatisfy { ($0.conditionChoice ?? 0) < choices.count } && kind.hasChoices
            if !stillThere { problems.append(.usedByCondition) }
        }
        guard problems.isEmpty, let kind, let text else { return .failure(ProblemList(problems)) }
        return .success(Checked(kind: kind, text: text, choices: choices, conditionQuestionID: condition?.0, conditionChoice: condition?.1))
    }

    /// The consultation's questions in the order they are asked. One query.
    public static func list(of consultationID: UUID, on database: any Database) async throws -> [Line] {
        try await Question.query(on: database).filter(\.$consultationID == consultationID).sort(\.$position).all().map(Line.init)
    }

    public static func add(_ checked: Checked, to consultationID: UUID, at now: Date, on database: any Database) async throws {
        _ = try await draftConsultation(consultationID, on: database)
        let last = try await Question.query(on: database).filter(\.$consultationID == consultationID).max(\.$position) ?? 0
        try await Question(consultationID: consultationID, position: last + 1, kind: checked.kind, text: checked.text, choices: checked.choices,
                           conditionQuestionID: checked.conditionQuestionID, conditionChoice: checked.conditionChoice, at: now)
            .create(on: database)
    }

    public static func change(_ questionID: UUID, in consultationID: UUID, to checked: Checked, on database: any Database) async throws {
        let question = try await draftQuestion(questionID, in: consultationID, on: database)
        question.kind = checked.kind
        question.text = checked.text
        question.choices = checked.choices.joined(separator: "\n")
        question.conditionQuestionID = checked.conditionQuestionID
        question.conditionChoice = checked.conditionChoice
        try await question.update(on: database)
    }

    /// Removes a question no later question depends on.
    public static func remove(_ questionID: UUID, in consultationID: UUID, on database: any Database) async throws {
        let question = try await draftQuestion(questionID, in: consultationID, on: database)
        guard try await Question.query(on: database).filter(\.$conditionQuestionID == questionID).count() == 0 else {
            throw ListeningError.questionIsACondition
        }
        try await question.delete(on: database)
    }

    /// A question of a consultation being prepared, with the questions before it and those that
    /// depend on its choices.
    public static func editable(_ questionID: UUID, in consultationID: UUID, on database: any Database) async throws
        -> (question: Question, earlier: [Line], dependants: [Line])
    {
        let question = try await draftQuestion(questionID, in: consultationID, on: database)
        let all = try await list(of: consultationID, on: database)
        return (question, all.filter { $0.position < question.position }, all.filter { $0.conditionQuestionID == questionID })
    }

    private static func draftConsultation(_ consultationID: UUID, on database: any Database) async throws -> Consultation {
        guard let consultation = try await Consultation.find(consultationID, on: database) else { throw ListeningError.notFound }
        guard consultation.state == .draft else { throw ListeningError.questionsFixed }
        return consultation
    }

    private static func draftQuestion(_ questionID: UUID, in consultationID: UUID, on database: any Database) async throws -> Question {
        guard let question = try await Question.query(on: database).filter(\.$id == questionID)
            .filter(\.$consultationID == consultationID).first()
        else { throw ListeningError.notFound }
        _ = try await draftConsultation(consultationID, on: database)
        return question
    }
}
