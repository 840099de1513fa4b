import Fluent
import KanssaCore
import SQLKit

/// Consultations and their assumptions ledger. The ledger freezes when its consultation opens:
/// the database itself refuses to change or remove an assumption of a consultation that is not
/// a draft, whoever asks and through whichever code.
public struct CreateConsultations: AsyncMigration {
    public var name: String { "Listening_L001_CreateConsultations" }
    public init() {}

    static let frozen = "(SELECT state FROM consultations WHERE id = OLD.consultation_id) <> 'draft'"
    static let message = "the assumptions ledger is frozen once the consultation opens"

    public func prepare(on database: any Database) async throws {
        try await database.schema(Consultation.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("team_id", .uuid, .required, .references("teams", "id"))
            .field("title", .string, .required)
            .field("purpose", .string, .required)
            .field("audience", .string, .required)
            .field("state", .string, .required)
            .field("opens_on", .string, .required)
            .field("closes_on", .string, .required)
            .field("opened_at", .datetime)
            .field("closed_at", .datetime)
            .field("reopened_at", .datetime)
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("consultations_organisation_id", on: Consultation.schema, columns: ["organisation_id", "created_at"])
        try await database.createIndex("consultations_team_id", on: Consultation.schema, columns: ["team_id"])
        try await database.createIndex("consultations_created_by_id", on: Consultation.schema, columns: ["created_by_id"])

        try await database.schema(Assumption.schema)
            .id()
            .field("consultation_id", .uuid, .required, .references(Consultation.schema, "id"))
            .field("statement", .string, .required)
            .field("held_by", .string, .required)
            .field("confidence", .int, .required)
            .field("if_wrong", .string, .required)
            .field("added_after_opening", .bool, .required)
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("consultation_assumptions_consultation_id", on: Assumption.schema, columns: ["consultation_id", "created_at"])
        try await database.createIndex("consultation_assumptions_created_by_id", on: Assumption.schema, columns: ["created_by_id"])

        guard let sql = database as? any SQLDatabase else { return }
        switch database.dialectName {
        case "sqlite":
            for event in ["UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER consultation_assumptions_frozen_\(unsafeRaw: event.lowercased()) BEFORE \(unsafeRaw: event)
                    ON consultation_assumptions WHEN \(unsafeRaw: Self.frozen)
                    BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: Self.message)'); END
                    """).run()
            }
        default:
            try await sql.raw("""
                CREATE FUNCTION consultation_assumptions_frozen() RETURNS trigger AS $$
                BEGIN
                    IF \(unsafeRaw: Self.frozen) THEN RAISE EXCEPTION '\(unsafeRaw: Self.message)'; END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER consultation_assumptions_frozen BEFORE UPDATE OR DELETE ON consultation_assumptions
                FOR EACH ROW EXECUTE FUNCTION consultation_assumptions_frozen()
                """).run()
        }
    }

    public func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            if database.dialectName == "sqlite" {
                try await sql.raw("DROP TRIGGER IF EXISTS consultation_assumptions_frozen_update").run()
                try await sql.raw("DROP TRIGGER IF EXISTS consultation_assumptions_frozen_delete").run()
            } else {
                try await sql.raw("DROP TRIGGER IF EXISTS consultation_assumptions_frozen ON consultation_assumptions").run()
                try await sql.raw("DROP FUNCTION IF EXISTS consultation_assumptions_frozen()").run()
            }
        }
        try await database.schema(Assumption.schema).delete()
        try await database.schema(Consultation.schema).delete()
    }
}
