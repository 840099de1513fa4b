import Fluent
import KanssaCore

/// One person's answers in one round, kept under the instrument version of the round. Only that
/// person ever reads them; everyone else sees figures of groups of five or more.
public struct CreateAssessmentAnswers: AsyncMigration {
    public var name: String { "Learning_L002_CreateAssessmentAnswers" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("assessment_answers")
            .id()
            .field("round_id", .uuid, .required, .references("assessment_rounds", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("answers", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("submitted_at", .datetime)
            .unique(on: "round_id", "account_id")
            .create()
        try await database.createIndex("assessment_answers_account_id", on: "assessment_answers", columns: ["account_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("assessment_answers").delete()
    }
}
