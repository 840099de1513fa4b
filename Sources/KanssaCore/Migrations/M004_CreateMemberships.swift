import Fluent

public struct CreateMemberships: AsyncMigration {
    public var name: String { "M004_CreateMemberships" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("memberships")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("role", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "account_id", "organisation_id", "role")
            .create()
        try await database.createIndex("memberships_account_id", on: "memberships", columns: ["account_id"])
        try await database.createIndex(
            "memberships_organisation_id_role", on: "memberships", columns: ["organisation_id", "role"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("memberships").delete()
    }
}
