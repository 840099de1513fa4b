import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// Nothing about me without me: a plan is seen only by those its owner authorised, for the
/// sections named, until the date, and revoking counts on the next request.
@Suite struct SharingTests {
    static let agenda = [("whatMatters", "Working again"), ("appreciated", "Reliable"), ("version", "0")]

    @Test func anAuthorisedTeamSeesThePlanAndEveryLookIsOnTheCitizensTrace() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan")
            try await citizen.post("/plan/agenda", Self.agenda)

            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let caseload = try await professional.get("/caseload")
            #expect(caseload.body.string.contains("The citizen"))
            let plan = try await professional.get("/plans/\(fixtures.citizenPlan)")
            #expect(plan.status == .ok)
            #expect(plan.body.string.contains("Working again"))
            #expect(plan.body.string.contains("Finding work together"))

            let trace = try await citizen.get("/me").body.string
            #expect(trace.contains("The professional"))
            #expect(trace.contains("Finding work together"))
            let reads = try await AuditEntry.query(on: app.db)
                .filter(\.$subjectID == fixtures.accounts[.citizen]!).filter(\.$event == .personalDataRead).all()
            #expect(Set(reads.map(\.target)) == ["caseload", "plan:actions,agenda,check-ins,goals,timeline"])
        }
    }

    @Test func revokingEndsAccessOnTheNextRequest() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)").status == .ok)

            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let sharing = try await citizen.get("/plan/sharing").body.string
            #expect(sharing.contains("Outreach (Here)"))
            let authorisation = try #require(try await PlanAuthorisation.query(on: app.db).first())
            #expect(sharing.contains(#"<a class="button button--danger" href="/plan/authorisations/\#(authorisation.id!)/revoke">Take back<span class="visually-hidden"> from Outreach (Here)</span></a>"#))
            // Asked first; asking changes nothing.
            let question = try await citizen.get("/plan/authorisations/\(authorisation.id!)/revoke").body.string
            #expect(question.contains("Take back from Outreach (Here)?"))
            #expect(question.contains("From the moment you say yes, Outreach (Here) can no longer see your plan."))
            #expect(question.contains(#"<a href="/plan/sharing">No, keep sharing</a>"#))
            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)").status == .ok)
            #expect(try await citizen.post("/plan/authorisations/\(authorisation.id!)/revoke").status == .seeOther)

            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)").status == .forbidden)
            #expect(!(try await professional.get("/caseload").body.string.contains("The citizen")))
            let receipt = try await citizen.get("/plan/sharing?notice=revoked").body.string
            #expect(receipt.contains("You took this back on May 28, 2026."))
        }
    }

    @Test func takingBackCanBeUndoneForTenMinutesByTheOwnerOnly() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let authorisation = try #require(try await PlanAuthorisation.query(on: app.db).first())
            let restore = "/plan/authorisations/\(authorisation.id!)/restore"
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan/sharing")
            // Nothing taken back: nothing to undo.
            #expect(try await citizen.post(restore).status == .notFound)
            try await citizen.get("/plan/sharing")
            let taken = try await citizen.post("/plan/authorisations/\(authorisation.id!)/revoke")
            let next = try #require(taken.headers.first(name: .location))
            let page = try await citizen.get(next).body.string
            #expect(page.contains("You took back what Outreach (Here) could see. Changed your mind?"))
            #expect(page.contains(#"action="\#(restore)""#))

            // Someone else cannot undo it, even knowing its id.
            var other = Browser(app)
            try await other.signIn(Fixtures.login(.coTrainer))
            try await other.get("/plan")
            #expect(try await other.post(restore).status == .notFound)

            world.advance(by: 5 * 60)
            try await citizen.get(next)
            #expect(try await citizen.post(restore).status == .seeOther)
            #expect(try await PlanAuthorisation.find(authorisation.id, on: app.db)?.revokedAt == nil)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)").status == .ok)
            let restored = try await AuditEntry.query(on: app.db).filter(\.$target == "authorisation:\(authorisation.id!):restored").count()
            #expect(restored == 1)

            // Taken back again and left for more than ten minutes: it stays taken back.
            try await citizen.get("/plan/sharing")
            try await citizen.post("/plan/authorisations/\(authorisation.id!)/revoke")
            world.advance(by: 11 * 60)
            try await citizen.get("/plan/sharing")
            #expect(try await citizen.post(restore).status == .notFound)
            #expect(!(try await citizen.get(next).body.string.contains("Changed your mind?")))
        }
    }

    @Test func theCommonCaseIsOneStepAndSaysWhatItShares() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let employment = try #require(try await Team.query(on: app.db).filter(\.$name == "Employment").first())
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let page = try await citizen.get("/plan/sharing").body.string
            #expect(page.contains("Let a team you meet see your plan"))
            #expect(page.contains("They will see your whole plan: What matters to me and my profile"))
            // No day given: the same page, the problem beside the field, the title saying so.
            let missing = try await citizen.post("/plan/authorisations", [
                ("form", "quick"), ("team", employment.id!.uuidString), ("sections[]", "goals"), ("purpose", "Working with me on my plan"),
                ("legalBasis", "consent"), ("until", ""),
            ])
            #expect(missing.status == .unprocessableEntity)
            let body = missing.body.string
            #expect(body.contains("<title>Error: Who can see my plan – Kanssa</title>"))
            #expect(body.contains(##"<a href="#until">Give a date after today and within two years.</a>"##))
            #expect(body.contains(#"value="\#(employment.id!)" checked"#))
            try await citizen.get("/plan/sharing")
            #expect(try await citizen.post("/plan/authorisations", [("form", "quick"), ("team", employment.id!.uuidString)]
                + PlanSection.allCases.map { ("sections[]", $0.rawValue) }
                + [("purpose", "Working with me on my plan"), ("legalBasis", "consent"), ("until", "2026-09-01")]).status == .seeOther)
            let share = try #require(try await PlanAuthorisation.query(on: app.db).filter(\.$granteeTeamID == employment.id).first())
            #expect(PlanSection.set(share.sections) == Set(PlanSection.allCases))
            #expect(share.legalBasis == .consent)
            _ = fixtures
        }
    }

    @Test func sharingAgainStartsFromTheEarlierShareAndEachBasisIsExplained() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let authorisation = try #require(try await PlanAuthorisation.query(on: app.db).first())
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let page = try await citizen.get("/plan/sharing/new").body.string
            #expect(page.contains("They need it for the work the law gives them, such as the service they give you."))
            #expect(page.contains(#"aria-describedby="legalBasis-0-hint""#))
            try await citizen.post("/plan/authorisations/\(authorisation.id!)/revoke")
            let receipt = try await citizen.get("/plan/sharing").body.string
            #expect(receipt.contains(#"<a class="action-link" href="/plan/sharing/new?from=\#(authorisation.id!)">Share again like this"#))
            let again = try await citizen.get("/plan/sharing/new?from=\(authorisation.id!)").body.string
            #expect(again.contains(#"<option value="\#(fixtures.outreachTeam)" selected>"#))
            #expect(again.contains(#"value="Finding work together""#))
            #expect(again.contains(#"value="goals" checked"#))
            #expect(again.contains(#"value="public-task" checked"#))
            // Another person's share is not found here: the form starts empty.
            var other = Browser(app)
            try await other.signIn(Fixtures.login(.coTrainer))
            let theirs = try await other.get("/plan/sharing/new?from=\(authorisation.id!)").body.string
            #expect(!theirs.contains("Finding work together"))
        }
    }

    @Test func anAuthorisationEndsOnItsDate() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            world.advance(by: 31 * 24 * 3600)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)").status == .forbidden)
        }
    }

    @Test func onlyTheSectionsNamedAreShown() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan")
            try await citizen.post("/plan/agenda", Self.agenda)
            try await citizen.get("/plan")
            try await citizen.post("/plan/goals", [("goal", "Drive again")])
            try await PlanAuthorisation.query(on: app.db).set(\.$sections, to: "goals").update()
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get("/plans/\(fixtures.citizenPlan)").body.string
            #expect(page.contains("Drive again"))
            #expect(!page.contains("Working again"))
            #expect(!page.contains("Reliable"))
        }
    }

    @Test func strengthsComeBeforeGoalsAndAreSharedOnlyWhenNamed() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan")
            let early = try await citizen.post("/plan/strengths", [("kind", "skill"), ("strength", "Fixing bikes")])
            #expect(early.status == .unprocessableEntity)
            try await citizen.post("/plan/agenda", Self.agenda)
            let page = try await citizen.get("/plan").body.string
            let strengthsAt = try #require(page.range(of: "My strengths and what helps me"))
            let goalsAt = try #require(page.range(of: "My goals"))
            #expect(strengthsAt.lowerBound < goalsAt.lowerBound)
            #expect(try await citizen.post("/plan/strengths", [("kind", "person"), ("strength", "My sister Amal")]).status == .seeOther)
            try await citizen.get("/plan")
            let blank = try await citizen.post("/plan/strengths", [("kind", "skill"), ("strength", " ")])
            #expect(blank.body.string.contains("Write it in 1 to 300 characters."))
            let unknownKind = try await citizen.post("/plan/strengths", [("kind", "weakness"), ("strength", "x")])
            #expect(unknownKind.status == .badRequest)
            #expect(try await citizen.get("/plan").body.string.contains("My sister Amal"))

            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(!(try await professional.get("/plans/\(fixtures.citizenPlan)").body.string.contains("My sister Amal")))
            try await PlanAuthorisation.query(on: app.db).set(\.$sections, to: "agenda,goals,strengths").update()
            #expect(try await professional.get("/plans/\(fixtures.citizenPlan)").body.string.contains("My sister Amal"))
        }
    }

    @Test func aCitizenAuthorisesATeamWithAPurposeABasisAndADate() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.coTrainer))
            try await citizen.get("/plan/sharing")
            let bad = try await citizen.post("/plan/authorisations", [
                ("team", fixtures.otherTeam.uuidString), ("purpose", ""), ("legalBasis", "vital-interests"), ("until", "2020-01-01"),
            ])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Choose one of the teams or people in the list.", "Choose at least one part", "Write why", "Choose a basis", "Give a date after today"] {
                #expect(bad.body.string.contains(message), "\(message)")
            }
            let good = try await citizen.post("/plan/authorisations", [
                ("team", fixtures.outreachTeam.uuidString), ("sections[]", "goals"), ("purpose", "Help with my training plan"),
                ("legalBasis", "consent"), ("until", "2026-12-31"),
            ])
            #expect(good.status == .seeOther)
            let stored = try #require(try await PlanAuthorisation.query(on: app.db).filter(\.$purpose == "Help with my training plan").first())
            #expect(stored.sections == "goals")
            #expect(stored.legalBasis == .consent)
            #expect(stored.granteeTeamID == fixtures.outreachTeam)
            let shared = try await AuditEntry.query(on: app.db).filter(\.$event == .planShared).count()
            #expect(shared == 1)
        }
    }

    @Test func nobodyCanRevokeOrOpenAnotherPersonsPlan() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let authorisation = try #require(try await PlanAuthorisation.query(on: app.db).first())
            var other = Browser(app)
            try await other.signIn(Fixtures.login(.coTrainer))
            try await other.get("/plan")
            #expect(try await other.get("/plan/authorisations/\(authorisation.id!)/revoke").status == .notFound)
            #expect(try await other.post("/plan/authorisations/\(authorisation.id!)/revoke").status == .notFound)
            #expect(try await other.get("/plans/\(fixtures.citizenPlan)").status == .forbidden)
            #expect(try await PlanAuthorisation.query(on: app.db).filter(\.$revokedAt == nil).count() == 1)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            #expect(try await admin.get("/plans/\(fixtures.citizenPlan)").status == .forbidden)
            var stranger = Browser(app)
            try await stranger.signIn(Fixtures.adminElsewhereLogin)
            #expect(try await stranger.get("/plans/\(UUID())").status == .forbidden)
        }
    }
}

