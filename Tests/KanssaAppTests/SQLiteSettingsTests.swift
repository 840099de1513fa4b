import Foundation
@testable import KanssaApp
import SQLKit
import Testing
import VaporTesting

/// The settings each SQLite connection runs with: written ahead, and waiting for another writer
/// by sleeping rather than by retrying at once.
@Suite struct SQLiteSettingsTests {
    @Test func everyConnectionWaitsForAWriterBySleeping() async throws {
        try await withApp { app, _ in
            guard TestDatabase.postgresURL == nil else { return }
            struct Timeout: Decodable { let timeout: Int }
            struct Mode: Decodable { let journal_mode: String }
            for eventLoop in app.eventLoopGroup.makeIterator() {
                let sql = try #require(app.databases.database(logger: app.logger, on: eventLoop) as? any SQLDatabase)
                #expect(try await sql.raw("PRAGMA busy_timeout").first(decoding: Timeout.self)?.timeout == 10_000)
                #expect(try await sql.raw("PRAGMA journal_mode").first(decoding: Mode.self)?.journal_mode == "wal")
            }
        }
    }
}
