import Fluent

public struct CreateTeamMembers: AsyncMigration {
    public var name: String { "M005_CreateTeamMembers" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("team_members")
            .id()
            .field("team_id", .uuid, .required, .references("teams", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "team_id", "account_id")
            .create()
        try await database.createIndex("team_members_team_id", on: "team_members", columns: ["team_id"])
        try await database.createIndex("team_members_account_id", on: "team_members", columns: ["account_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("team_members").delete()
    }
}