/// A professional suggests; the citizen decides; and nothing is suggested before the citizen
/// has said what matters to them.
@Suite struct SuggestionTests {
    @Test func aSuggestionWaitsForTheAgendaThenForTheCitizensAnswer() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let before = try await professional.get("/plans/\(fixtures.citizenPlan)").body.string
            #expect(before.contains("has not yet written what matters to them"))
            #expect(!before.contains("/suggestions\""))
            let early = try await professional.post("/plans/\(fixtures.citizenPlan)/suggestions", [("goal", "Take a course")])
            #expect(early.status == .unprocessableEntity)
            #expect(try await Goal.query(on: app.db).filter(\.$origin == .suggested).count() == 0)

            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            try await citizen.get("/plan")
            try await citizen.post("/plan/agenda", [("whatMatters", "A job near home"), ("version", "0")])

            try await professional.get("/plans/\(fixtures.citizenPlan)")
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/suggestions", [("goal", "Take the business course")]).status == .seeOther)
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/suggestions", [("goal", "Visit the job fair")]).status == .seeOther)

            let page = try await citizen.get("/plan").body.string
            #expect(page.contains("not your goal unless you agree"))
            let suggestions = try await Goal.query(on: app.db).filter(\.$id != fixtures.citizenGoal).sort(\.$text).all()
            #expect(suggestions.allSatisfy { $0.status == .awaitingCitizen && $0.origin == .suggested })
            let course = try #require(suggestions.first { $0.text == "Take the business course" })
            let fair = try #require(suggestions.first { $0.text == "Visit the job fair" })
            #expect(try await citizen.post("/plan/goals/\(course.id!)/answer", [("answer", "decline")]).status == .seeOther)
            try await citizen.get("/plan")
            #expect(try await citizen.post("/plan/goals/\(fair.id!)/answer", [("answer", "endorse")]).status == .seeOther)
            // An answered suggestion cannot be answered again.
            try await citizen.get("/plan")
            #expect(try await citizen.post("/plan/goals/\(course.id!)/answer", [("answer", "endorse")]).status == .notFound)
            #expect(try await Goal.find(course.id, on: app.db)?.status == .declined)
            #expect(try await Goal.find(fair.id, on: app.db)?.status == .active)

