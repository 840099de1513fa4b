import Fluent
import KanssaCore

public struct CreatePlanNotes: AsyncMigration {
    public var name: String { "Agenda_A005_CreatePlanNotes" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("plan_notes")
            .id()
            .field("plan_id", .uuid, .required, .references("plans", "id"))
            .field("author_id", .uuid, .required, .references("accounts", "id"))
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("plan_notes_plan_id_created_at", on: "plan_notes", columns: ["plan_id", "created_at"])
        try await database.createIndex("plan_notes_author_id", on: "plan_notes", columns: ["author_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("plan_notes").delete()
    }
}
