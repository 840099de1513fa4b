import Fluent

/// Migrations are history: never edit one that has landed; add a new one.
public struct CreateOrganisations: AsyncMigration {
    public var name: String { "M001_CreateOrganisations" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("organisations")
            .id()
            .field("name", .string, .required)
            .field("default_language", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("organisations").delete()
    }
}
