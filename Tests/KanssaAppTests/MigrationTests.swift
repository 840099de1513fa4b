import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// Migrations are history: each one prepares and reverts on both databases.
@Suite struct MigrationTests {
    @Test func everyMigrationRevertsAndPreparesAgain() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            try await app.autoRevert()
            await #expect(throws: (any Error).self) { _ = try await Organisation.query(on: app.db).count() }
            try await app.autoMigrate()
            #expect(try await Organisation.query(on: app.db).count() == 0)
            _ = try await Fixtures.make(on: app)
        }
    }

    @Test func migrationNamesAreUniqueAndFrozen() {
        let names = CoreMigrations.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.first == "M001_CreateOrganisations")
        #expect(names.allSatisfy { $0.hasPrefix("M0") })
    }

    @Test func demoDataLoadsOnceAndTellsThePilotsStories() async throws {
        try await withApp { app, _ in
            #expect(try await DemoData.load(on: app.db, platform: app.platform))
            #expect(try await !DemoData.load(on: app.db, platform: app.platform))
            #expect(try await Organisation.query(on: app.db).count() == 3)
            let roles = Set(try await Membership.query(on: app.db).all().map(\.role))
            #expect(roles == Set(Role.allCases))
            var browser = Browser(app)
            try await browser.signIn("fatima@houten.demo", password: DemoData.password)
        }
    }
}
