import Fluent

/// Organisations' own accessibility statements, privacy notices and help pages.
public struct CreateOrganisationPages: AsyncMigration {
    public var name: String { "M023_CreateOrganisationPages" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(OrganisationPage.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("updated_by_id", .uuid, .required, .references("accounts", "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "organisation_id", "kind")
            .create()
        try await database.createIndex("organisation_pages_updated_by_id", on: OrganisationPage.schema, columns: ["updated_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(OrganisationPage.schema).delete()
    }
}
