import Fluent
import KanssaCore

public struct CreateStrengths: AsyncMigration {
    public var name: String { "Agenda_A004_CreateStrengths" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("strengths")
            .id()
            .field("plan_id", .uuid, .required, .references("plans", "id"))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("strengths_plan_id", on: "strengths", columns: ["plan_id"])
        try await database.createIndex("strengths_created_by_id", on: "strengths", columns: ["created_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("strengths").delete()
    }
}
