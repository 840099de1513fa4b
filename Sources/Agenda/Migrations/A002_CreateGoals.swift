import Fluent
import KanssaCore

public struct CreateGoals: AsyncMigration {
    public var name: String { "Agenda_A002_CreateGoals" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("goals")
            .id()
            .field("plan_id", .uuid, .required, .references("plans", "id"))
            .field("text", .string, .required)
            .field("origin", .string, .required)
            .field("status", .string, .required)
            .field("suggested_by_id", .uuid, .references("accounts", "id"))
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await database.createIndex("goals_plan_id_status", on: "goals", columns: ["plan_id", "status"])
        try await database.createIndex("goals_suggested_by_id", on: "goals", columns: ["suggested_by_id"])
        try await database.createIndex("goals_created_by_id", on: "goals", columns: ["created_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("goals").delete()
    }
}
