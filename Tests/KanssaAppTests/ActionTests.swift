import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// Actions from every service side by side; clashes and actions that serve no goal of the
/// citizen's own are flagged; a second save never overwrites the first unseen.
@Suite struct ActionTests {
    static let agenda = [("whatMatters", "Working again"), ("version", "0")]

    static func actionForm(_ fixtures: Fixtures, _ text: String, owner: String = "citizen", due: String = "") -> [(String, String)] {
        [("actionText", text), ("actionGoal", fixtures.citizenGoal.uuidString), ("actionOwner", owner), ("actionSupporter", ""),
         ("actionDue", due)]
    }

    @Test func servicesPlanSideBySideAndClashesAreShownToEveryone() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            // The citizen's agenda comes first.
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            let early = try await professional.post("/plans/\(fixtures.citizenPlan)/actions", Self.actionForm(fixtures, "Too early"))
            #expect(early.status == .unprocessableEntity)
            #expect(try await PlanAction.query(on: app.db).count() == 1)

            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan")
            try await citizen.post("/plan/agenda", Self.agenda)
            try await citizen.get("/plan/actions")
            // A message says what to do: what to write when it is empty, how much to cut when it is too long.
            let empty = try await citizen.post("/plan/actions", Self.actionForm(fixtures, "   "))
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains(">Write what will be done.</"))
            let long = try await citizen.post("/plan/actions", Self.actionForm(fixtures, String(repeating: "a", count: 350)))
            #expect(long.body.string.contains("Write what will be done. It is too long: shorten it to 300 characters or fewer."))
            let mine = try await citizen.post("/plan/actions", Self.actionForm(fixtures, "Practise the interview with Amal", due: "2026-06-03"))
            #expect(mine.status == .seeOther)
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            let theirs = try await professional.post(
                "/plans/\(fixtures.citizenPlan)/actions",
                Self.actionForm(fixtures, "Interview at the hospital", owner: "professional:\(fixtures.accounts[.professional]!)", due: "2026-06-03"))
            #expect(theirs.status == .seeOther)

            let page = try await citizen.get("/plan/actions").body.string
            #expect(page.contains("Practise the interview with Amal"))
            #expect(page.contains("Interview at the hospital"))
            #expect(page.contains("Outreach · Here"))
            // Spoken to the citizen: a card for the day, who expects what, what they can do.
            #expect(page.contains("Days when more than one service expects something of you"))
            #expect(page.contains("Outreach · Here: “Interview at the hospital”"))
            #expect(page.contains("You: “Practise the interview with Amal”"))
            #expect(page.contains("What you can do: tell the services"))
            #expect(page.contains("Of your 3 things to do, 3 are for goals you chose."))
            #expect(!page.contains("100 %") && !page.contains("open actions serve a goal the citizen owns"), "the staff figure stays on staff pages")
            let shared = try await professional.get("/plans/\(fixtures.citizenPlan)").body.string
            #expect(shared.contains("Days when services clash"))
            #expect(shared.contains("100 %"))
            let action = try #require(try await PlanAction.query(on: app.db).filter(\.$text == "Interview at the hospital").first())
            #expect(action.teamID == fixtures.outreachTeam)
            #expect(action.ownerAccountID == fixtures.accounts[.professional]!)
            let changes = try await AuditEntry.query(on: app.db)
                .filter(\.$event == .personalDataChanged).filter(\.$subjectID == fixtures.accounts[.citizen]!)
                .filter(\.$target == "plan:action").all()
            #expect(changes.count == 2)
        }
    }

    @Test func actionsServingNoGoalOfTheCitizensOwnAreFlagged() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let suggestion = Goal(planID: fixtures.citizenPlan, text: "Take the forklift course", origin: .suggested,
                                  status: .awaitingCitizen, suggestedByID: fixtures.accounts[.professional]!,
                                  createdByID: fixtures.accounts[.professional]!, createdAt: Date())
            try await suggestion.create(on: app.db)
            _ = try await PlanStore.saveAgenda(AgendaText(whatMatters: "Work"), planID: fixtures.citizenPlan, expectedVersion: 0,
                                               by: fixtures.accounts[.citizen]!, at: Date(), on: app.db)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            var form = Self.actionForm(fixtures, "Enrol for the forklift course")
            form[1] = ("actionGoal", try suggestion.requireID().uuidString)
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/actions", form).status == .seeOther)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let page = try await citizen.get("/plan/actions").body.string
            #expect(page.contains("Things to do that are not for a goal of yours"))
            #expect(page.contains("Not for a goal of yours"))
            #expect(page.contains("Of your 2 things to do, 1 is for goals you chose."))
            // A declined goal is not offered, and an action cannot be attached to it.
            suggestion.status = .declined
            try await suggestion.save(on: app.db)
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/actions", form).status == .unprocessableEntity)
        }
    }

    @Test func aSecondSaveIsShownTheFirstAndNothingIsOverwritten() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let path = "/plans/\(fixtures.citizenPlan)/actions/\(fixtures.citizenAction)"
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let opened = try await professional.get(path).body.string
            #expect(opened.contains(#"name="version" value="0""#))
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan/actions/\(fixtures.citizenAction)")
            var mine = Self.actionForm(fixtures, "Call the job centre on Monday", owner: "professional:\(fixtures.accounts[.professional]!)")
            mine.append(contentsOf: [("actionStatus", "open"), ("version", "0")])
            #expect(try await citizen.post("/plan/actions/\(fixtures.citizenAction)", mine).status == .seeOther)

            var theirs = Self.actionForm(fixtures, "Call the job centre", owner: "professional:\(fixtures.accounts[.professional]!)")
            theirs.append(contentsOf: [("actionStatus", "done"), ("version", "0")])
            let late = try await professional.post(path, theirs)
            #expect(late.status == .conflict)
            let body = late.body.string
            #expect(body.contains("The citizen saved this action"))
            #expect(body.contains("Call the job centre on Monday"))
            #expect(body.contains(#"name="version" value="1""#))
            let stored = try #require(try await PlanAction.find(fixtures.citizenAction, on: app.db))
            #expect(stored.text == "Call the job centre on Monday" && stored.status == .open && stored.version == 1)

            theirs[theirs.count - 1] = ("version", "1")
            try await professional.get(path)
            #expect(try await professional.post(path, theirs).status == .seeOther)
            let saved = try #require(try await PlanAction.find(fixtures.citizenAction, on: app.db))
            #expect(saved.status == .done && saved.version == 2)
        }
    }

    @Test func oneServiceDoesNotRewriteAnothersOrTheCitizensActions() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let own = try await PlanActions.add(
                ActionDraft(goalID: fixtures.citizenGoal, text: "Ask Amal about Tuesdays", owner: .supporter("Amal"), dueOn: nil, status: .open),
                planID: fixtures.citizenPlan, teamID: nil, by: fixtures.accounts[.citizen]!, at: Date(), on: app.db)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get("/plans/\(fixtures.citizenPlan)").body.string
            #expect(page.contains("/actions/\(fixtures.citizenAction)\""))
            #expect(!page.contains("/actions/\(own)\""))
            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)/actions/\(own)").status == .forbidden)
            var form = Self.actionForm(fixtures, "Changed")
            form.append(contentsOf: [("actionStatus", "open"), ("version", "0")])
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/actions/\(own)", form).status == .forbidden)
            #expect(try await PlanAction.find(own, on: app.db)?.text == "Ask Amal about Tuesdays")
        }
    }

    @Test func anotherPlansActionIsNotFoundThroughThisPlanAndRevokingEndsChanges() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            // The member of both organisations is also a citizen with a plan of their own.
            let otherPlan = try await PlanStore.plan(of: fixtures.memberOfBoth, at: Date(), on: app.db)
            let otherGoal = Goal(planID: try otherPlan.requireID(), text: "Mine", origin: .citizen, status: .active,
                                 createdByID: fixtures.memberOfBoth, createdAt: Date())
            try await otherGoal.create(on: app.db)
            let otherAction = try await PlanActions.add(
                ActionDraft(goalID: try otherGoal.requireID(), text: "Not yours", owner: .citizen, dueOn: nil, status: .open),
                planID: try otherPlan.requireID(), teamID: nil, by: fixtures.memberOfBoth, at: Date(), on: app.db)

            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(try await citizen.get("/plan/actions/\(otherAction)").status == .notFound)
            try await citizen.get("/plan/actions")
            #expect(try await citizen.post("/plan/actions/\(otherAction)", [("actionText", "x"), ("version", "0")]).status == .notFound)

            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)/actions/\(otherAction)").status == .forbidden)
            #expect(try await professional.get("/plans/\(try otherPlan.requireID())/actions/\(otherAction)").status == .forbidden)

            try await PlanAuthorisation.query(on: app.db).set(\.$revokedAt, to: Date()).update()
            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)/actions/\(fixtures.citizenAction)").status == .forbidden)
            try await professional.get("/me")
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/actions", Self.actionForm(fixtures, "x")).status == .forbidden)
            #expect(try await PlanAction.find(otherAction, on: app.db)?.text == "Not yours")
        }
    }
}

