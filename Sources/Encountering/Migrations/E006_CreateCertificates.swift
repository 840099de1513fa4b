import Fluent

/// Certificates of attendance that carry a code anyone can check.
public struct CreateCertificates: AsyncMigration {
    public var name: String { "Encountering_E006_CreateCertificates" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(AttendanceCertificate.schema)
            .id()
            .field("code", .string, .required)
            .field("session_id", .uuid, .required, .references("encounter_sessions", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("issued_at", .datetime, .required)
            .unique(on: "code")
            .unique(on: "session_id", "account_id")
            .create()
        try await database.createIndex("encounter_certificates_account_id", on: AttendanceCertificate.schema, columns: ["account_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(AttendanceCertificate.schema).delete()
    }
}
