import Fluent

public struct CreateLoginFailures: AsyncMigration {
    public var name: String { "M009_CreateLoginFailures" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("login_failures")
            .id()
            .field("throttle_key", .string, .required)
            .field("occurred_at", .datetime, .required)
            .create()
        try await database.createIndex(
            "login_failures_key_occurred_at", on: "login_failures", columns: ["throttle_key", "occurred_at"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("login_failures").delete()
    }
}