/// How life is going: the citizen's ratings and a professional's, side by side, never averaged.
@Suite struct CheckInTests {
    @Test func bothViewsAreKeptAndTheDifferenceIsShown() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan/life")
            let saved = try await citizen.post("/plan/check-ins", [("rating-money", "3"), ("note-money", "Rent is late again"), ("rating-home", "")])
            #expect(saved.status == .seeOther)
            world.advance(by: 20 * 24 * 3600)
            try await citizen.signIn(Fixtures.login(.citizen))  // the session has long expired
            try await citizen.get("/plan/life")
            try await citizen.post("/plan/check-ins", [("rating-money", "5")])

            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/check-ins", [("rating-money", "7")]).status == .seeOther)

            let page = try await citizen.get("/plan/life").body.string
            #expect(page.contains("The views differ by 2."))
            #expect(page.contains("Rent is late again"))
            #expect(page.contains(#"<svg viewBox="0 0 320 150" role="img""#))
            #expect(page.contains("line line--citizen"))
            #expect(page.contains("The professional (professional)"))
            let rows = try await CheckIn.query(on: app.db).all()
            #expect(rows.map(\.rating).sorted() == [3, 5, 7])
            #expect(Set(rows.map(\.perspective)) == [.citizen, .professional])
        }
    }

    @Test func badRatingsChangeNothingAndOthersNeedTheSection() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan/life")
            let bad = try await citizen.post("/plan/check-ins", [("rating-money", "11"), ("note-home", "no rating")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Choose a rating from 1 to 10."))
            #expect(bad.body.string.contains("A note needs a rating"))
            try await citizen.get("/plan/life")
            #expect(try await citizen.post("/plan/check-ins", []).status == .unprocessableEntity)

            try await PlanAuthorisation.query(on: app.db).set(\.$sections, to: "agenda,goals").update()
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get("/plans/\(fixtures.citizenPlan)").body.string
            #expect(!page.contains("journey"))
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/check-ins", [("rating-money", "7")]).status == .forbidden)
            #expect(try await CheckIn.query(on: app.db).count() == 0)
        }
    }
}

