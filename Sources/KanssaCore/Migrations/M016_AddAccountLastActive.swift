import Fluent
import Foundation
import SQLKit

/// When each person last began a session: an organisation's rule on unused accounts counts from
/// it. Accounts there are count from the day this runs, so that nobody is taken for unused by an
/// upgrade.
public struct AddAccountLastActive: AsyncMigration {
    public var name: String { "M016_AddAccountLastActive" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Account.schema).field("last_active_at", .datetime).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.update(Account.schema).set("last_active_at", to: Date()).run()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Account.schema).deleteField("last_active_at").update()
    }
}
