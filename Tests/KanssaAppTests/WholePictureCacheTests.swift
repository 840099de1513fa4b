import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import SQLKit
import Testing
import VaporTesting

/// A kept whole picture is always the one the database would give now: after every kind of
/// change anyone can make to what it shows, through the stores or around them, the cache gives
/// exactly what building afresh gives — and when nothing changed, it builds nothing.
@Suite struct WholePictureCacheTests {
    /// Compares the cache's picture of the fixtures' plan with one built afresh, both as the
    /// citizen sees it and without the goals; returns whether the cache kept the citizen's.
    struct Probe {
        let app: Application
        let world: TestWorld
        let cache: WholePictureCache
        let planID: UUID
        var ownerName = "The citizen"

        @discardableResult
        func expectFresh(_ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Bool {
            let before = cache.statistics
            let timeZone = app.platform.config.timeZone
            for showGoals in [true, false] {
                let plan = try #require(try await PlanStore.plan(id: planID, on: app.db))
                let kept = try await cache.picture(
                    of: plan, ownerName: ownerName, showGoals: showGoals, now: world.now, timeZone: timeZone, on: app.db)
                let fresh = try await WholePicture.load(
                    planID: planID, ownerName: ownerName, showGoals: showGoals, now: world.now, timeZone: timeZone, on: app.db)
                #expect(kept == fresh, comment, sourceLocation: sourceLocation)
            }
            return cache.statistics.kept - before.kept == 2
        }
    }

    @Test func aKeptPictureIsAlwaysTheOneTheDatabaseGivesNow() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let db = app.db
            let citizen = fixtures.accounts[.citizen]!
            let professional = fixtures.accounts[.professional]!
            let plan = fixtures.citizenPlan
            var probe = Probe(app: app, world: world, cache: WholePictureCache(capacity: 10), planID: plan)

            #expect(try await probe.expectFresh("first view") == false)
            #expect(try await probe.expectFresh("nothing changed") == true)

            // The plan's contents.
            try await PlanStore.addOwnGoal("Time with my children", planID: plan, by: citizen, at: world.now, on: db)
            #expect(try await probe.expectFresh("a goal of the citizen's own") == false)
            try await PlanStore.suggestGoal("A course in logistics", planID: plan, by: professional, at: world.now, on: db)
            #expect(try await probe.expectFresh("a suggestion") == false)
            let suggestion = try #require(try await PlanStore.goals(of: plan, on: db).first { $0.status == .awaitingCitizen })
            #expect(try await PlanStore.answerSuggestion(try suggestion.requireID(), of: plan, endorse: false, on: db))
            #expect(try await probe.expectFresh("a declined suggestion") == false)
            let yesterday = PlanActions.day(world.now.addingTimeInterval(-24 * 3600), in: app.platform.config.timeZone)
            let action = try await PlanActions.add(
                ActionDraft(goalID: fixtures.citizenGoal, text: "Visit the fair", owner: .citizen, dueOn: yesterday, status: .open),
                planID: plan, teamID: fixtures.otherTeam, by: professional, at: world.now, on: db)
            #expect(try await probe.expectFresh("another service's action") == false)
            let changed = try await PlanActions.update(
                action, in: plan,
                to: ActionDraft(goalID: fixtures.citizenGoal, text: "Visit the fair", owner: .citizen, dueOn: yesterday, status: .done),
                expectedVersion: 0, by: citizen, at: world.now, on: db)
            #expect(changed == .saved)
            #expect(try await probe.expectFresh("an action done") == false)
            // Around every store: the database raises the revision whoever writes.
            let sql = try #require(db as? any SQLDatabase)
            try await sql.update("plan_actions").set("text", to: "Visit the job fair").where("id", .equal, action).run()
            #expect(try await probe.expectFresh("an action changed by plain SQL") == false)
            let goals = try await PlanStore.goals(of: plan, on: db).filter { $0.status == .active }
            try await GoalTension(
                planID: plan, firstGoalID: try goals[0].requireID(), secondGoalID: try goals[1].requireID(), note: "Both in the mornings",
                createdByID: citizen, createdAt: world.now, withOwnerPresent: false
            ).create(on: db)
            #expect(try await probe.expectFresh("a tension noted") == false)

