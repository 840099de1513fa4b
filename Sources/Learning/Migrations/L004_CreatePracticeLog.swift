import Fluent
import KanssaCore

/// The practice log: tools organisations add to Kanssa's catalogue, and professionals' entries
/// about using them.
public struct CreatePracticeLog: AsyncMigration {
    public var name: String { "Learning_L004_CreatePracticeLog" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("practice_tools")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("practice_tools_organisation_id", on: "practice_tools", columns: ["organisation_id"])
        try await database.createIndex("practice_tools_created_by_id", on: "practice_tools", columns: ["created_by_id"])

        try await database.schema("practice_entries")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("tool", .string, .required)
            .field("used_on", .datetime, .required)
            .field("with_whom", .string, .required)
            .field("what_happened", .string, .required)
            .field("what_learned", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("practice_entries_account_id", on: "practice_entries", columns: ["account_id", "used_on"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("practice_entries").delete()
        try await database.schema("practice_tools").delete()
    }
}
