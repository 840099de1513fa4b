import Fluent
import SQLKit

/// On PostgreSQL, a notice on ``PrincipalChange/channel`` after every change to who a signed-in
/// person is: a session ended, an account's name, language or disabling, a membership, a team
/// membership, an organisation's name. One notice per statement, naming the accounts (or `*`).
/// Servers that keep sessions in memory listen and forget whom it names; changes to other columns
/// (a session's last use, an account's last activity) send nothing. SQLite has no notices: a
/// server on SQLite keeps no sessions in memory, and this migration does nothing there.
public struct NoticePrincipalChanges: AsyncMigration {
    public var name: String { "M018_NoticePrincipalChanges" }
    public init() {}

    struct Trigger {
        let table: String
        let event: String
        /// The transition tables the statement needs.
        let tables: String
        /// A query of one text column, `account`: the ids the change concerns (or `*`).
        let accounts: String

        var function: String { "notice_principals_\(table)_\(event)" }
    }

    static let triggers: [Trigger] = {
        let both = "OLD TABLE AS old_rows NEW TABLE AS new_rows"
        /// The people whose rows of a table of people (`account_id`) were added, changed or removed.
        func people(_ table: String) -> [Trigger] {
            [
                Trigger(table: table, event: "insert", tables: "NEW TABLE AS new_rows", accounts: "SELECT DISTINCT account_id::text AS account FROM new_rows"),
                Trigger(table: table, event: "update", tables: both, accounts: """
                    SELECT account_id::text AS account FROM old_rows UNION SELECT account_id::text FROM new_rows
                    """),
                Trigger(table: table, event: "delete", tables: "OLD TABLE AS old_rows", accounts: "SELECT DISTINCT account_id::text AS account FROM old_rows"),
            ]
        }
        return [
            Trigger(table: "sessions", event: "delete", tables: "OLD TABLE AS old_rows",
                    accounts: "SELECT DISTINCT account_id::text AS account FROM old_rows"),
            // Transition tables cannot go with a list of columns: the function compares them.
            Trigger(table: "accounts", event: "update", tables: both, accounts: """
                SELECT n.id::text AS account FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (n.display_name, n.preferred_language, n.disabled_at) IS DISTINCT FROM (o.display_name, o.preferred_language, o.disabled_at)
                """),
            Trigger(table: "accounts", event: "delete", tables: "OLD TABLE AS old_rows", accounts: "SELECT id::text AS account FROM old_rows"),
            Trigger(table: "organisations", event: "update", tables: both, accounts: """
                SELECT '*' AS account FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.name IS DISTINCT FROM o.name LIMIT 1
                """),
        ] + people("memberships") + people("team_members")
    }()

    public func prepare(on database: any Database) async throws {
        guard database.dialectName == "postgresql", let sql = database as? any SQLDatabase else { return }
        for trigger in Self.triggers {
            try await sql.raw("""
                CREATE FUNCTION \(unsafeRaw: trigger.function)() RETURNS trigger AS $$
                DECLARE named text;
                BEGIN
                    SELECT CASE WHEN count(*) > \(unsafeRaw: String(PrincipalChange.mostNamed)) OR bool_or(account = '*') THEN '*'
                        ELSE string_agg(account, ',') END INTO named
                    FROM (\(unsafeRaw: trigger.accounts)) changed;
                    IF named IS NOT NULL THEN PERFORM pg_notify('\(unsafeRaw: PrincipalChange.channel)', named); END IF;
                    RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: trigger.function) AFTER \(unsafeRaw: trigger.event.uppercased()) ON \(unsafeRaw: trigger.table)
                REFERENCING \(unsafeRaw: trigger.tables) FOR EACH STATEMENT EXECUTE FUNCTION \(unsafeRaw: trigger.function)()
                """).run()
        }
    }

    public func revert(on database: any Database) async throws {
        guard database.dialectName == "postgresql", let sql = database as? any SQLDatabase else { return }
        for trigger in Self.triggers {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger.function) ON \(unsafeRaw: trigger.table)").run()
            try await sql.raw("DROP FUNCTION IF EXISTS \(unsafeRaw: trigger.function)()").run()
        }
    }
}
