import Fluent
import KanssaCore

/// Research projects and the exports asked for in them.
public struct CreateResearch: AsyncMigration {
    public var name: String { "Evaluation_V004_CreateResearch" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ResearchProject.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
            .field("researcher_id", .uuid, .required, .references("accounts", "id"))
            .field("name", .string, .required)
            .field("purpose", .string, .required)
            .field("fields", .string, .required)
            .field("period_start", .string, .required)
            .field("period_end", .string, .required)
            .field("ends_on", .string, .required)
            .field("exact_dates", .bool, .required)
            .field("salt", .string, .required)
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("research_projects_organisation_id", on: ResearchProject.schema, columns: ["organisation_id"])
        try await database.createIndex("research_projects_researcher_id", on: ResearchProject.schema, columns: ["researcher_id"])
        try await database.schema(ResearchExport.schema)
            .id()
            .field("project_id", .uuid, .required, .references(ResearchProject.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
            .field("fields", .string, .required)
            .field("requested_by_id", .uuid, .required, .references("accounts", "id"))
            .field("requested_at", .datetime, .required)
            .field("status", .string, .required)
            .field("decided_by_id", .uuid, .references("accounts", "id"))
            .field("decided_at", .datetime)
            .create()
        try await database.createIndex("research_exports_project_id", on: ResearchExport.schema, columns: ["project_id"])
        try await database.createIndex("research_exports_organisation_id", on: ResearchExport.schema, columns: ["organisation_id", "status"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ResearchExport.schema).delete()
        try await database.schema(ResearchProject.schema).delete()
    }
}
