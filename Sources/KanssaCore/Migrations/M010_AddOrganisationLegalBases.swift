import Fluent
import SQLKit

/// Each organisation's configured legal bases for sharing and processing personal data.
/// Plain SQL: the same statements work on SQLite (3.35 and later) and PostgreSQL.
public struct AddOrganisationLegalBases: AsyncMigration {
    public var name: String { "M010_AddOrganisationLegalBases" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE organisations ADD COLUMN legal_bases TEXT NOT NULL DEFAULT 'public-task,consent'").run()
    }

    public func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE organisations DROP COLUMN legal_bases").run()
    }
}
