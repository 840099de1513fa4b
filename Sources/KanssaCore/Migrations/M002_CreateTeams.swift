import Fluent

public struct CreateTeams: AsyncMigration {
    public var name: String { "M002_CreateTeams" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("teams")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "organisation_id", "name")
            .create()
        try await database.createIndex("teams_organisation_id", on: "teams", columns: ["organisation_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("teams").delete()
    }
}
