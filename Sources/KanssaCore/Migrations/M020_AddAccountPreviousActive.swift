import Fluent

/// When each person began the session before their latest one: home pages say what changed
/// since then. Empty until the person next signs in.
public struct AddAccountPreviousActive: AsyncMigration {
    public var name: String { "M020_AddAccountPreviousActive" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Account.schema).field("previous_active_at", .datetime).update()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Account.schema).deleteField("previous_active_at").update()
    }
}
