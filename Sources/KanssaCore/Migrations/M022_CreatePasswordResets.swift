import Fluent

/// Codes staff hand to a person who forgot their password.
public struct CreatePasswordResets: AsyncMigration {
    public var name: String { "M022_CreatePasswordResets" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(PasswordReset.schema)
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("code_digest", .string, .required)
            .field("issued_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "code_digest")
            .create()
        try await database.createIndex("password_resets_account_id", on: PasswordReset.schema, columns: ["account_id"])
        try await database.createIndex("password_resets_organisation_id", on: PasswordReset.schema, columns: ["organisation_id"])
        try await database.createIndex("password_resets_issued_by_id", on: PasswordReset.schema, columns: ["issued_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(PasswordReset.schema).delete()
    }
}