            let shared = try await professional.get("/plans/\(fixtures.citizenPlan)").body.string
            #expect(shared.contains("a suggestion, not The citizen's goal"))
            #expect(shared.contains("The citizen's own goal"))
        }
    }

    @Test func theSuggesterRewordsTheirSuggestionUntilTheCitizenAnswers() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            try await Plan.query(on: app.db).set(\.$whatMatters, to: "Something").update()
            try await PlanStore.suggestGoal("Take a course", planID: fixtures.citizenPlan, by: fixtures.accounts[.professional]!,
                                            at: world.now, on: app.db)
            let goal = try #require(try await Goal.query(on: app.db).filter(\.$origin == .suggested).first()?.id)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get("/plans/\(fixtures.citizenPlan)").body.string
            #expect(page.contains("Change the wording of my suggestion"))
            let field = "suggestion-\(goal.uuidString)"
            let reworded = try await professional.post("/plans/\(fixtures.citizenPlan)/suggestions/\(goal)",
                                                       [(field, "Take the evening course at the library"), ("version", "0")])
            #expect(reworded.status == .seeOther)
            #expect(try await Goal.find(goal, on: app.db)?.text == "Take the evening course at the library")
            let trace = try await AuditEntry.query(on: app.db).filter(\.$target == "plan:suggestion-reworded").count()
            #expect(trace == 1)
            // From an old page (version 0 again): nothing overwritten.
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            let stale = try await professional.post("/plans/\(fixtures.citizenPlan)/suggestions/\(goal)", [(field, "Older words"), ("version", "0")])
            #expect(stale.status == .conflict)
            // Once the citizen answered, the words stay as they were answered.
            #expect(try await PlanStore.answerSuggestion(goal, of: fixtures.citizenPlan, endorse: true, on: app.db))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            let late = try await professional.post("/plans/\(fixtures.citizenPlan)/suggestions/\(goal)", [(field, "Changed later"), ("version", "1")])
            #expect(late.status == .conflict)
            #expect(late.body.string.contains("has answered this suggestion or it changed meanwhile"))
            #expect(try await Goal.find(goal, on: app.db)?.text == "Take the evening course at the library")
            // Nobody else rewords it.
            var colleague = Browser(app)
            try await colleague.signIn(Fixtures.memberOfBothLogin)
            try await colleague.get("/me")
            #expect(try await colleague.post("/plans/\(fixtures.citizenPlan)/suggestions/\(goal)", [(field, "Mine"), ("version", "1")])
                .status == .forbidden)
        }
    }

    @Test func onlyTheOwnerAnswersAndOnlyAuthorisedPeopleSuggest() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            try await Plan.query(on: app.db).set(\.$whatMatters, to: "Something").update()
            try await PlanStore.suggestGoal("A suggestion", planID: fixtures.citizenPlan, by: fixtures.accounts[.professional]!,
                                            at: Date(), on: app.db)
            let goal = try #require(try await Goal.query(on: app.db).filter(\.$origin == .suggested).first())
            var other = Browser(app)
            try await other.signIn(Fixtures.login(.coTrainer))
            try await other.get("/plan")
            #expect(try await other.post("/plan/goals/\(goal.id!)/answer", [("answer", "endorse")]).status == .notFound)
            #expect(try await other.post("/plans/\(fixtures.citizenPlan)/suggestions", [("goal", "Mine")]).status == .forbidden)
            var colleague = Browser(app)
            try await colleague.signIn(Fixtures.memberOfBothLogin)
            try await colleague.get("/me")
            #expect(try await colleague.post("/plans/\(fixtures.citizenPlan)/suggestions", [("goal", "Mine")]).status == .forbidden)
            #expect(try await Goal.query(on: app.db).filter(\.$origin == .suggested).count() == 1)
            #expect(try await Goal.find(goal.id, on: app.db)?.status == .awaitingCitizen)
        }
    }
}

