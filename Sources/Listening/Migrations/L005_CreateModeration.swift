import Fluent
import KanssaCore
import SQLKit

/// Moderation of written answers: what is hidden of each (its passages, the text itself kept
/// as written), whether it is moderated or flagged, a version that tells a moderator someone
/// else moderated first, and the log of every step.
public struct CreateModeration: AsyncMigration {
    public var name: String { "Listening_L005_CreateModeration" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        // One column at a time: SQLite adds no more in one statement.
        try await database.schema(Answer.schema).field("hidden", .string, .required, .sql(.default(""))).update()
        try await database.schema(Answer.schema).field("moderation", .string, .required, .sql(.default("unmoderated"))).update()
        try await database.schema(Answer.schema).field("moderation_version", .int, .required, .sql(.default(0))).update()
        try await database.schema(ModerationStep.schema)
            .id()
            .field("answer_id", .uuid, .required, .references(Answer.schema, "id"))
            .field("moderator_id", .uuid, .required, .references("accounts", "id"))
            .field("state", .string, .required)
            .field("hidden", .string, .required)
            .field("reason", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.createIndex("consultation_moderation_steps_answer_id", on: ModerationStep.schema, columns: ["answer_id", "at"])
        try await database.createIndex("consultation_moderation_steps_moderator_id", on: ModerationStep.schema, columns: ["moderator_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ModerationStep.schema).delete()
        for field in ["moderation_version", "moderation", "hidden"] {
            try await database.schema(Answer.schema).deleteField(.key(.init(stringLiteral: field))).update()
        }
    }
}
