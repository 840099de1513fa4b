import Fluent
import SQLKit

/// Whether an authorisation was recorded by a professional in a meeting with the plan's owner
/// present, rather than by the owner themselves: recorded as such, and shown on the receipt.
public struct AddAuthorisationOwnerPresent: AsyncMigration {
    public var name: String { "Agenda_A009_AddAuthorisationOwnerPresent" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE plan_authorisations ADD COLUMN with_owner_present BOOLEAN NOT NULL DEFAULT FALSE").run()
    }

    public func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE plan_authorisations DROP COLUMN with_owner_present").run()
    }
}