/// The timeline: notes by the citizen and by those authorised, all visible to the citizen.
/// A citizen can authorise one named professional instead of a team.
@Suite struct PersonalAuthorisationTests {
    @Test func aNamedProfessionalSeesThePlanAndNobodyElseGainsAnything() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let page = try await citizen.get("/plan/sharing/new").body.string
            #expect(page.contains("Member of both, in person (Here)"))
            #expect(!page.contains("Admin Elsewhere"))  // another organisation's staff are not offered
            #expect(try await citizen.post("/plan/authorisations", [
                ("team", "person:\(fixtures.memberOfBoth)"), ("sections[]", "goals"), ("purpose", "Help with my CV"),
                ("legalBasis", "consent"), ("until", "2026-12-31"),
            ]).status == .seeOther)
            let receipt = try await citizen.get("/plan/sharing").body.string
            #expect(receipt.contains("Help with my CV"))
            var named = Browser(app)
            try await named.signIn(Fixtures.memberOfBothLogin)
            #expect(try await named.get("/caseload").body.string.contains("The citizen"))
            let plan = try await named.get("/plans/\(fixtures.citizenPlan)")
            #expect(plan.status == .ok)
            #expect(plan.body.string.contains("Work again"))
            #expect(!plan.body.string.contains("Call the job centre"))  // actions were not named
            // A person from another organisation cannot be authorised, even by a forged form.
            try await citizen.get("/plan/sharing")
            let forged = try await citizen.post("/plan/authorisations", [
                ("team", "person:\(fixtures.adminElsewhere)"), ("sections[]", "goals"), ("purpose", "x"),
                ("legalBasis", "consent"), ("until", "2026-12-31"),
            ])
            #expect(forged.status == .unprocessableEntity)
            #expect(try await PlanAuthorisation.query(on: app.db).filter(\.$granteeAccountID == fixtures.adminElsewhere).count() == 0)
        }
    }
}

