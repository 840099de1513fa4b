import Fluent
import KanssaCore

/// Feedback flowing back: participants' feedback and self-reflection, their follow-up weeks
/// later, and the co-trainers' own reflections on each session.
public struct CreateEncounterFeedback: AsyncMigration {
    public var name: String { "Encountering_E004_CreateFeedback" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("encounter_feedback")
            .id()
            .field("session_id", .uuid, .required, .references("encounter_sessions", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("changed", .int, .required)
            .field("heard", .string, .required)
            .field("will_do", .string, .required)
            .field("reflection_instrument", .string)
            .field("reflection_version", .int)
            .field("reflection_answers", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "session_id", "account_id")
            .create()
        try await database.createIndex("encounter_feedback_account_id", on: "encounter_feedback", columns: ["account_id"])

        try await database.schema("encounter_follow_ups")
            .id()
            .field("session_id", .uuid, .required, .references("encounter_sessions", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("outcome", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "session_id", "account_id")
            .create()
        try await database.createIndex("encounter_follow_ups_account_id", on: "encounter_follow_ups", columns: ["account_id"])

        try await database.schema("encounter_co_trainer_reflections")
            .id()
            .field("session_id", .uuid, .required, .references("encounter_sessions", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("heard", .int, .required)
            .field("text", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "session_id", "account_id")
            .create()
        try await database.createIndex("encounter_co_trainer_reflections_account_id", on: "encounter_co_trainer_reflections",
                                       columns: ["account_id"])
    }

    public func revert(on database: any Database) async throws {
        for table in ["encounter_co_trainer_reflections", "encounter_follow_ups", "encounter_feedback"] {
            try await database.schema(table).delete()
        }
    }
}
