import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// An organisation writes its own life areas; its people rate those instead of Kanssa's default
/// set, and no rating ever loses its area's name.
@Suite struct LifeAreaSettingsTests {
    @Test func anOrganisationsOwnAreasReplaceTheDefaultsAndRetiredOnesKeepTheirRatings() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(try await citizen.get("/plan/life").body.string.contains("Money"))

            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            try await admin.get("/organisations/\(fixtures.here)/life-areas")
            #expect(try await admin.post("/organisations/\(fixtures.here)/life-areas", [("areas", "Housing\nSchool\nFriends")])
                .status == .seeOther)

            let life = try await citizen.get("/plan/life").body.string
            #expect(life.contains("School") && !life.contains("Money"))
            let school = try #require(try await OrganisationLifeArea.query(on: app.db).filter(\.$name == "School").first()?.id)
            // A rating for an area the organisation does not ask about is not read.
            let forged = try await citizen.post("/plan/check-ins", [("rating-money", "4")])
            #expect(forged.status == .unprocessableEntity)
            try await citizen.get("/plan/life")
            #expect(try await citizen.post("/plan/check-ins", [("rating-\(school.uuidString)", "4")]).status == .seeOther)
            #expect(try await CheckIn.query(on: app.db).all().map(\.lifeArea) == [school.uuidString])

            // The professional rates the same areas.
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let shared = try await professional.get("/plans/\(fixtures.citizenPlan)").body.string
            #expect(shared.contains("name=\"rating-\(school.uuidString)\""))

            // Taken out: no longer asked, the journey stays with its name.
            try await admin.get("/organisations/\(fixtures.here)/life-areas")
            #expect(try await admin.post("/organisations/\(fixtures.here)/life-areas", [("areas", "Housing\nFriends")]).status == .seeOther)
            let after = try await citizen.get("/plan/life").body.string
            #expect(!after.contains("name=\"rating-\(school.uuidString)\""))
            #expect(after.contains("School"))
            // Brought back: the same area, with its ratings.
            try await admin.get("/organisations/\(fixtures.here)/life-areas")
            #expect(try await admin.post("/organisations/\(fixtures.here)/life-areas", [("areas", "School\nHousing")]).status == .seeOther)
            #expect(try await OrganisationLifeAreas.current(of: fixtures.here, on: app.db).map(\.id) .first == school)
            #expect(try await citizen.get("/plan/life").body.string.contains("name=\"rating-\(school.uuidString)\""))

            // Empty: back to the default set.
            try await admin.get("/organisations/\(fixtures.here)/life-areas")
            #expect(try await admin.post("/organisations/\(fixtures.here)/life-areas", [("areas", "")]).status == .seeOther)
            #expect(try await citizen.get("/plan/life").body.string.contains("name=\"rating-money\""))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .lifeAreasChanged).count() == 4)
        }
    }

    @Test func aBadListIsRefusedWithTheReasonAndChangesNothing() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            try await admin.get("/organisations/\(fixtures.here)/life-areas")
            let response = try await admin.post("/organisations/\(fixtures.here)/life-areas", [("areas", "School\nSCHOOL")])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("is in the list twice"))
            #expect(try await OrganisationLifeArea.query(on: app.db).count() == 0)
            // Another organisation's areas are not this organisation's people's.
            var elsewhere = Browser(app)
            try await elsewhere.signIn(Fixtures.adminElsewhereLogin)
            try await elsewhere.get("/organisations/\(fixtures.elsewhere)/life-areas")
            #expect(try await elsewhere.post("/organisations/\(fixtures.elsewhere)/life-areas", [("areas", "Elsewhere only")]).status == .seeOther)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(!(try await citizen.get("/plan/life").body.string.contains("Elsewhere only")))
        }
    }
}
