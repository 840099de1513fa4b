import Fluent
import SQLKit

/// The audit log stays append-only, with one exception the database itself checks: an entry
/// about a person (or by them) may be removed while that person's erasure is in progress — by
/// the retention job, once the organisations' rules no longer keep the trace. Changing an entry
/// is still refused always.
public struct AllowAuditErasure: AsyncMigration {
    public var name: String { "M014_AllowAuditErasure" }
    public init() {}

    static let erasing = """
        EXISTS (SELECT 1 FROM data_requests dr WHERE dr.kind = 'erasure' AND dr.state = 'active'
            AND (dr.account_id = OLD.subject_id OR dr.account_id = OLD.actor_id))
        """

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        switch database.dialectName {
        case "sqlite":
            try await sql.raw("DROP TRIGGER audit_entries_no_delete").run()
            try await sql.raw("""
                CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
                WHEN NOT \(unsafeRaw: Self.erasing)
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                """).run()
        default:
            try await sql.raw("DROP TRIGGER audit_entries_append_only ON audit_entries").run()
            try await sql.raw("""
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()
                """).run()
            try await sql.raw("""
                CREATE FUNCTION audit_entries_erasable() RETURNS trigger AS $$
                BEGIN
                    IF \(unsafeRaw: Self.erasing) THEN RETURN OLD; END IF;
                    RAISE EXCEPTION 'the audit log is append-only';
                END;
                $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_entries_erasable BEFORE DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_erasable()
                """).run()
        }
    }

    public func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        switch database.dialectName {
        case "sqlite":
            try await sql.raw("DROP TRIGGER audit_entries_no_delete").run()
            try await sql.raw("""
                CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                """).run()
        default:
            try await sql.raw("DROP TRIGGER audit_entries_erasable ON audit_entries").run()
            try await sql.raw("DROP FUNCTION audit_entries_erasable()").run()
            try await sql.raw("DROP TRIGGER audit_entries_append_only ON audit_entries").run()
            try await sql.raw("""
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()
                """).run()
        }
    }
}
