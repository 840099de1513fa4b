import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import SQLKit
import Testing
import VaporTesting

@Suite struct AuditTests {
    @Test func aPersonSeesWhoLookedAtTheirInformation() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            try await admin.get("/organisations/\(fixtures.here)/members/\(fixtures.accounts[.citizen]!)")

            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let page = try await citizen.get("/me")
            #expect(page.status == .ok)
            #expect(page.headers.first(name: .cacheControl) == "no-store")
            let body = page.body.string
            #expect(body.contains("The admin"))
            // What staff do to an account is named as that.
            #expect(body.contains("Opened your account in the organisation's administration"))
            #expect(body.contains("Running the organisation (members and teams)"))
        }
    }

    @Test func theTraceNamesThePartReadAndMakesOneLineOfOneVisit() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            for _ in 0..<3 {
                world.advance(by: 20)
                #expect(try await professional.get("/plans/\(fixtures.citizenPlan)").status == .ok)
            }
            // A visit later in the day is a line of its own.
            world.advance(by: 20 * 60)
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let page = try await citizen.get("/me").body.string
            let part = "Looked at your information — your plan (what matters to you, your goals, your things to do, how your life is going, and notes)"
            #expect(page.components(separatedBy: part).count - 1 == 2, "two visits, two lines")
            #expect(page.contains(part + " (3 times, from"))
        }
    }

    @Test func theAuditLogRefusesChangesAndRemovals() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.citizen))
            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_entries SET purpose = 'rewritten'").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("DELETE FROM audit_entries").run()
            }
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .signedIn).count() == 1)
        }
    }

    @Test func onlyTheTraceOfAPersonBeingErasedCanBeRemovedAndNothingCanBeChanged() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            let sql = try #require(app.db as? any SQLDatabase)
            let citizenID = fixtures.accounts[.citizen]!
            try await DataRequests.make(.erasure, for: citizenID, at: world.now, on: app.db)
            try await AuditEntry.query(on: app.db).filter(\.$actorID == citizenID).delete()
            #expect(try await AuditEntry.query(on: app.db).filter(\.$actorID == citizenID).count() == 0)
            // Everyone else's trace stays, and nothing is ever rewritten.
            await #expect(throws: (any Error).self) {
                try await AuditEntry.query(on: app.db).filter(\.$actorID == fixtures.accounts[.admin]!).delete()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_entries SET purpose = 'rewritten'").run()
            }
            #expect(try await AuditEntry.query(on: app.db).filter(\.$actorID == fixtures.accounts[.admin]!).count() == 1)
        }
    }

    @Test func deniedRequestsAreRecorded() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(try await citizen.get("/organisations/\(fixtures.here)/admin").status == .forbidden)
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$event == .requestDenied).first())
            #expect(entry.actorID == fixtures.accounts[.citizen])
            #expect(entry.organisationID == fixtures.here)
            #expect(entry.outcome == .denied)
        }
    }

    @Test func theTracePaginates() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let citizen = fixtures.accounts[.citizen]!
            // More than a page of entries, none like the one before.
            for index in 0..<(MyInformation.traceEntriesPerPage + 5) {
                world.advance(by: 60)
                try await AuditLog.record(
                    AuditRecord(actorID: fixtures.accounts[.admin], subjectID: citizen, event: .personalDataRead,
                                target: "t\(index)", purpose: "purpose-\(index)", requestID: "r"),
                    at: world.now, on: app.db)
            }
            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.citizen))
            let first = try await browser.get("/me").body.string
            #expect(first.contains("purpose-29"))
            #expect(!first.contains("purpose-0<"))
            #expect(first.contains(#"href="/me?page=2""#))
            let second = try await browser.get("/me?page=2").body.string
            #expect(second.contains("purpose-0<"))
        }
    }
}
