import Agenda
@testable import Evaluation
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// Citizens' voice after meetings: a meeting on the plan asks the citizen three questions; they
/// answer, skip or put them off; staff see counts of five or more, and each professional theirs.
@Suite struct CitizensVoiceTests {
    static let day = 86_400.0
    static let page = "/plan/after-meeting"

    /// The professional writes a note in a meeting with the citizen.
    static func meet(_ fixtures: Fixtures, _ app: Application) async throws {
        var professional = Browser(app)
        try await professional.signIn(Fixtures.login(.professional))
        try await professional.get("/plans/\(fixtures.citizenPlan)")
        #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/notes",
                                            [("note", "Talked about the CV"), ("ownerPresent", "yes")]).status == .seeOther)
    }

    @Test func afterAMeetingTheCitizenAnswersThreeQuestionsOnce() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(!(try await citizen.get("/").body.string.contains("After your meeting")))
            #expect(try await citizen.get(Self.page).body.string.contains("Nothing to answer now."))
            // A note written without the citizen there is no meeting.
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/plans/\(fixtures.citizenPlan)")
            #expect(try await professional.post("/plans/\(fixtures.citizenPlan)/notes", [("note", "Phoned the employer")]).status == .seeOther)
            #expect(!(try await citizen.get("/").body.string.contains("After your meeting")))

            try await Self.meet(fixtures, app)
            let home = try await citizen.get("/").body.string
            #expect(home.contains("After your meeting") && home.contains("You met The professional on"))
            let asked = try await citizen.get(Self.page).body.string
            #expect(asked.contains("How was your meeting with The professional?") && asked.contains("Did you feel listened to?"))
            #expect(try await citizen.get(Self.page + "?easy=1").body.string.contains("Did The professional listen to you?"))

            // Sent with an answer missing: says which, keeps the others, stores nothing.
            let professionalID = fixtures.accounts[.professional]!.uuidString
            let day = PlanActions.day(world.now, in: app.platform.config.timeZone)
            try await citizen.get(Self.page)
            let missing = try await citizen.post(Self.page, [("professional", professionalID), ("day", day), ("choice", "answer"),
                                                             ("mattered", "2"), ("decided", "7")])
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("Choose yes, partly or no."))
            #expect(try await MeetingFeedback.query(on: app.db).count() == 0)

            try await citizen.get(Self.page)
            let sent = try await citizen.post(Self.page, [("professional", professionalID), ("day", day), ("choice", "answer"),
                                                          ("mattered", "2"), ("decided", "1"), ("listened", "0")])
            #expect(sent.headers.first(name: .location) == Self.page + "?notice=sent")
            let row = try #require(try await MeetingFeedback.query(on: app.db).first())
            #expect(row.outcome == .answered && row.mattered == 2 && row.decided == 1 && row.listened == 0)
            #expect(row.teamID == fixtures.outreachTeam && row.organisationID == fixtures.here)
            // Sent again (a second tab): the first stands.
            try await citizen.get(Self.page)
            #expect(try await citizen.post(Self.page, [("professional", professionalID), ("day", day), ("choice", "skip")]).status == .seeOther)
            #expect(try await MeetingFeedback.query(on: app.db).first()?.outcome == .answered)
            #expect(!(try await citizen.get("/").body.string.contains("After your meeting")))
            let said = try await citizen.get(Self.page).body.string
            #expect(said.contains("What you said after earlier meetings") && said.contains("Partly"))

            // A meeting that did not happen, or someone without a plan: a message, nothing stored.
            try await citizen.get(Self.page)
            let invented = try await citizen.post(Self.page, [("professional", fixtures.accounts[.coordinator]!.uuidString), ("day", day),
                                                              ("choice", "skip")])
            #expect(invented.status == .unprocessableEntity && invented.body.string.contains("This meeting can no longer be answered about."))
            #expect(try await MeetingFeedback.query(on: app.db).count() == 1)
        }
    }

    @Test func notNowAsksAgainInTwoDaysAndSkipNeverAgain() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            try await Self.meet(fixtures, app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let form = [("professional", fixtures.accounts[.professional]!.uuidString), ("day", PlanActions.day(world.now, in: app.platform.config.timeZone))]
            try await citizen.get(Self.page)
            #expect(try await citizen.post(Self.page, form + [("choice", "later")]).headers.first(name: .location) == Self.page + "?notice=later")
            #expect(!(try await citizen.get("/").body.string.contains("After your meeting")))
            world.advance(by: 2 * Self.day + 60)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(try await citizen.get("/").body.string.contains("After your meeting"))
            try await citizen.get(Self.page)
            #expect(try await citizen.post(Self.page, form + [("choice", "skip")]).status == .seeOther)
            #expect(try await MeetingFeedback.query(on: app.db).first()?.outcome == .skipped)
            #expect(!(try await citizen.get("/").body.string.contains("After your meeting")))
            #expect(try await citizen.get(Self.page).body.string.contains("You skipped the questions."))
            // After a fortnight a meeting is no longer asked about.
            try await Self.meet(fixtures, app)
            world.advance(by: 15 * Self.day)
            try await citizen.signIn(Fixtures.login(.citizen))
            #expect(!(try await citizen.get("/").body.string.contains("After your meeting")))
        }
    }

    @Test func staffSeeCountsOfFiveOrMoreAndNeverAGroupThatGivesAnotherAway() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let professional = fixtures.accounts[.professional]!
            let coordinator = fixtures.accounts[.coordinator]!
            // Six answers about the professional (outreach), three about the coordinator (other team).
            let answers: [(UUID, UUID, Int)] = [(professional, fixtures.outreachTeam, 2), (professional, fixtures.outreachTeam, 2),
                                                (professional, fixtures.outreachTeam, 2), (professional, fixtures.outreachTeam, 2),
                                                (professional, fixtures.outreachTeam, 1), (professional, fixtures.outreachTeam, 0),
                                                (coordinator, fixtures.otherTeam, 0), (coordinator, fixtures.otherTeam, 0),
                                                (coordinator, fixtures.otherTeam, 1)]
            for (index, (person, team, value)) in answers.enumerated() {
                let row = MeetingFeedback(planID: fixtures.citizenPlan, professionalID: person, organisationID: fixtures.here, teamID: team,
                                          metOn: "2026-11-0\(index + 1)", outcome: .answered, at: world.now)
                (row.mattered, row.decided, row.listened) = (value, value, value)
                try await row.create(on: app.db)
            }
            var lead = Browser(app)
            try await lead.signIn(Fixtures.login(.coordinator))
            let figures = try await lead.get("/organisations/\(fixtures.here)/citizens-voice").body.string
            // The whole: 9 answers, 4 yes, 2 partly, 3 no.
            #expect(figures.contains("9 answers in the last twelve months."))
            #expect(figures.contains("44 % yes · 22 % partly · 33 % no"))
            // The other team has three: held back, and so is outreach, which would give it away.
            #expect(!figures.contains("67 % yes · 17 % partly · 17 % no"))
            #expect(figures.components(separatedBy: "Not shown").count - 1 == 4)

            var mine = Browser(app)
            try await mine.signIn(Fixtures.login(.professional))
            #expect(try await mine.get("/citizens-voice").body.string.contains("67 % yes · 17 % partly · 17 % no"))
            var other = Browser(app)
            try await other.signIn(Fixtures.memberOfBothLogin)
            #expect(try await other.get("/citizens-voice").body.string.contains("0 citizens have answered so far"))
        }
    }

    @Test func erasingTheCitizenTakesTheirWordsAndErasingTheProfessionalTheirName() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            try await Self.meet(fixtures, app)
            let row = MeetingFeedback(planID: fixtures.citizenPlan, professionalID: fixtures.accounts[.professional]!, organisationID: fixtures.here,
                                      teamID: fixtures.outreachTeam, metOn: "2026-11-01", outcome: .answered, at: world.now)
            try await row.create(on: app.db)
            func scope(_ account: UUID) -> ErasureScope {
                ErasureScope(requestID: UUID(), accountID: account, requestedAt: world.now, now: world.now, organisations: [fixtures.here],
                             rules: [:], calendar: Calendar(identifier: .gregorian))
            }
            _ = try await EvaluationErasure().erase(scope(fixtures.accounts[.professional]!), on: app.db)
            #expect(try await MeetingFeedback.find(row.id, on: app.db)?.professionalID == nil)
            let result = try await EvaluationErasure().erase(scope(fixtures.accounts[.citizen]!), on: app.db)
            #expect(result.erased["answers after meetings"] == 1)
            #expect(try await MeetingFeedback.query(on: app.db).count() == 0)
        }
    }

    @Test func thePageShowsAPayloadEscaped() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            try await Account.query(on: app.db).filter(\.$id == fixtures.accounts[.professional]!)
                .set(\.$displayName, to: PayloadSweepTests.payload).update()
            try await Self.meet(fixtures, app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            PayloadSweepTests.expectEscaped(try await citizen.get("/").body.string, "home after a meeting")
            PayloadSweepTests.expectEscaped(try await citizen.get(Self.page + "?easy=1").body.string, "after a meeting")
            PayloadSweepTests.expectEscaped(try await citizen.post(Self.page, [("professional", PayloadSweepTests.payload),
                                                                               ("day", PayloadSweepTests.payload)]).body.string, "refused")
        }
    }
}
