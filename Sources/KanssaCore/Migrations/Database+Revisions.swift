import Fluent
import SQLKit

/// Revisions the database keeps by itself: numbers that triggers raise on every change to the
/// rows they stand for. What a server builds from those rows can then be kept until the number
/// moves — whoever changed the rows, through whichever code, on whichever server — at the price
/// of reading one number.
///
/// Two kinds: a named counter in the `revisions` table (``counter(_:table:events:)``), and a
/// `revision` column of a parent row that its child rows raise (``parent(_:via:child:)``).
public enum Revisions {
    /// Who is who: people's names, teams with their members, organisations' names.
    public static let directory = "directory"

    /// What the coordinator's dashboard reads from the modules: raised by changes to the rows each
    /// module offers as evidence (pulses, barriers, citizens' feedback, rounds and practice,
    /// training, consultations' outcomes, who is authorised on plans). Who is who — names, teams,
    /// roles and stints — is the ``directory``'s.
    public static let evidence = "evidence"

    /// What changes a trigger follows.
    public enum Event: Sendable, Hashable {
        case insert
        /// An update of any of these columns, or of any column when empty.
        case update(of: [String] = [])
        case delete

        var keyword: String {
            switch self {
            case .insert: "INSERT"
            case .update(let columns): columns.isEmpty ? "UPDATE" : "UPDATE OF \(columns.joined(separator: ", "))"
            case .delete: "DELETE"
            }
        }

        var name: String {
            switch self {
            case .insert: "insert"
            case .update: "update"
            case .delete: "delete"
            }
        }
    }

