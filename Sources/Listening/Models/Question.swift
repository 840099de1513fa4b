import Fluent
import Foundation

/// What kind of answer a question asks for.
public enum QuestionKind: String, Codable, Sendable, CaseIterable {
    case openText = "open-text"
    case singleChoice = "single-choice"
    case multipleChoice = "multiple-choice"
    /// 1 to 5, with the two ends named.
    case scale
    /// "Tell us about a time when…": a longer answer, asked to be quoted only with consent.
    case story

    public var hasChoices: Bool { self == .singleChoice || self == .multipleChoice }
}

/// A question of a consultation, in the order it is asked. Set while the consultation is being
/// prepared; fixed (by the database too) once it opens, since answers are given to it as it was.
public final class Question: Model, @unchecked Sendable {
    public static let schema = "consultation_questions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "consultation_id") public var consultationID: UUID
    @Field(key: "position") public var position: Int
    @Enum(key: "kind") public var kind: QuestionKind
    @Field(key: "text") public var text: String
    /// The choices, one per line; for a scale, the names of its two ends.
    @Field(key: "choices") public var choices: String
    /// Asked only when the answer to this earlier question…
    @OptionalField(key: "condition_question_id") public var conditionQuestionID: UUID?
    /// …included this choice (counted from 0).
    @OptionalField(key: "condition_choice") public var conditionChoice: Int?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(consultationID: UUID, position: Int, kind: QuestionKind, text: String, choices: [String], conditionQuestionID: UUID?,
                conditionChoice: Int?, at now: Date) {
        self.consultationID = consultationID
        self.position = position
        self.kind = kind
        self.text = text
        self.choices = choices.joined(separator: "\n")
        self.conditionQuestionID = conditionQuestionID
        self.conditionChoice = conditionChoice
        self.createdAt = now
    }

    public var choiceList: [String] { choices.isEmpty ? [] : choices.components(separatedBy: "\n") }
}
