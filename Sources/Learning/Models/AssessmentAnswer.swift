import Fluent
import Foundation

/// One person's answers in one round, stored as `{"item": value}`; a draft until submitted, so
/// that a long questionnaire can be left and resumed. `@unchecked Sendable`: see ``AssessmentRound``.
public final class AssessmentAnswer: Model, @unchecked Sendable {
    public static let schema = "assessment_answers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "round_id") public var roundID: UUID
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "answers") public var answers: String
    @Field(key: "updated_at") public var updatedAt: Date
    @OptionalField(key: "submitted_at") public var submittedAt: Date?

    public init() {}

    public init(roundID: UUID, accountID: UUID, answers: [String: Int], at now: Date) {
        self.roundID = roundID
        self.accountID = accountID
        self.answers = Self.stored(answers)
        self.updatedAt = now
    }

    /// The answers as a dictionary; what cannot be read is left out.
    public var values: [String: Int] {
        (try? JSONDecoder().decode([String: Int].self, from: Data(answers.utf8))) ?? [:]
    }

    static func stored(_ answers: [String: Int]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(answers)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
