import Fluent
import SQLKit

/// Whether a note, an action or a rating by someone else was written with the plan's owner
/// present (in a meeting): recorded as such, and shown. Plain SQL that SQLite and PostgreSQL both
/// take.
public struct AddOwnerPresent: AsyncMigration {
    public var name: String { "Agenda_A008_AddOwnerPresent" }
    public init() {}

    static let tables = ["plan_notes", "plan_actions", "check_ins"]

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for table in Self.tables {
            try await sql.raw("ALTER TABLE \(ident: table) ADD COLUMN with_owner_present BOOLEAN NOT NULL DEFAULT FALSE").run()
        }
    }

    public func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for table in Self.tables {
            try await sql.raw("ALTER TABLE \(ident: table) DROP COLUMN with_owner_present").run()
        }
    }
}