/// A professional working on the plan with its owner in the room records it as such, and the
/// owner sees it on what was written.
@Suite struct OwnerPresentTests {
    @Test func whatIsWrittenInAMeetingSaysSo() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            _ = try await PlanStore.saveAgenda(AgendaText(whatMatters: "Work"), planID: fixtures.citizenPlan, expectedVersion: 0,
                                               by: fixtures.accounts[.citizen]!, at: Date(), on: app.db)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get("/plans/\(fixtures.citizenPlan)").body.string
            #expect(page.contains("The citizen is here with me and agrees with what I write"))
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/notes",
                                                [("note", "Agreed together: CV first"), ("ownerPresent", "yes")]).status == .seeOther)
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/actions", [
                ("actionText", "Ask the library about the CV workshop"), ("actionGoal", fixtures.citizenGoal.uuidString),
                ("actionOwner", "citizen"), ("ownerPresent", "yes"),
            ]).status == .seeOther)
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/check-ins", [("rating-home", "6"), ("ownerPresent", "yes")]).status == .seeOther)
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/notes", [("note", "Phoned the employer")]).status == .seeOther)

            #expect(try await PlanNote.query(on: app.db).filter(\.$withOwnerPresent == true).count() == 1)
            #expect(try await PlanNote.query(on: app.db).filter(\.$withOwnerPresent == false).count() == 1)
            #expect(try await PlanAction.query(on: app.db).filter(\.$withOwnerPresent == true).count() == 1)
            #expect(try await CheckIn.query(on: app.db).filter(\.$withOwnerPresent == true).count() == 1)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let plan = try await citizen.get("/plan").body.string
            #expect(plan.contains("The professional, with you present,"))
            // What others changed is on the owner's timeline too: no change about them is hidden.
            #expect(plan.contains("Planned or changed an action in your plan."))
            #expect(plan.contains("Rated how areas of your life are going"))
            #expect(!(try await professional.get("/plans/\(fixtures.citizenPlan)").body.string.contains("Planned or changed an action")))
            #expect(try await citizen.get("/plan/actions").body.string.contains("Planned by The professional with you there"))
            #expect(try await citizen.get("/plan/life").body.string.contains("The professional (professional, with The citizen present)"))
            let changes = try await AuditEntry.query(on: app.db).filter(\.$event == .personalDataChanged)
                .filter(\.$subjectID == fixtures.accounts[.citizen]!).all().map(\.target)
            #expect(Set(changes).isSuperset(of: ["plan:note:with-owner-present", "plan:action:with-owner-present",
                                                 "plan:check-in:with-owner-present", "plan:note"]))
        }
    }
}
