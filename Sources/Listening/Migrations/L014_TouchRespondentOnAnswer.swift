import Fluent
import KanssaCore
import SQLKit

/// A respondent's `updated_at` follows their answers, kept by the database: an answer given or
/// changed moves it forward. A web answer is then one statement, the shortest a writer can hold
/// SQLite's one write lock (``Answers/save(_:to:among:in:codeDigest:respondentID:language:at:on:)``).
public struct TouchRespondentOnAnswer: AsyncMigration {
    public var name: String { "Listening_L014_TouchRespondentOnAnswer" }
    public init() {}

    static let touch = """
        UPDATE \(Respondent.schema) SET updated_at = NEW.updated_at WHERE id = NEW.respondent_id AND updated_at < NEW.updated_at
        """

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        switch database.dialectName {
        case "sqlite":
            for (name, event) in [("insert", "INSERT"), ("update", "UPDATE OF updated_at")] {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: Answer.schema)_touch_respondent_\(unsafeRaw: name) AFTER \(unsafeRaw: event) ON \(unsafeRaw: Answer.schema)
                    BEGIN \(unsafeRaw: Self.touch); END
                    """).run()
            }
        default:
            try await sql.raw("""
                CREATE FUNCTION touch_respondent_by_answer() RETURNS trigger AS $$
                BEGIN \(unsafeRaw: Self.touch); RETURN NULL; END;
                $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: Answer.schema)_touch_respondent AFTER INSERT OR UPDATE OF updated_at ON \(unsafeRaw: Answer.schema)
                FOR EACH ROW EXECUTE FUNCTION touch_respondent_by_answer()
                """).run()
        }
    }

    public func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if database.dialectName == "sqlite" {
            for name in ["insert", "update"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: Answer.schema)_touch_respondent_\(unsafeRaw: name)").run()
            }
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: Answer.schema)_touch_respondent ON \(unsafeRaw: Answer.schema)").run()
            try await sql.raw("DROP FUNCTION IF EXISTS touch_respondent_by_answer()").run()
        }
    }
}
