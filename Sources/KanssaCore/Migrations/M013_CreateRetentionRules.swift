import Fluent

/// How long an organisation keeps each kind of record about a person after that person asked for
/// erasure, and why. At most one rule per organisation and kind.
public struct CreateRetentionRules: AsyncMigration {
    public var name: String { "M013_CreateRetentionRules" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("retention_rules")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("record_kind", .string, .required)
            .field("keep_months", .int, .required)
            .field("reason", .string, .required)
            .field("updated_by_id", .uuid, .required, .references("accounts", "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "organisation_id", "record_kind")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("retention_rules").delete()
    }
}
