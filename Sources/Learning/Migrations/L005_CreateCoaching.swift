import Fluent
import KanssaCore

/// Coaching: relationships between a coach and a coachee, and their GROW-shaped sessions.
public struct CreateCoaching: AsyncMigration {
    public var name: String { "Learning_L005_CreateCoaching" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("coaching_relationships")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("coach_id", .uuid, .required, .references("accounts", "id"))
            .field("coachee_id", .uuid, .required, .references("accounts", "id"))
            .field("started_at", .datetime, .required)
            .field("ended_at", .datetime)
            .field("coach_may_read_after_end", .bool, .required)
            .create()
        try await database.createIndex("coaching_relationships_coach_id", on: "coaching_relationships", columns: ["coach_id"])
        try await database.createIndex("coaching_relationships_coachee_id", on: "coaching_relationships", columns: ["coachee_id"])
        try await database.createIndex("coaching_relationships_organisation_id", on: "coaching_relationships", columns: ["organisation_id"])

        try await database.schema("coaching_sessions")
            .id()
            .field("relationship_id", .uuid, .required, .references("coaching_relationships", "id"))
            .field("held_on", .datetime, .required)
            .field("goal", .string, .required)
            .field("reality", .string, .required)
            .field("options", .string, .required)
            .field("will", .string, .required)
            .field("written_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("coaching_sessions_relationship_id", on: "coaching_sessions", columns: ["relationship_id"])
        try await database.createIndex("coaching_sessions_written_by_id", on: "coaching_sessions", columns: ["written_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("coaching_sessions").delete()
        try await database.schema("coaching_relationships").delete()
    }
}
