import Fluent
import SQLKit

/// Adaptations: a module records the published module it was adapted from; a credit records the
/// organisation it was given in, and whether it came with the module it was adapted from (kept
/// as it was) or was given for this module. Plain SQL that SQLite and PostgreSQL both take.
public struct AddAdaptations: AsyncMigration {
    public var name: String { "Encountering_E002_AddAdaptations" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE encounter_modules ADD COLUMN adapted_from_id UUID REFERENCES encounter_modules (id)").run()
        try await sql.raw("ALTER TABLE encounter_credits ADD COLUMN organisation_name TEXT NOT NULL DEFAULT ''").run()
        try await sql.raw("ALTER TABLE encounter_credits ADD COLUMN inherited BOOLEAN NOT NULL DEFAULT FALSE").run()
        try await database.createIndex("encounter_modules_adapted_from_id", on: "encounter_modules", columns: ["adapted_from_id"])
    }

    public func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX encounter_modules_adapted_from_id").run()
        try await sql.raw("ALTER TABLE encounter_credits DROP COLUMN inherited").run()
        try await sql.raw("ALTER TABLE encounter_credits DROP COLUMN organisation_name").run()
        try await sql.raw("ALTER TABLE encounter_modules DROP COLUMN adapted_from_id").run()
    }
}