            // Who can be named on an action: authorisations and the teams' members.
            let employment = try #require(try await Team.query(on: db).filter(\.$name == "Employment").first())
            try await PlanSharing.authorise(
                planID: plan, teamID: try employment.requireID(), sections: [.actions], purpose: "Work", legalBasis: .publicTask,
                until: world.now.addingTimeInterval(2 * 3600), by: citizen, at: world.now, on: db)
            #expect(try await probe.expectFresh("a team authorised") == false)
            try await TeamMember(teamID: try employment.requireID(), accountID: fixtures.accounts[.coordinator]!, createdAt: world.now)
                .create(on: db)
            #expect(try await probe.expectFresh("a member joins an authorised team") == false)
            #expect(try await probe.expectFresh("nothing changed since") == true)

            // Names, which only the directory's revision follows.
            try await Account.query(on: db).filter(\.$id == professional).set(\.$displayName, to: "Pia Professional").update()
            #expect(try await probe.expectFresh("a professional renamed") == false)
            try await Team.query(on: db).filter(\.$id == fixtures.otherTeam).set(\.$name, to: "Job coaching").update()
            #expect(try await probe.expectFresh("a team renamed") == false)
            try await Organisation.query(on: db).filter(\.$id == fixtures.elsewhere).set(\.$name, to: "Utrecht").update()
            #expect(try await probe.expectFresh("an organisation renamed") == false)
            probe.ownerName = "Citizen, renamed"
            #expect(try await probe.expectFresh("the owner's name as the page asks") == false)

            // What changes nothing shown keeps the picture: a sign-in, another plan's change.
            try await Account.query(on: db).filter(\.$id == citizen).set(\.$lastActiveAt, to: world.now).update()
            let other = try await PlanStore.plan(of: fixtures.accounts[.researcher]!, at: world.now, on: db)
            try await PlanStore.addOwnGoal("Another person's goal", planID: try other.requireID(), by: fixtures.accounts[.researcher]!,
                                           at: world.now, on: db)
            #expect(try await probe.expectFresh("a sign-in and another plan's goal") == true)

            // Time: an authorisation running out, a new day (what is overdue).
            world.advance(by: 2 * 3600 + 1)
            #expect(try await probe.expectFresh("the team's authorisation ran out") == false)
            world.advance(by: 24 * 3600)
            #expect(try await probe.expectFresh("a new day") == false)

