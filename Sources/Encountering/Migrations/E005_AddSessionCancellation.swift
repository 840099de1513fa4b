import Fluent
import SQLKit

/// A session can be called off before it begins: when, and by whom.
public struct AddSessionCancellation: AsyncMigration {
    public var name: String { "Encountering_E005_AddSessionCancellation" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("encounter_sessions").field("cancelled_at", .datetime).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE encounter_sessions ADD COLUMN cancelled_by_id UUID REFERENCES accounts (id)").run()
    }

    public func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE encounter_sessions DROP COLUMN cancelled_by_id").run()
        try await sql.raw("ALTER TABLE encounter_sessions DROP COLUMN cancelled_at").run()
    }
}
