import Fluent
import KanssaCore

/// The codebook of a consultation and the codings of its answers, by several coders each.
public struct CreateCodebook: AsyncMigration {
    public var name: String { "Listening_L006_CreateCodebook" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Theme.schema)
            .id()
            .field("consultation_id", .uuid, .required, .references(Consultation.schema, "id"))
            .field("parent_id", .uuid, .references(Theme.schema, "id"))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("consultation_themes_consultation_id", on: Theme.schema, columns: ["consultation_id", "created_at"])
        try await database.createIndex("consultation_themes_parent_id", on: Theme.schema, columns: ["parent_id"])
        try await database.createIndex("consultation_themes_created_by_id", on: Theme.schema, columns: ["created_by_id"])
        try await database.schema(Coding.schema)
            .id()
            .field("answer_id", .uuid, .required, .references(Answer.schema, "id"))
            .field("theme_id", .uuid, .required, .references(Theme.schema, "id"))
            .field("coder_id", .uuid, .required, .references("accounts", "id"))
            .field("passage", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "answer_id", "theme_id", "coder_id", "passage")
            .create()
        try await database.createIndex("consultation_codings_theme_id", on: Coding.schema, columns: ["theme_id"])
        try await database.createIndex("consultation_codings_coder_id", on: Coding.schema, columns: ["coder_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Coding.schema).delete()
        try await database.schema(Theme.schema).delete()
    }
}
