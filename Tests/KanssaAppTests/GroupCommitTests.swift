import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import SQLKit
import Synchronization
import Testing
import VaporTesting

/// Writes to SQLite arriving together are committed together; each writer is answered only
/// after the commit, and a failing write takes back only itself.
@Suite struct GroupCommitTests {
    /// A SQLite file (group commits are SQLite's) with a table of unique words.
    static func withWords(_ body: (Application, any SQLDatabase) async throws -> Void) async throws {
        try await withAppOnFile { app, _ in
            // On PostgreSQL writes are not gathered (``Database/inGroupCommit(_:)``): nothing to try.
            guard app.db.dialectName == "sqlite" else { return }
            let sql = app.db as! any SQLDatabase
            try await sql.raw("CREATE TABLE gathered_words (word TEXT PRIMARY KEY)").run()
            try await body(app, sql)
        }
    }

    static func insert(_ word: String) -> GroupCommit.Write {
        { database in try await (database as! any SQLDatabase).raw("INSERT INTO gathered_words (word) VALUES (\(bind: word))").run() }
    }

    /// The first writer holds its commit until `waiting` others are in line behind it.
    static func leader(_ gathering: GroupCommit, waiting: Int) -> GroupCommit.Write {
        { database in
            while gathering.waiting < waiting { try await Task.sleep(for: .milliseconds(5)) }
            try await (database as! any SQLDatabase).raw("INSERT INTO gathered_words (word) VALUES ('first')").run()
        }
    }

    @Test func writesArrivingDuringACommitAreCommittedTogether() async throws {
        try await Self.withWords { app, sql in
            let gathering = GroupCommit(turns: WriteTurns())
            let db = app.db
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await gathering.write(on: db, Self.leader(gathering, waiting: 20)) }
                // The others start once the first leads, so they wait behind it.
                while !gathering.isLeading { await Task.yield() }
                for number in 0..<20 {
                    group.addTask {
                        try await gathering.write(on: db, Self.insert("word \(number)"))
                        // Answered only once committed: another connection already reads it.
                        let found = try await (db as! any SQLDatabase)
                            .raw("SELECT COUNT(*) AS n FROM gathered_words WHERE word = \(bind: "word \(number)")").first()?
                            .decode(column: "n", as: Int.self)
                        #expect(found == 1)
                    }
                }
                try await group.waitForAll()
            }
            let stored = try await sql.raw("SELECT COUNT(*) AS n FROM gathered_words").first()?.decode(column: "n", as: Int.self)
            #expect(stored == 21)
            #expect(gathering.commits == 2, "the first alone, then the twenty that waited for it")
        }
    }

    @Test func aFailingStatementFailsAloneAndTheOthersAreStored() async throws {
        try await Self.withWords { app, sql in
            let gathering = GroupCommit(turns: WriteTurns())
            let db = app.db
            let outcomes = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
                group.addTask {
                    try await gathering.write(on: db, Self.leader(gathering, waiting: 5))
                    return ("first", true)
                }
                while !gathering.isLeading { await Task.yield() }
                // Two statements, the second refused: the first is taken back with it.
                group.addTask {
                    do {
                        try await gathering.write(on: db) { database in
                            try await Self.insert("half")(database)
                            try await Self.insert("first")(database)
                        }
                        return ("half", true)
                    } catch {
                        return ("half", false)
                    }
                }
                for word in ["a", "b", "a", "c"] {
                    group.addTask {
                        do {
                            try await gathering.write(on: db, Self.insert(word))
                            return (word, true)
                        } catch {
                            return (word, false)
                        }
                    }
                }
                return try await group.reduce(into: [String: [Bool]]()) { $0[$1.0, default: []].append($1.1) }
            }
            // Of the two "a", the one in line first is stored; the other is refused, alone.
            #expect(outcomes["a"]?.filter { $0 }.count == 1 && outcomes["a"]?.count == 2)
            #expect(outcomes["b"] == [true] && outcomes["c"] == [true] && outcomes["first"] == [true] && outcomes["half"] == [false])
            let words = try await sql.raw("SELECT word FROM gathered_words ORDER BY word").all().map { try $0.decode(column: "word", as: String.self) }
            #expect(words == ["a", "b", "c", "first"])
            #expect(gathering.commits == 2)
        }
    }
}
