import Fluent
import KanssaCore

public struct CreateCheckIns: AsyncMigration {
    public var name: String { "Agenda_A006_CreateCheckIns" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("check_ins")
            .id()
            .field("plan_id", .uuid, .required, .references("plans", "id"))
            .field("life_area", .string, .required)
            .field("rating", .int, .required)
            .field("note", .string)
            .field("perspective", .string, .required)
            .field("rated_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("check_ins_plan_id_created_at", on: "check_ins", columns: ["plan_id", "created_at"])
        try await database.createIndex("check_ins_rated_by_id", on: "check_ins", columns: ["rated_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("check_ins").delete()
    }
}