            // Revoking, and a check-in (the plan's revision follows all of it).
            let authorisation = try #require(try await PlanAuthorisation.query(on: db).filter(\.$plan.$id == plan).first())
            #expect(try await PlanSharing.revoke(try authorisation.requireID(), of: plan, by: citizen, at: world.now, on: db))
            #expect(try await probe.expectFresh("the outreach team's authorisation revoked") == false)
            try await CheckIns.record(
                [CheckIns.Rating(area: DefaultLifeArea.home.rawValue, rating: 7, note: nil)], perspective: .citizen, planID: plan,
                by: citizen, at: world.now, on: db)
            #expect(try await probe.expectFresh("a check-in") == false)
            #expect(try await probe.expectFresh("nothing changed at the end") == true)
        }
    }

    @Test func theDatabaseRaisesTheRevisionsOnlyForWhatTheyStandFor() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let db = app.db
            func freshness() async throws -> PlanFreshness {
                try #require(try await PlanStore.plan(id: fixtures.citizenPlan, on: db)?.freshness)
            }
            let start = try await freshness()
            try await Timeline.write("A note", planID: fixtures.citizenPlan, by: fixtures.accounts[.citizen]!, at: world.now, on: db)
            let afterNote = try await freshness()
            #expect(afterNote.plan > start.plan && afterNote.directory == start.directory)
            try await TeamMember.query(on: db).filter(\.$account.$id == fixtures.accounts[.professional]!).delete()
            let afterLeaving = try await freshness()
            #expect(afterLeaving.plan == afterNote.plan && afterLeaving.directory > afterNote.directory)
            // A person's language or last sign-in is no name: nothing moves.
            try await Account.query(on: db).filter(\.$id == fixtures.accounts[.citizen]!).set(\.$preferredLanguage, to: "fi").update()
            #expect(try await freshness() == afterLeaving)
            // Deleting a plan's rows raises its revision too.
            try await PlanNote.query(on: db).filter(\.$plan.$id == fixtures.citizenPlan).delete()
            #expect(try await freshness().plan > afterLeaving.plan)
        }
    }

    @Test func aFullCacheLetsTheLeastRecentlyUsedGoAndNoneKeepsNothing() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let cache = WholePictureCache(capacity: 2)
            var plans: [Plan] = []
            for role in [Role.citizen, .researcher, .coordinator] {
                plans.append(try await PlanStore.plan(of: fixtures.accounts[role]!, at: world.now, on: app.db))
            }
            let timeZone = app.platform.config.timeZone
            func view(_ plan: Plan) async throws {
                let read = try #require(try await PlanStore.plan(id: try plan.requireID(), on: app.db))
                _ = try await cache.picture(of: read, ownerName: "Someone", showGoals: true, now: world.now, timeZone: timeZone, on: app.db)
            }
            for plan in plans + [plans[2]] { try await view(plan) }
            #expect(cache.count == 2)
            #expect(cache.statistics == .init(kept: 1, built: 3))
            // The first went when the third came; the second stayed.
            try await view(plans[1])
            try await view(plans[0])
            #expect(cache.statistics == .init(kept: 2, built: 4))

            let none = WholePictureCache(capacity: 0)
            let read = try #require(try await PlanStore.plan(id: fixtures.citizenPlan, on: app.db))
            for _ in 0..<2 {
                _ = try await none.picture(of: read, ownerName: "Someone", showGoals: true, now: world.now, timeZone: timeZone, on: app.db)
            }
            #expect(none.count == 0 && none.statistics == .init())
        }
    }

    /// Through the route, with both what is kept of the plan and the page last shown: every
    /// view after a change shows it, and an unchanged view is the same page, sent from memory.
    @Test func theCitizensViewShowsEveryChangeAtTheNextRequest() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let first = try await citizen.get("/plan/actions").body.string
            #expect(first.contains("Call the job centre") && first.contains("Outreach · Here"))
            #expect(try await citizen.get("/plan/actions").body.string == first)
            #expect(app.platform.shownActionPages.count == 1)

            // A professional's action, through their own route.
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            try await citizen.get("/plan")
            try await citizen.post("/plan/agenda", ActionTests.agenda)
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            let added = try await professional.post(
                "/plans/\(fixtures.citizenPlan)/actions", ActionTests.actionForm(fixtures, "Ask about the evening course"))
            #expect(added.status == .seeOther)
            #expect(try await citizen.get("/plan/actions").body.string.contains("Ask about the evening course"))

            // A team renamed, by an administrator: only the directory's revision says so.
            try await Team.query(on: app.db).filter(\.$id == fixtures.outreachTeam).set(\.$name, to: "Street work").update()
            let renamed = try await citizen.get("/plan/actions").body.string
            #expect(renamed.contains("Street work · Here") && !renamed.contains("Outreach · Here"))

            // The team's authorisation revoked: the professional can no longer be named on a new action.
            #expect(renamed.contains("value=\"professional:\(fixtures.accounts[.professional]!.uuidString)\""))
            let authorisation = try #require(try await PlanAuthorisation.query(on: app.db).filter(\.$plan.$id == fixtures.citizenPlan).first())
            #expect(try await PlanSharing.revoke(try authorisation.requireID(), of: fixtures.citizenPlan,
                                                 by: fixtures.accounts[.citizen]!, at: world.now, on: app.db))
            #expect(!(try await citizen.get("/plan/actions").body.string
                .contains("value=\"professional:\(fixtures.accounts[.professional]!.uuidString)\"")))

            // The person's language: the same plan, another page.
            try await Account.query(on: app.db).filter(\.$id == fixtures.accounts[.citizen]!).set(\.$preferredLanguage, to: "fi").update()
            let finnish = try await citizen.get("/plan/actions").body.string
            #expect(finnish.contains("<html lang=\"fi\">"))

            // Signing out lets the page kept for the session go.
            #expect(app.platform.shownActionPages.count == 1)
            try await citizen.post("/sign-out")
            #expect(app.platform.shownActionPages.count == 0)
        }
    }
}
