import Fluent
import KanssaCore
import SQLKit

/// A consultation's questions. Like its ledger, they are fixed once it opens: the database
/// refuses to add, change or remove a question of a consultation that is not a draft.
public struct CreateQuestions: AsyncMigration {
    public var name: String { "Listening_L002_CreateQuestions" }
    public init() {}

    static let message = "the questions are fixed once the consultation opens"

    static func frozen(_ row: String) -> String {
        "(SELECT state FROM consultations WHERE id = \(row).consultation_id) <> 'draft'"
    }

    public func prepare(on database: any Database) async throws {
        try await database.schema(Question.schema)
            .id()
            .field("consultation_id", .uuid, .required, .references(Consultation.schema, "id"))
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("choices", .string, .required)
            .field("condition_question_id", .uuid, .references(Question.schema, "id"))
            .field("condition_choice", .int)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("consultation_questions_consultation_id", on: Question.schema, columns: ["consultation_id", "position"])
        try await database.createIndex("consultation_questions_condition_question_id", on: Question.schema, columns: ["condition_question_id"])

        guard let sql = database as? any SQLDatabase else { return }
        switch database.dialectName {
        case "sqlite":
            for (event, row) in [("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")] {
                try await sql.raw("""
                    CREATE TRIGGER consultation_questions_frozen_\(unsafeRaw: event.lowercased()) BEFORE \(unsafeRaw: event)
                    ON consultation_questions WHEN \(unsafeRaw: Self.frozen(row))
                    BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: Self.message)'); END
                    """).run()
            }
        default:
            try await sql.raw("""
                CREATE FUNCTION consultation_questions_frozen() RETURNS trigger AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        IF \(unsafeRaw: Self.frozen("NEW")) THEN RAISE EXCEPTION '\(unsafeRaw: Self.message)'; END IF;
                        RETURN NEW;
                    END IF;
                    IF \(unsafeRaw: Self.frozen("OLD")) THEN RAISE EXCEPTION '\(unsafeRaw: Self.message)'; END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER consultation_questions_frozen BEFORE INSERT OR UPDATE OR DELETE ON consultation_questions
                FOR EACH ROW EXECUTE FUNCTION consultation_questions_frozen()
                """).run()
        }
    }

    public func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            if database.dialectName == "sqlite" {
                for event in ["insert", "update", "delete"] {
                    try await sql.raw("DROP TRIGGER IF EXISTS consultation_questions_frozen_\(unsafeRaw: event)").run()
                }
            } else {
                try await sql.raw("DROP TRIGGER IF EXISTS consultation_questions_frozen ON consultation_questions").run()
                try await sql.raw("DROP FUNCTION IF EXISTS consultation_questions_frozen()").run()
            }
        }
        try await database.schema(Question.schema).delete()
    }
}
