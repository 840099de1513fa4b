import Fluent
import Foundation
@testable import KanssaApp
@testable import KanssaCore
import SQLKit
import Testing
import VaporTesting

/// A frequent query gives the rows an ordinary query gives, on SQLite and on PostgreSQL (where it
/// is prepared once per connection and then only executed), for whatever values it is asked with.
@Suite struct FrequentQueryTests {
    struct Probe: FrequentQuery {
        struct Row: Decodable, Sendable, Equatable {
            let id: UUID
            let name: String
        }

        static let sql = "SELECT id, name FROM frequent_probe WHERE kind = $1 OR name = $1 OR id = $2 ORDER BY name"
        let word: String
        let id: UUID
        var parameters: [QueryParameter] { [.text(word), .uuid(id)] }
    }

    /// Refers to a parameter it is not given.
    struct Unbound: FrequentQuery {
        typealias Row = Probe.Row
        static let sql = "SELECT id, name FROM frequent_probe WHERE kind = $1 AND name = $2"
        var parameters: [QueryParameter] { [.text("fruit")] }
    }

    /// Two queries with the same simple name in different places: each must run its own text
    /// (on PostgreSQL the name is what a connection keeps the prepared statement by).
    enum Fruit {
        struct Named: FrequentQuery {
            typealias Row = Probe.Row
            static let sql = "SELECT id, name FROM frequent_probe WHERE kind = 'fruit' AND name <> $1 ORDER BY name"
            var parameters: [QueryParameter] { [.text("pear")] }
        }
    }

    enum Vegetable {
        struct Named: FrequentQuery {
            typealias Row = Probe.Row
            static let sql = "SELECT id, name FROM frequent_probe WHERE kind = 'vegetable' AND name <> $1 ORDER BY name"
            var parameters: [QueryParameter] { [.text("pear")] }
        }
    }

    static func fill(_ app: Application) async throws -> [String: UUID] {
        let sql = try #require(app.db as? any SQLDatabase)
        try await sql.create(table: "frequent_probe")
            .column("id", type: .custom(SQLRaw(TestDatabase.postgresURL != nil ? "UUID" : "BLOB")), .primaryKey(autoIncrement: false))
            .column("name", type: .text, .notNull).column("kind", type: .text, .notNull).run()
        var ids: [String: UUID] = [:]
        for (name, kind) in [("apple", "fruit"), ("pear", "fruit"), ("leek", "vegetable"), ("fruit", "word")] {
            let id = UUID()
            ids[name] = id
            try await sql.insert(into: "frequent_probe").columns("id", "name", "kind").values(SQLBind(id), SQLBind(name), SQLBind(kind)).run()
        }
        return ids
    }

    @Test func givesTheRowsForTheValuesItIsAskedWithEveryTime() async throws {
        try await withApp { app, _ in
            let ids = try await Self.fill(app)
            // More times than PostgreSQL plans a prepared statement afresh before it keeps a generic plan.
            for round in 0..<8 {
                let fruit = try await app.db.rows(of: Probe(word: "fruit", id: ids["leek"]!))
                #expect(fruit.map(\.name) == ["apple", "fruit", "leek", "pear"], "round \(round)")
                let vegetable = try await app.db.rows(of: Probe(word: "vegetable", id: UUID()))
                #expect(vegetable == [Probe.Row(id: ids["leek"]!, name: "leek")], "round \(round)")
                let none = try await app.db.firstRow(of: Probe(word: "mineral", id: UUID()))
                #expect(none == nil)
            }
        }
    }

    @Test func queriesOfTheSameSimpleNameEachRunTheirOwnText() async throws {
        try await withApp { app, _ in
            _ = try await Self.fill(app)
            #expect(Fruit.Named.name != Vegetable.Named.name)
            for _ in 0..<3 {
                #expect(try await app.db.rows(of: Fruit.Named()).map(\.name) == ["apple"])
                #expect(try await app.db.rows(of: Vegetable.Named()).map(\.name) == ["leek"])
            }
        }
    }

    @Test func aMissingParameterIsAnErrorAndTheDatabaseStaysUsable() async throws {
        try await withApp { app, _ in
            let ids = try await Self.fill(app)
            await #expect(throws: (any Error).self) { try await app.db.rows(of: Unbound()) }
            if TestDatabase.postgresURL == nil {
                #expect(throws: FrequentQueryError.self) { try Unbound().withBinds() }
            }
            let after = try await app.db.rows(of: Probe(word: "pear", id: UUID()))
            #expect(after == [Probe.Row(id: ids["pear"]!, name: "pear")])
        }
    }

    @Test func inATransactionItReadsWhatTheTransactionWrote() async throws {
        try await withApp { app, _ in
            _ = try await Self.fill(app)
            let id = UUID()
            let seen = try await app.db.transaction { db in
                let sql = db as! any SQLDatabase
                try await sql.insert(into: "frequent_probe").columns("id", "name", "kind")
                    .values(SQLBind(id), SQLBind("plum"), SQLBind("stone")).run()
                return try await db.rows(of: Probe(word: "stone", id: UUID()))
            }
            #expect(seen == [Probe.Row(id: id, name: "plum")])
        }
    }

    /// Later than a moment: a date parameter compares with dates stored as Fluent stores them.
    struct RipeAfter: FrequentQuery {
        struct Row: Decodable, Sendable, Equatable { let name: String }
        static let sql = "SELECT name FROM frequent_ripening WHERE ripe_at > $1 ORDER BY ripe_at"
        let moment: Date
        var parameters: [QueryParameter] { [.date(moment)] }
    }

    @Test func aMomentComparesWithStoredDates() async throws {
        try await withApp { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.create(table: "frequent_ripening")
                .column("name", type: .text, .notNull).column("ripe_at", type: .timestamp, .notNull).run()
            let now = Date()
            for (name, hours) in [("early", -1.0), ("soon", 1.0), ("late", 2.0)] {
                try await sql.insert(into: "frequent_ripening").columns("name", "ripe_at")
                    .values(SQLBind(name), SQLBind(now.addingTimeInterval(hours * 3600))).run()
            }
            for _ in 0..<3 {
                #expect(try await app.db.rows(of: RipeAfter(moment: now)).map(\.name) == ["soon", "late"])
                #expect(try await app.db.rows(of: RipeAfter(moment: now.addingTimeInterval(5400))).map(\.name) == ["late"])
            }
        }
    }

    @Test func onSQLiteEachUseOfAParameterIsBoundInTurn() async throws {
        try await withApp { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            let id = UUID()
            var serializer = SQLSerializer(database: sql)
            try Probe(word: "fruit", id: id).withBinds().serialize(to: &serializer)
            #expect(serializer.binds.count == 3)
            #expect(serializer.binds[0] as? String == "fruit" && serializer.binds[1] as? String == "fruit")
            #expect(serializer.binds[2] as? UUID == id)
            #expect(serializer.sql.hasSuffix("WHERE kind = " + Self.placeholder(1, sql) + " OR name = " + Self.placeholder(2, sql)
                + " OR id = " + Self.placeholder(3, sql) + " ORDER BY name"))
        }
    }

    static func placeholder(_ position: Int, _ sql: any SQLDatabase) -> String {
        var serializer = SQLSerializer(database: sql)
        sql.dialect.bindPlaceholder(at: position).serialize(to: &serializer)
        return serializer.sql
    }
}
