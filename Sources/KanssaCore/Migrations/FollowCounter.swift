import Fluent
import SQLKit

/// A migration by which the database raises a named counter of ``Revisions`` on every insert,
/// update and delete of the tables a module names — each module follows its own tables. The
/// counter is created when it is new.
public struct FollowCounter: AsyncMigration {
    public let name: String
    let counter: String
    let tables: [(table: String, events: [Revisions.Event])]

    public init(_ name: String, counter: String, tables: [(table: String, events: [Revisions.Event])]) {
        self.name = name
        self.counter = counter
        self.tables = tables
    }

    /// Every change to each table.
    public static let everyChange: [Revisions.Event] = [.insert, .update(), .delete]

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            INSERT INTO revisions (name, value) SELECT \(bind: counter), 0
            WHERE NOT EXISTS (SELECT 1 FROM revisions WHERE name = \(bind: counter))
            """).run()
        for (table, events) in tables {
            try await Revisions.counter(counter, table: table, events: events, on: database)
        }
    }

    /// Drops the triggers; the counter stays, as others may raise it.
    public func revert(on database: any Database) async throws {
        for (table, events) in tables {
            try await Revisions.dropCounter(counter, table: table, events: events, on: database)
        }
    }
}
