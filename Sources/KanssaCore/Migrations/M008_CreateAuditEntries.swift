import Fluent
import SQLKit

/// The audit log, and triggers that make the database itself refuse to change or remove a row.
public struct CreateAuditEntries: AsyncMigration {
    public var name: String { "M008_CreateAuditEntries" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .id()
            .field("occurred_at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("subject_id", .uuid)
            .field("organisation_id", .uuid)
            .field("event", .string, .required)
            .field("target", .string, .required)
            .field("purpose", .string, .required)
            .field("outcome", .string, .required)
            .field("request_id", .string, .required)
            .create()
        try await database.createIndex(
            "audit_entries_subject_id_occurred_at", on: "audit_entries", columns: ["subject_id", "occurred_at"])
        try await database.createIndex("audit_entries_actor_id", on: "audit_entries", columns: ["actor_id"])
        try await database.createIndex(
            "audit_entries_organisation_id", on: "audit_entries", columns: ["organisation_id"])
        guard let sql = database as? any SQLDatabase else { return }
        switch database.dialectName {
        case "sqlite":
            for operation in ["UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER audit_entries_no_\(unsafeRaw: operation.lowercased())
                    BEFORE \(unsafeRaw: operation) ON audit_entries
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                    """).run()
            }
        default:
            try await sql.raw("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'the audit log is append-only'; END;
                $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()
                """).run()
        }
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").delete()
        if database.dialectName == "postgresql", let sql = database as? any SQLDatabase {
            try await sql.raw("DROP FUNCTION IF EXISTS audit_entries_append_only()").run()
        }
    }
}
