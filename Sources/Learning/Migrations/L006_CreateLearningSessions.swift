import Fluent
import KanssaCore

/// Learning sessions run by trainers: the sessions, registrations with attendance, and feedback.
public struct CreateLearningSessions: AsyncMigration {
    public var name: String { "Learning_L006_CreateLearningSessions" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("learning_sessions")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("trainer_id", .uuid, .required, .references("accounts", "id"))
            .field("starts_at", .datetime, .required)
            .field("minutes", .int, .required)
            .field("place", .string, .required)
            .field("materials", .string, .required)
            .field("capacity", .int)
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("learning_sessions_organisation_id", on: "learning_sessions", columns: ["organisation_id", "starts_at"])
        try await database.createIndex("learning_sessions_trainer_id", on: "learning_sessions", columns: ["trainer_id"])
        try await database.createIndex("learning_sessions_created_by_id", on: "learning_sessions", columns: ["created_by_id"])

        try await database.schema("learning_session_registrations")
            .id()
            .field("session_id", .uuid, .required, .references("learning_sessions", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("registered_at", .datetime, .required)
            .field("cancelled_at", .datetime)
            .field("attended", .bool)
            .unique(on: "session_id", "account_id")
            .create()
        try await database.createIndex("learning_session_registrations_account_id", on: "learning_session_registrations", columns: ["account_id"])

        try await database.schema("learning_session_feedback")
            .id()
            .field("session_id", .uuid, .required, .references("learning_sessions", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("usefulness", .int, .required)
            .field("comment", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "session_id", "account_id")
            .create()
        try await database.createIndex("learning_session_feedback_account_id", on: "learning_session_feedback", columns: ["account_id"])
    }

    public func revert(on database: any Database) async throws {
        for table in ["learning_session_feedback", "learning_session_registrations", "learning_sessions"] {
            try await database.schema(table).delete()
        }
    }
}
