import Fluent
import SQLKit

/// The `revisions` table of counters the database raises by itself (see ``Revisions``), with the
/// first: the directory's, raised by any change to a person's name, a team, its members or an
/// organisation's name. Pages built from those names are kept until it moves.
public struct TrackDirectoryRevision: AsyncMigration {
    public var name: String { "M017_TrackDirectoryRevision" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("revisions")
            .field("name", .string, .identifier(auto: false))
            .field("value", .int64, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.insert(into: "revisions").columns("name", "value").values(SQLBind(Revisions.directory), SQLBind(0)).run()
        if database.dialectName == "postgresql" {
            try await sql.raw("""
                CREATE FUNCTION revise_counter() RETURNS trigger AS $$
                BEGIN UPDATE revisions SET value = value + 1 WHERE name = TG_ARGV[0]; RETURN NULL; END;
                $$ LANGUAGE plpgsql
                """).run()
        }
        for (table, events) in Self.followed {
            try await Revisions.counter(Revisions.directory, table: table, events: events, on: database)
        }
    }

    /// What the directory's revision follows. A new account or organisation changes no name that
    /// anything shows yet; a new team may be on its way to a plan.
    static let followed: [(table: String, events: [Revisions.Event])] = [
        ("accounts", [.update(of: ["display_name"]), .delete]),
        ("organisations", [.update(of: ["name"]), .delete]),
        ("teams", [.insert, .update(), .delete]),
        ("team_members", [.insert, .update(), .delete]),
    ]

    public func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (table, events) in Self.followed {
            try await Revisions.dropCounter(Revisions.directory, table: table, events: events, on: database)
        }
        if database.dialectName == "postgresql" {
            try await sql.raw("DROP FUNCTION IF EXISTS revise_counter()").run()
        }
        try await database.schema("revisions").delete()
    }
}
