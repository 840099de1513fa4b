import Fluent
import Foundation
import SQLKit

/// Each account's name as it is searched: lower-cased and without accents, in every language, so
/// that "angstrom" and "ÅNGSTRÖM" both find "Ångström" on SQLite as on PostgreSQL (SQLite's own
/// LOWER changes only ASCII letters). Filled in for the accounts there are.
public struct AddAccountSearchName: AsyncMigration {
    public var name: String { "M015_AddAccountSearchName" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE accounts ADD COLUMN search_name TEXT NOT NULL DEFAULT ''").run()
        struct Row: Decodable { let id: UUID; let display_name: String }
        let rows = try await sql.raw("SELECT id, display_name FROM accounts").all(decoding: Row.self)
        for row in rows {
            try await sql.update("accounts").set("search_name", to: Account.searchKey(row.display_name)).where("id", .equal, row.id).run()
        }
    }

    public func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE accounts DROP COLUMN search_name").run()
    }
}
