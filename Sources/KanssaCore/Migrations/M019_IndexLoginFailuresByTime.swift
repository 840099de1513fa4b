import Fluent

/// Failed sign-ins are pruned by age at every new failure; without an index of their times that
/// is a scan of the whole table, which grows fastest while someone is guessing.
public struct IndexLoginFailuresByTime: AsyncMigration {
    public var name: String { "M019_IndexLoginFailuresByTime" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.createIndex("login_failures_occurred_at", on: LoginFailure.schema, columns: ["occurred_at"])
    }

    public func revert(on database: any Database) async throws {
        try await database.dropIndex("login_failures_occurred_at")
    }
}
