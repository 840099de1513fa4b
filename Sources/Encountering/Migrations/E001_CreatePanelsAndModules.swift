import Fluent
import KanssaCore

/// Service-user panels and the training modules they write: sections, credits, staff comments.
public struct CreatePanelsAndModules: AsyncMigration {
    public var name: String { "Encountering_E001_CreatePanelsAndModules" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("encounter_panels")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("name", .string, .required)
            .field("staff_contact_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("encounter_panels_organisation_id", on: "encounter_panels", columns: ["organisation_id"])
        try await database.createIndex("encounter_panels_staff_contact_id", on: "encounter_panels", columns: ["staff_contact_id"])

        try await database.schema("encounter_panel_members")
            .id()
            .field("panel_id", .uuid, .required, .references("encounter_panels", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("credit_name", .string, .required)
            .field("joined_at", .datetime, .required)
            .field("left_at", .datetime)
            .unique(on: "panel_id", "account_id")
            .create()
        try await database.createIndex("encounter_panel_members_account_id", on: "encounter_panel_members", columns: ["account_id"])

        try await database.schema("encounter_modules")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("panel_id", .uuid, .required, .references("encounter_panels", "id"))
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("language", .string, .required)
            .field("licence", .string, .required)
            .field("published_at", .datetime)
            .field("version", .int, .required)
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.createIndex("encounter_modules_panel_id", on: "encounter_modules", columns: ["panel_id"])
        try await database.createIndex("encounter_modules_organisation_id", on: "encounter_modules", columns: ["organisation_id"])
        try await database.createIndex("encounter_modules_created_by_id", on: "encounter_modules", columns: ["created_by_id"])

        try await database.schema("encounter_sections")
            .id()
            .field("module_id", .uuid, .required, .references("encounter_modules", "id"))
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("instrument_id", .string)
            .field("written_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("encounter_sections_module_id", on: "encounter_sections", columns: ["module_id", "position"])
        try await database.createIndex("encounter_sections_written_by_id", on: "encounter_sections", columns: ["written_by_id"])

        try await database.schema("encounter_credits")
            .id()
            .field("module_id", .uuid, .required, .references("encounter_modules", "id"))
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("panel_name", .string, .required)
            .field("position", .int, .required)
            .create()
        try await database.createIndex("encounter_credits_module_id", on: "encounter_credits", columns: ["module_id"])

        try await database.schema("encounter_comments")
            .id()
            .field("module_id", .uuid, .required, .references("encounter_modules", "id"))
            .field("author_id", .uuid, .required, .references("accounts", "id"))
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("encounter_comments_module_id", on: "encounter_comments", columns: ["module_id"])
        try await database.createIndex("encounter_comments_author_id", on: "encounter_comments", columns: ["author_id"])
    }

    public func revert(on database: any Database) async throws {
        for table in ["encounter_comments", "encounter_credits", "encounter_sections", "encounter_modules", "encounter_panel_members",
                      "encounter_panels"] {
            try await database.schema(table).delete()
        }
    }
}