    /// Raises the counter `name` after every change of `events` on `table`: once per row on
    /// SQLite, once per statement on PostgreSQL.
    public static func counter(_ name: String, table: String, events: [Event], on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for event in events {
            let trigger = "\(table)_revise_\(name)_\(event.name)"
            switch database.dialectName {
            case "sqlite":
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: trigger) AFTER \(unsafeRaw: event.keyword) ON \(unsafeRaw: table)
                    BEGIN UPDATE revisions SET value = value + 1 WHERE name = \(unsafeRaw: quoted(name)); END
                    """).run()
            default:
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: trigger) AFTER \(unsafeRaw: event.keyword) ON \(unsafeRaw: table)
                    FOR EACH STATEMENT EXECUTE FUNCTION revise_counter(\(unsafeRaw: quoted(name)))
                    """).run()
            }
        }
    }

    /// Drops what ``counter(_:table:events:)`` created.
    public static func dropCounter(_ name: String, table: String, events: [Event], on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for event in events {
            try await sql.raw("""
                DROP TRIGGER IF EXISTS \(unsafeRaw: "\(table)_revise_\(name)_\(event.name)")\(unsafeRaw: database.dialectName == "sqlite" ? "" : " ON \(table)")
                """).run()
        }
    }

    /// Raises `parent.revision` of the row each row of `child` refers to by `foreignKey`, after
    /// every insert, update and delete of `child` (both rows when an update moves a child from one
    /// parent to another). On PostgreSQL once per parent and statement, however many rows.
    ///
    /// `through` names the rows between, when the child refers to its parent only by way of
    /// them: a coding's `answer_id` through answers' `respondent_id` and respondents'
    /// `consultation_id` to its consultation. A row between already gone finds no parent;
    /// whatever removed it raised the revision itself.
    ///
    /// `column` names the parent's number when it is not `revision` (a parent may keep more than
    /// one, each raised by other children).
    public static func parent(
        _ parent: String, via foreignKey: String, through hops: [Hop] = [], child: String, column: String = "revision",
        on database: any Database
    ) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let raise = "UPDATE \(parent) SET \(column) = \(column) + 1 WHERE id"
        let tag = parentTag(parent, column)
        /// The parents' ids, from the child's keys as `keys` selects or names them.
        func parentIDs(of keys: String) -> String {
            hops.reduce(keys) { inner, hop in "SELECT \(hop.foreignKey) FROM \(hop.table) WHERE id IN (\(inner))" }
        }
        switch database.dialectName {
        case "sqlite":
            let parents: [(event: String, keys: String)] = [
                ("insert", "NEW.\(foreignKey)"), ("update", "OLD.\(foreignKey), NEW.\(foreignKey)"), ("delete", "OLD.\(foreignKey)"),
            ]
            for (event, keys) in parents {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: identifier("\(child)_revise_\(tag)_\(event)")) AFTER \(unsafeRaw: event.uppercased()) ON \(unsafeRaw: child)
                    BEGIN \(unsafeRaw: raise) IN (\(unsafeRaw: parentIDs(of: keys))); END
                    """).run()
            }
        default:
            // Transition tables allow one event per trigger: three triggers, one function each.
            let events: [(name: String, tables: String, rows: String)] = [
                ("insert", "NEW TABLE AS new_rows", "SELECT \(foreignKey) FROM new_rows"),
                ("update", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
                 "SELECT \(foreignKey) FROM old_rows UNION SELECT \(foreignKey) FROM new_rows"),
                ("delete", "OLD TABLE AS old_rows", "SELECT \(foreignKey) FROM old_rows"),
            ]
            for event in events {
                let function = identifier("revise_\(tag)_by_\(child)_\(event.name)")
                try await sql.raw("""
                    CREATE FUNCTION \(unsafeRaw: function)() RETURNS trigger AS $$
                    BEGIN \(unsafeRaw: raise) IN (\(unsafeRaw: parentIDs(of: event.rows))); RETURN NULL; END;
                    $$ LANGUAGE plpgsql
                    """).run()
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: identifier("\(child)_revise_\(tag)_\(event.name)"))
                    AFTER \(unsafeRaw: event.name.uppercased()) ON \(unsafeRaw: child)
                    REFERENCING \(unsafeRaw: event.tables) FOR EACH STATEMENT EXECUTE FUNCTION \(unsafeRaw: function)()
                    """).run()
            }
        }
    }

    /// A row between a child and its parent: its table, and the key by which it refers onwards.
    public struct Hop: Sendable {
        public let table: String
        public let foreignKey: String

        public init(_ table: String, _ foreignKey: String) {
            self.table = table
            self.foreignKey = foreignKey
        }
    }

    /// Raises `table.revision` whenever a row of it changes in any column but `revision` (and
    /// the `others` numbers the table keeps beside it): what is built from the row and its children
    /// is then kept by one number. With `column`, that number instead of `revision`.
    public static func own(_ table: String, column: String = "revision", others: [String] = [], on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let raise = "UPDATE \(table) SET \(column) = \(column) + 1 WHERE id = NEW.id"
        let unchanged = ([column] + others).map { "NEW.\($0) = OLD.\($0)" }.joined(separator: " AND ")
        let name = ownName(table, column)
        switch database.dialectName {
        case "sqlite":
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: name.trigger) AFTER UPDATE ON \(unsafeRaw: table) WHEN \(unsafeRaw: unchanged)
                BEGIN \(unsafeRaw: raise); END
                """).run()
        default:
            try await sql.raw("""
                CREATE FUNCTION \(unsafeRaw: name.function)() RETURNS trigger AS $$
                BEGIN \(unsafeRaw: raise); RETURN NULL; END;
                $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: name.trigger) AFTER UPDATE ON \(unsafeRaw: table)
                FOR EACH ROW WHEN (\(unsafeRaw: unchanged)) EXECUTE FUNCTION \(unsafeRaw: name.function)()
                """).run()
        }
    }

    /// Drops what ``own(_:column:others:on:)`` created.
    public static func dropOwn(_ table: String, column: String = "revision", on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let name = ownName(table, column)
        if database.dialectName == "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: name.trigger)").run()
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: name.trigger) ON \(unsafeRaw: table)").run()
            try await sql.raw("DROP FUNCTION IF EXISTS \(unsafeRaw: name.function)()").run()
        }
    }

    /// What the names of a parent's triggers say they raise: the parent's table for its
    /// `revision` (as first made), else the column, which keeps them within PostgreSQL's length.
    private static func parentTag(_ parent: String, _ column: String) -> String { column == "revision" ? parent : column }

    /// A trigger's or function's name, which PostgreSQL would cut short after 63 bytes (and two
    /// names alike up to there would be one).
    private static func identifier(_ name: String) -> String {
        precondition(name.utf8.count <= 63, "\(name) is longer than PostgreSQL keeps a name")
        return name
    }

    /// The names of a table's own trigger and its function; those of `revision` as first made.
    private static func ownName(_ table: String, _ column: String) -> (trigger: String, function: String) {
        column == "revision" ? ("\(table)_revise_own", "revise_\(table)_own")
            : ("\(table)_revise_own_\(column)", "revise_\(table)_own_\(column)")
    }

    /// Drops what ``parent(_:via:through:child:column:on:)`` created.
    public static func dropParent(_ parent: String, child: String, column: String = "revision", on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let tag = parentTag(parent, column)
        for event in ["insert", "update", "delete"] {
            let trigger = "\(child)_revise_\(tag)_\(event)"
            if database.dialectName == "sqlite" {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run()
            } else {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger) ON \(unsafeRaw: child)").run()
                try await sql.raw("DROP FUNCTION IF EXISTS revise_\(unsafeRaw: tag)_by_\(unsafeRaw: child)_\(unsafeRaw: event)()").run()
            }
        }
    }

    /// A name as an SQL string literal; names are Kanssa's own constants, never user input.
    private static func quoted(_ name: String) -> String {
        precondition(name.allSatisfy { $0.isLetter || $0 == "_" || $0 == "-" }, "a revision's name is a constant")
        return "'\(name)'"
    }
}