@Suite struct TimelineTests {
    @Test func everyNoteAboutTheCitizenIsOnTheCitizensOwnPage() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/notes", [("note", "Met at the library; CV next week")]).status == .seeOther)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let page = try await citizen.get("/plan").body.string
            #expect(page.contains("Met at the library; CV next week"))
            #expect(page.contains("The professional,"))
            #expect(try await citizen.post("/plan/notes", [("note", "I sent the CV on Friday")]).status == .seeOther)
            let shared = try await professional.get("/plans/\(fixtures.citizenPlan)").body.string
            #expect(shared.contains("I sent the CV on Friday"))
            try await citizen.get("/plan")
            let blank = try await citizen.post("/plan/notes", [("note", "  ")])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.body.string.contains("Write the note in 1 to 2,000 characters."))
        }
    }

    @Test func withoutTheTimelineSectionNothingIsReadOrWritten() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            try await Timeline.write("Private to those allowed", planID: fixtures.citizenPlan, by: fixtures.accounts[.citizen]!, at: Date(), on: app.db)
            try await PlanAuthorisation.query(on: app.db).set(\.$sections, to: "agenda,goals").update()
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let page = try await professional.get("/plans/\(fixtures.citizenPlan)").body.string
            #expect(!page.contains("Private to those allowed"))
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/notes", [("note", "x")]).status == .forbidden)
            #expect(try await PlanNote.query(on: app.db).count() == 1)
        }
    }
}
