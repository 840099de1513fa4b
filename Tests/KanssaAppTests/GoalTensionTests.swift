import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// Goals that pull against each other, noted by the citizen or a professional they authorised
/// for the goals; the whole picture flags the services caught on both sides.
@Suite struct GoalTensionTests {
    @Test func theCitizenAndAnAuthorisedProfessionalNoteTensionsAndOnlyTheCitizenTakesThemBack() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan")
            try await citizen.post("/plan/agenda", SharingTests.agenda)
            try await citizen.get("/plan")
            try await citizen.post("/plan/goals", [("goal", "Be home when the children come from school")])
            let home = try #require(try await Goal.query(on: app.db).filter(\.$text == "Be home when the children come from school").first()?.id)
            try await citizen.get("/plan/actions")
            #expect(try await citizen.post("/plan/actions", [
                ("actionText", "Collect the children at three"), ("actionGoal", home.uuidString), ("actionOwner", "citizen"),
            ]).status == .seeOther)

            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            let noted = try await professional.post("/plans/\(fixtures.citizenPlan)/goal-tensions", [
                ("tensionFirst", fixtures.citizenGoal.uuidString), ("tensionSecond", home.uuidString),
                ("tensionNote", "Full-time work leaves no afternoons"), ("ownerPresent", "yes"),
            ])
            #expect(noted.status == .seeOther)
            let trace = try await AuditEntry.query(on: app.db).filter(\.$subjectID == fixtures.accounts[.citizen]!)
                .filter(\.$event == .personalDataChanged).all().map(\.target)
            #expect(trace.contains("plan:goal-tension:with-owner-present"))

            let picture = try await citizen.get("/plan/actions").body.string
            #expect(picture.contains("“Work again” and “Be home when the children come from school”"))
            #expect(picture.contains("Services pull in opposite directions"))
            #expect(picture.contains("Pulls against another service&#8217;s action") || picture.contains("Pulls against another service"))
            #expect(picture.contains("Noted by The professional with you there."))

            // Noted already, in either order.
            try await citizen.get("/plan/actions")
            let again = try await citizen.post("/plan/goal-tensions", [
                ("tensionFirst", home.uuidString), ("tensionSecond", fixtures.citizenGoal.uuidString),
            ])
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("These two goals are noted already."))

            let tension = try #require(try await GoalTension.query(on: app.db).first()?.id)
            try await citizen.get("/plan/actions")
            #expect(try await citizen.post("/plan/goal-tensions/\(tension)/remove").status == .seeOther)
            #expect(try await GoalTension.query(on: app.db).count() == 0)
            #expect(!(try await citizen.get("/plan/actions").body.string.contains("Services pull in opposite directions")))
        }
    }

    @Test func aProfessionalWithoutTheGoalsNotesNothing() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let second = Goal(planID: fixtures.citizenPlan, text: "Rest", origin: .citizen, status: .active,
                              createdByID: fixtures.accounts[.citizen]!, createdAt: world.now)
            try await second.create(on: app.db)
            // Take the goals out of what the outreach team may see.
            let authorisation = try #require(try await PlanAuthorisation.query(on: app.db).first())
            authorisation.sections = PlanSection.stored([.actions, .timeline])
            try await authorisation.update(on: app.db)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            let response = try await professional.post("/plans/\(fixtures.citizenPlan)/goal-tensions", [
                ("tensionFirst", fixtures.citizenGoal.uuidString), ("tensionSecond", try second.requireID().uuidString),
            ])
            #expect(response.status == .forbidden)
            #expect(try await GoalTension.query(on: app.db).count() == 0)
        }
    }
}
