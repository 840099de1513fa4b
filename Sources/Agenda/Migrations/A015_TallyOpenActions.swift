import Fluent
import KanssaCore
import SQLKit

/// Each plan's open actions, and those of them serving a goal the citizen owns (active or
/// achieved), kept on the plan's row by the database on every change to its actions or to its
/// goals' statuses: agenda alignment over thousands of plans then sums two numbers a plan
/// instead of joining every open action to its goal (``Alignment``).
///
/// The plan's two numbers are counted again each time (a plan holds tens of actions), never
/// added to, so no missed path can make them drift. On PostgreSQL the plan's row is locked
/// before the count, in a statement of its own: the count's snapshot is then taken after every
/// earlier writer of that plan has committed (READ COMMITTED, as Kanssa's transactions are).
public struct TallyOpenActions: AsyncMigration {
    public var name: String { "Agenda_A015_TallyOpenActions" }
    public init() {}

    /// The literals are this migration's own: what "open" and "serving" meant when it ran.
    static let recount = """
        open_actions = (SELECT COUNT(*) FROM plan_actions a WHERE a.plan_id = plans.id AND a.status = 'open'),
        serving_actions = (SELECT COUNT(*) FROM plan_actions a JOIN goals g ON g.id = a.goal_id
            WHERE a.plan_id = plans.id AND a.status = 'open' AND g.status IN ('active', 'achieved'))
        """

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        // Integers, so that PostgreSQL sums them as bigint (a sum of bigints would be numeric).
        // One column a statement: SQLite adds no more at once.
        for column in ["open_actions", "serving_actions"] {
            try await database.schema(Plan.schema).field(.string(column), .int32, .required, .sql(.default(0))).update()
        }
        try await sql.raw("UPDATE plans SET \(unsafeRaw: Self.recount)").run()
        switch database.dialectName {
        case "sqlite":
            let triggers: [(name: String, event: String, table: String, plans: String)] = [
                ("plan_actions_tally_insert", "INSERT", "plan_actions", "NEW.plan_id"),
                ("plan_actions_tally_update", "UPDATE OF plan_id, goal_id, status", "plan_actions", "OLD.plan_id, NEW.plan_id"),
                ("plan_actions_tally_delete", "DELETE", "plan_actions", "OLD.plan_id"),
                ("goals_tally_update", "UPDATE OF plan_id, status", "goals", "OLD.plan_id, NEW.plan_id"),
                ("goals_tally_delete", "DELETE", "goals", "OLD.plan_id"),
            ]
            for trigger in triggers {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: trigger.name) AFTER \(unsafeRaw: trigger.event) ON \(unsafeRaw: trigger.table)
                    BEGIN UPDATE plans SET \(unsafeRaw: Self.recount) WHERE id IN (\(unsafeRaw: trigger.plans)); END
                    """).run()
            }
        default:
            try await sql.raw("""
                CREATE FUNCTION tally_open_actions(plan uuid) RETURNS void AS $$
                BEGIN
                    PERFORM 1 FROM plans WHERE id = plan FOR NO KEY UPDATE;
                    UPDATE plans SET \(unsafeRaw: Self.recount) WHERE id = plan;
                END;
                $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE FUNCTION tally_open_actions_by_change() RETURNS trigger AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN PERFORM tally_open_actions(OLD.plan_id); END IF;
                    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.plan_id IS DISTINCT FROM OLD.plan_id) THEN
                        PERFORM tally_open_actions(NEW.plan_id);
                    END IF;
                    RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER plan_actions_tally AFTER INSERT OR DELETE OR UPDATE OF plan_id, goal_id, status ON plan_actions
                FOR EACH ROW EXECUTE FUNCTION tally_open_actions_by_change()
                """).run()
            try await sql.raw("""
                CREATE TRIGGER goals_tally AFTER DELETE OR UPDATE OF plan_id, status ON goals
                FOR EACH ROW EXECUTE FUNCTION tally_open_actions_by_change()
                """).run()
        }
    }

    public func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if database.dialectName == "sqlite" {
            for name in ["plan_actions_tally_insert", "plan_actions_tally_update", "plan_actions_tally_delete", "goals_tally_update",
                         "goals_tally_delete"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: name)").run()
            }
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS plan_actions_tally ON plan_actions").run()
            try await sql.raw("DROP TRIGGER IF EXISTS goals_tally ON goals").run()
            try await sql.raw("DROP FUNCTION IF EXISTS tally_open_actions_by_change()").run()
            try await sql.raw("DROP FUNCTION IF EXISTS tally_open_actions(uuid)").run()
        }
        for column in ["open_actions", "serving_actions"] {
            try await database.schema(Plan.schema).deleteField(.string(column)).update()
        }
    }
}
