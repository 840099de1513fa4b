import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// Many people saving at once: no request fails and no write is lost, on the embedded SQLite
/// file (WAL) as on PostgreSQL.
@Suite struct ConcurrencyTests {
    @Test func parallelWritersAllSucceed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kanssa-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await withApp(configure: { config in
            if case .sqliteInMemory = config.database { config.database = .sqliteFile(path: folder + "/kanssa.sqlite") }
        }) { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            try await admin.get("/organisations/\(fixtures.here)/admin")
            let writers = 40
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<writers {
                    let browser = admin
                    group.addTask {
                        var mine = browser
                        return try await mine.post("/organisations/\(fixtures.here)/teams", [("name", "Team \(index)")]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .seeOther }, "\(statuses)")
            #expect(try await Team.query(on: app.db).filter(\.$organisation.$id == fixtures.here).count() == writers + 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .teamCreated).count() == writers)
        }
    }
}
