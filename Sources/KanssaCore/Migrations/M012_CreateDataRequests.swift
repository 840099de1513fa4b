import Fluent

/// A person's requests to restrict the processing of their data or to erase it. `account_id` has
/// no foreign key on purpose: the record that an erasure was carried out outlives the account.
public struct CreateDataRequests: AsyncMigration {
    public var name: String { "M012_CreateDataRequests" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("data_requests")
            .id()
            .field("account_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("state", .string, .required)
            .field("requested_at", .datetime, .required)
            .field("account_closed_at", .datetime)
            .field("ended_at", .datetime)
            .create()
        try await database.createIndex("data_requests_account_id_state", on: "data_requests", columns: ["account_id", "state"])
        try await database.createIndex("data_requests_kind_state", on: "data_requests", columns: ["kind", "state"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("data_requests").delete()
    }
}
