import Fluent

public struct CreateAccounts: AsyncMigration {
    public var name: String { "M003_CreateAccounts" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("accounts")
            .id()
            .field("login", .string, .required)
            .field("display_name", .string, .required)
            .field("preferred_language", .string, .required)
            .field("password_hash", .string, .required)
            .field("disabled_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "login")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("accounts").delete()
    }
}
