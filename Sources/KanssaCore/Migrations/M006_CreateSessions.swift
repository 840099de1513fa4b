import Fluent

public struct CreateSessions: AsyncMigration {
    public var name: String { "M006_CreateSessions" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .id()
            .field("token_digest", .string, .required)
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "token_digest")
            .create()
        try await database.createIndex("sessions_account_id", on: "sessions", columns: ["account_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}
