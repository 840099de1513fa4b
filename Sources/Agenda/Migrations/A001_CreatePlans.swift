import Fluent
import KanssaCore

/// Migrations are history: never edit one that has landed; add a new one.
public struct CreatePlans: AsyncMigration {
    public var name: String { "Agenda_A001_CreatePlans" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("plans")
            .id()
            .field("owner_id", .uuid, .required, .references("accounts", "id"))
            .field("what_matters", .string)
            .field("appreciated", .string)
            .field("important", .string)
            .field("support", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by_id", .uuid, .required, .references("accounts", "id"))
            .unique(on: "owner_id")
            .create()
        try await database.createIndex("plans_updated_by_id", on: "plans", columns: ["updated_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("plans").delete()
    }
}
