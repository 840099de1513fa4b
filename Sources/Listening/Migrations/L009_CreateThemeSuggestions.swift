import Fluent
import KanssaCore

/// Runs of theme suggestion and the themes each suggested, with what a person decided.
public struct CreateThemeSuggestions: AsyncMigration {
    public var name: String { "Listening_L009_CreateThemeSuggestions" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(SuggestionRun.schema)
            .id()
            .field("consultation_id", .uuid, .required, .references(Consultation.schema, "id"))
            .field("language", .string, .required)
            .field("wanted", .int, .required)
            .field("status", .string, .required)
            .field("progress", .int, .required)
            .field("answer_count", .int, .required)
            .field("requested_by_id", .uuid, .required, .references("accounts", "id"))
            .field("requested_at", .datetime, .required)
            .field("finished_at", .datetime)
            .create()
        try await database.createIndex("consultation_suggestion_runs_consultation_id", on: SuggestionRun.schema, columns: ["consultation_id", "requested_at"])
        try await database.createIndex("consultation_suggestion_runs_requested_by_id", on: SuggestionRun.schema, columns: ["requested_by_id"])
        try await database.schema(ThemeSuggestion.schema)
            .id()
            .field("run_id", .uuid, .required, .references(SuggestionRun.schema, "id"))
            .field("consultation_id", .uuid, .required, .references(Consultation.schema, "id"))
            .field("position", .int, .required)
            .field("words", .string, .required)
            .field("answer_count", .int, .required)
            .field("example_ids", .string, .required)
            .field("decision", .string, .required)
            .field("theme_id", .uuid, .references(Theme.schema, "id"))
            .field("decided_by_id", .uuid, .references("accounts", "id"))
            .field("decided_at", .datetime)
            .create()
        try await database.createIndex("consultation_theme_suggestions_run_id", on: ThemeSuggestion.schema, columns: ["run_id", "position"])
        try await database.createIndex("consultation_theme_suggestions_consultation_id", on: ThemeSuggestion.schema, columns: ["consultation_id"])
        try await database.createIndex("consultation_theme_suggestions_decided_by_id", on: ThemeSuggestion.schema, columns: ["decided_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ThemeSuggestion.schema).delete()
        try await database.schema(SuggestionRun.schema).delete()
    }
}
