import Fluent
import SQLKit

/// At most one theme-suggestion run under way per consultation, kept by the database: two people
/// pressing "Suggest themes" at once get one run, and the other is told one is under way.
public struct OneRunningSuggestion: AsyncMigration {
    public var name: String { "Listening_L010_OneRunningSuggestion" }
    public init() {}

    static let index = "consultation_suggestion_runs_one_running"

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        // A partial unique index: both SQLite and PostgreSQL have them, with the same words.
        try await sql.raw("""
            CREATE UNIQUE INDEX \(ident: Self.index) ON \(ident: SuggestionRun.schema) (consultation_id) WHERE status = 'running'
            """).run()
    }

    public func revert(on database: any Database) async throws {
        try await database.dropIndex(Self.index)
    }
}
