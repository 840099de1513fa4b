import Encountering
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// A co-trainer asks for their data to be erased: their own words go, the organisation's record
/// of the sessions they delivered goes when its rule allows, and the panel's shared work stays
/// with an emptied account behind it.
@Suite struct EncounteringErasureTests {
    @Test func aCoTrainersErasureCompletesAndThePanelsWorkStays() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let coTrainerID = fixtures.accounts[.coTrainer]!
            try await CoTrainerReflection(sessionID: fixtures.encounterSession, accountID: coTrainerID, heard: 4, text: "We were heard",
                                          at: world.now).create(on: app.db)
            // The organisation keeps its case records a year.
            try await RetentionRule(organisationID: fixtures.here, recordKind: .caseRecords, keepMonths: 12, reason: "Payments",
                                    updatedByID: fixtures.accounts[.admin]!, updatedAt: world.now).create(on: app.db)
            var coTrainer = Browser(app)
            try await coTrainer.signIn(Fixtures.login(.coTrainer))
            try await coTrainer.get("/me/data")
            #expect(try await coTrainer.post("/me/data/erasure", [("understood[]", "yes")]).status == .seeOther)

            let first = await DataRequestTests.run(app)
            #expect(first.failed == 0 && first.completed == 0)
            #expect(try await CoTrainerReflection.query(on: app.db).count() == 0)
            #expect(try await PanelMember.query(on: app.db).filter(\.$accountID == coTrainerID).count() == 0)
            #expect(try await SessionCoTrainer.query(on: app.db).filter(\.$accountID == coTrainerID).count() == 1)  // kept a year

            world.advance(by: 400 * 24 * 3600)
            let later = await DataRequestTests.run(app)
            #expect(later.failed == 0 && later.completed == 1)
            #expect(try await SessionCoTrainer.query(on: app.db).filter(\.$accountID == coTrainerID).count() == 0)
            let emptied = try #require(try await Account.find(coTrainerID, on: app.db))
            #expect(emptied.displayName == AccountErasure.erasedName && emptied.login.hasPrefix("erased-"))
            #expect(try await Membership.query(on: app.db).filter(\.$account.$id == coTrainerID).count() == 0)
            // The panel's module, with the section the co-trainer wrote, still reads as published.
            #expect(try await ModuleSection.query(on: app.db).filter(\.$writtenByID == coTrainerID).count() == 2)
            var reader = Browser(app)
            try await reader.signIn(Fixtures.login(.coordinator))
            let page = try await reader.get("/encountering/modules/\(fixtures.publishedModule)")
            #expect(page.status == .ok && page.body.string.contains("Written by Venla"))
        }
    }
}
