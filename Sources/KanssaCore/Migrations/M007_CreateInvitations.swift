import Fluent

public struct CreateInvitations: AsyncMigration {
    public var name: String { "M007_CreateInvitations" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("invitations")
            .id()
            .field("code_digest", .string, .required)
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("role", .string, .required)
            .field("team_id", .uuid, .references("teams", "id"))
            .field("invited_by_id", .uuid, .required, .references("accounts", "id"))
            .field("expires_at", .datetime, .required)
            .field("redeemed_at", .datetime)
            .field("redeemed_by_id", .uuid, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "code_digest")
            .create()
        try await database.createIndex(
            "invitations_organisation_id", on: "invitations", columns: ["organisation_id"])
        try await database.createIndex("invitations_team_id", on: "invitations", columns: ["team_id"])
        try await database.createIndex(
            "invitations_invited_by_id", on: "invitations", columns: ["invited_by_id"])
        try await database.createIndex(
            "invitations_redeemed_by_id", on: "invitations", columns: ["redeemed_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("invitations").delete()
    }
}
