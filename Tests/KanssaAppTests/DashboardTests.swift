@testable import Evaluation
import Fluent
import Foundation
@testable import KanssaApp
import Encountering
import KanssaCore
import Learning
import Listening
import Agenda
import Logging
import Testing
import VaporTesting

/// The coordinator's dashboard: each section compares the quarter with the one before, from
/// figures the modules give; nothing rests on fewer than five; its queries do not grow with the
/// answers.
@Suite struct DashboardTests {
    static let day = 86_400.0

    static func page(_ fixtures: Fixtures) -> String { "/organisations/\(fixtures.here)/dashboard" }

    /// Expects the page to hold the text, saying which text was missing rather than the page.
    static func expect(_ html: String, shows text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = html.contains(text)
        #expect(found, "missing: \(text)", sourceLocation: sourceLocation)
    }

    /// Citizens' answers after meetings, `listened` yes for the first `yes` of `count`, given at `at`.
    static func voice(_ fixtures: Fixtures, count: Int, yes: Int, at: Date, on app: Application) async throws {
        for index in 0..<count {
            let row = MeetingFeedback(planID: fixtures.citizenPlan, professionalID: fixtures.accounts[.professional]!, organisationID: fixtures.here,
                                      teamID: fixtures.outreachTeam, metOn: "\(at.timeIntervalSince1970)-\(index)", outcome: .answered, at: at)
            (row.mattered, row.decided, row.listened) = (2, 2, index < yes ? 2 : 0)
            try await row.create(on: app.db)
        }
    }

    @Test func eachSectionComparesTheQuarterWithTheOneBefore() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let quarters = StaffChanges.quarters(2, endingAt: world.now, timeZone: app.platform.config.timeZone)
            // Five answers this quarter (four felt listened to), five the quarter before (two did).
            try await Self.voice(fixtures, count: 5, yes: 4, at: quarters[1].start.addingTimeInterval(60), on: app)
            try await Self.voice(fixtures, count: 5, yes: 2, at: quarters[0].start.addingTimeInterval(60), on: app)
            // The fixture's barrier is resolved at a review this quarter; another was recorded.
            try await BarrierReview(barrierID: fixtures.barrier, status: .resolved, note: "Done", byID: fixtures.accounts[.coordinator]!,
                                    at: world.now).create(on: app.db)
            try await Barrier.query(on: app.db).filter(\.$id == fixtures.barrier).set(\.$status, to: .resolved).update()
            try await Barrier(organisationID: fixtures.here, title: "Morale after the merger", description: "Low", kind: .morale, teamID: nil,
                              service: "", ownerID: fixtures.accounts[.coordinator]!, createdByID: fixtures.accounts[.coordinator]!,
                              at: world.now).create(on: app.db)

            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let shown = try await coordinator.get(Self.page(fixtures)).body.string
            let employment = try #require(try await Team.query(on: app.db).filter(\.$name == "Employment").first()?.requireID())
            Self.expect(shown, shows: "80 % felt listened to this quarter, against 40 % the quarter before.")
            Self.expect(shown, shows: "2 barriers were recorded and 1 was resolved this quarter; 1 is open or being addressed.")
            Self.expect(shown, shows: "Morale after the merger")
            // The fixture's decision (a change) was recorded now, on a verdict given now.
            Self.expect(shown, shows: "<td>Decisions: Change</td><td>1</td><td>0</td>")
            Self.expect(shown, shows: "Leavers ÷ average staff")

            // One team: the morale barrier (no team) and the outreach answers are left out for the other team.
            let other = try await coordinator.get(Self.page(fixtures) + "?team=\(employment)").body.string
            let otherBarriers = other.contains("0 barriers were recorded and 0 were resolved this quarter; 0 are open or being addressed.")
            #expect(otherBarriers)
            let otherVoice = other.contains("Fewer than five citizens answered")
            #expect(otherVoice)
            // A team of another organisation, or a quarter out of range, shows the whole organisation now.
            // The same figures as CSV, plainly written.
            let csv = try await coordinator.get(Self.page(fixtures) + ".csv").body.string
            Self.expect(csv, shows: "\"Did you feel listened to? – Yes\",\"\(quarters[1].firstDay)\",\"the whole organisation\",\"0.8000\",\"\",\"\",\"5\"")
            Self.expect(csv, shows: "\"Did you feel listened to? – Yes\",\"\(quarters[0].firstDay)\",\"the whole organisation\",\"0.4000\"")
            Self.expect(csv, shows: "\"Barriers\",\"Resolved in the quarter\",\"\(quarters[1].firstDay)\",\"the whole organisation\",\"1\"")
            let odd = try await coordinator.get(Self.page(fixtures) + "?team=\(fixtures.otherTeam)&quarter=99").body.string.contains("80 % felt listened to")
            #expect(odd)
            let earlier = try await coordinator.get(Self.page(fixtures) + "?quarter=3").body.string.contains("Fewer than five citizens answered")
            #expect(earlier)
        }
    }

    @Test func learningAndEncounteringAreReadThroughTheirOwnFunctions() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let quarters = StaffChanges.quarters(2, endingAt: world.now, timeZone: app.platform.config.timeZone)
            let colleagues = try await SelfAssessmentTests.colleagues(5, on: app, fixtures: fixtures)
            let day = Self.day, now = world.now, coordinator = fixtures.accounts[.coordinator]!
            // Mind-sets: a round closed last year and one closed yesterday. Each part has one reversed item of four, so
            // answering 2 then 4 moves it by 1, and 2 then 3 by 0.5.
            let rounds = [("Before", now - 200 * day, now - 170 * day), ("After", now - 30 * day, now - day)]
            var roundIDs: [UUID] = []
            for (label, opened, closes) in rounds {
                let round = AssessmentRound(organisationID: fixtures.here, teamID: nil, instrument: "co-creation-mindset", version: 1, label: label,
                                            openedByID: coordinator, openedAt: opened, closesAt: closes)
                try await round.create(on: app.db)
                roundIDs.append(try round.requireID())
            }
            for (index, person) in (colleagues + [fixtures.accounts[.professional]!]).enumerated() {
                try await Rounds.save(try SelfAssessmentTests.all(2), submit: true, roundID: roundIDs[0], accountID: person, at: now, on: app.db)
                try await Rounds.save(try SelfAssessmentTests.all(index < 4 ? 4 : 3), submit: true, roundID: roundIDs[1], accountID: person, at: now,
                                      on: app.db)
            }
            // Practice: five used the agenda conversation this quarter, one strengths mapping the quarter before.
            for person in colleagues {
                try await PracticeEntry(accountID: person, tool: "agenda-conversation", usedOn: now - day, withWhom: "", whatHappened: "",
                                        whatLearned: "", at: now).create(on: app.db)
            }
            try await PracticeEntry(accountID: colleagues[0], tool: "strengths-mapping", usedOn: quarters[0].start + day, withWhom: "",
                                    whatHappened: "", whatLearned: "", at: now).create(on: app.db)
            // Encountering: the fixture's session (the coordinator came) and five follow-ups, three did.
            for (index, person) in colleagues.enumerated() {
                try await SessionFollowUp(sessionID: fixtures.encounterSession, accountID: person,
                                          outcome: index < 3 ? .did : index == 3 ? .partly : .notYet, note: "", at: now).create(on: app.db)
            }

            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.coordinator))
            let shown = try await browser.get(Self.page(fixtures)).body.string
            let parts = try #require(try Instruments.bundled()["co-creation-mindset"]).subscales.count
            Self.expect(shown, shows: "From “Before” to “After”: \(parts) parts of the questionnaire rose clearly and 0 parts fell clearly.")
            Self.expect(shown, shows: "<td>Rounds compared</td><td>“Before” → “After”</td><td>No round compared yet</td>")
            // Python: statistics.mean([1, 1, 1, 1, .5, .5]) ± 2.5706 × stdev / √6 = 0.833 (0.562 to 1.104).
            Self.expect(shown, shows: "+0.8 (+0.6 to +1.1), 6 people")
            Self.expect(shown, shows: "5 professionals of 7 logged a practice tool this quarter, against 1 the quarter before.")
            Self.expect(shown, shows: "<td>Used “The agenda conversation”</td><td>5</td><td>0</td>")
            Self.expect(shown, shows: "This quarter 1 session reached 1 professional; the quarter before, 0 sessions reached 0 professionals.")
            Self.expect(shown, shows: "<td>Follow-ups: did what they meant to</td><td>3</td><td>Fewer than five</td>")
            let csv = try await browser.get(Self.page(fixtures) + ".csv").body.string
            Self.expect(csv, shows: "\"Practice tools in use\",\"Used “The agenda conversation”\",\"\(quarters[1].firstDay)\",\"the whole organisation\",\"5\"")
            Self.expect(csv, shows: "\"Follow-ups: partly\",\"\(quarters[1].firstDay)\",\"the whole organisation\",\"1\",\"\",\"\",\"5\"")

            // The outreach team: no rounds of its own, under five professionals, none of its members followed up.
            let team = try await browser.get(Self.page(fixtures) + "?team=\(fixtures.outreachTeam)").body.string
            Self.expect(team, shows: "No second round of a self-assessment has closed for this group yet")
            Self.expect(team, shows: "Fewer than five professionals in this group")
            Self.expect(team, shows: "<td>Follow-ups answered</td><td>0</td><td>0</td>")
        }
    }

    @Test func fewerThanFiveIsNeverShown() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let quarters = StaffChanges.quarters(2, endingAt: world.now, timeZone: app.platform.config.timeZone)
            try await Self.voice(fixtures, count: 4, yes: 4, at: quarters[1].start.addingTimeInterval(60), on: app)
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let shown = try await coordinator.get(Self.page(fixtures)).body.string
            let few = shown.contains("Fewer than five citizens answered"), whole = shown.contains("100 %")
            #expect(few && !whole)
        }
    }

    @Test func queriesDoNotGrowWithTheAnswers() async throws {
        var counts: [Int: [String: Int]] = [:]
        for factor in [1, 10] {
            try await withApp { app, world in
                guard TestDatabase.postgresURL == nil else { return }  // counted on SQLite, whose driver logs each query
                let fixtures = try await Fixtures.make(on: app)
                try await Self.voice(fixtures, count: 6 * factor, yes: 3 * factor, at: world.now.addingTimeInterval(-60), on: app)
                for _ in 0..<(5 * factor) { try await PulseTests.answer(3, fixtures, app) }
                for _ in 0..<(5 * factor) {
                    try await PracticeEntry(accountID: fixtures.accounts[.professional]!, tool: "agenda-conversation", usedOn: world.now,
                                            withWhom: "", whatHappened: "", whatLearned: "", at: world.now).create(on: app.db)
                }
                let counter = QueryCounter()
                app.logger = Logger(label: "queries") { _ in QueryCounter.Handler(counter: counter) }
                var coordinator = Browser(app)
                try await coordinator.signIn(Fixtures.login(.coordinator))
                counter.reset()
                #expect(try await coordinator.get(Self.page(fixtures)).status == .ok)
                let built = counter.value
                counter.reset()
                #expect(try await coordinator.get(Self.page(fixtures)).status == .ok)
                counts[factor] = ["built": built, "kept": counter.value]
            }
        }
        guard let small = counts[1], let large = counts[10] else { return }
        QueryCounter.expectSteady(small: small, large: large, grown: "ten times the answers", most: 40)
        // Kept: the session, the stamp, the organisation, and agenda alignment's two.
        #expect(small["kept"]! <= 8, "a kept dashboard asked \(small["kept"]!) queries")
    }

    /// A dashboard is kept until any module's evidence or the directory changes, or the minute
    /// turns; each change below, made straight in the database as any server could, shows.
    @Test func aKeptDashboardIsBuiltAgainWhenAnythingItShowsChanges() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let now = world.now, coordinator = fixtures.accounts[.coordinator]!, professional = fixtures.accounts[.professional]!
            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.coordinator))
            func built() async throws -> Int {
                #expect(try await browser.get(Self.page(fixtures)).status == .ok)
                return app.platform.dashboards.statistics.built
            }
            let first = try await built()
            #expect(try await built() == first, "nothing changed, so the dashboard was kept")

            // Not followed: plans' goals and actions change all day; alignment is read on every view.
            try await Goal(planID: fixtures.citizenPlan, text: "Read more", origin: .citizen, status: .active, createdByID: professional,
                           createdAt: now).create(on: app.db)
            #expect(try await built() == first)

            let changes: [(String, @Sendable () async throws -> Void)] = [
                ("a barrier", {
                    try await Barrier(organisationID: fixtures.here, title: "Morale", description: "", kind: .morale, teamID: nil, service: "",
                                      ownerID: coordinator, createdByID: coordinator, at: now).create(on: app.db)
                }),
                ("citizens' voice", { try await Self.voice(fixtures, count: 1, yes: 1, at: now, on: app) }),
                ("a pulse answer", { try await PulseTests.answer(3, fixtures, app) }),
                ("practice", {
                    try await PracticeEntry(accountID: professional, tool: "agenda-conversation", usedOn: now, withWhom: "", whatHappened: "",
                                            whatLearned: "", at: now).create(on: app.db)
                }),
                ("a follow-up of training", {
                    try await SessionFollowUp(sessionID: fixtures.encounterSession, accountID: professional, outcome: .did, note: "", at: now)
                        .create(on: app.db)
                }),
                ("a decision", { try await Decision.query(on: app.db).filter(\.$id == fixtures.decision).set(\.$kind, to: .stop).update() }),
                ("an authorisation", { try await PlanAuthorisation.query(on: app.db).set(\.$revokedAt, to: now).update() }),
                ("a stint", { try await TeamMembership.leave(nil, accountID: professional, at: now, on: app.db) }),
                ("a name", { try await Account.query(on: app.db).filter(\.$id == coordinator).set(\.$displayName, to: "Coordinator B").update() }),
            ]
            var count = first
            for (what, change) in changes {
                try await change()
                let now = try await built()
                #expect(now == count + 1, "\(what) did not build the dashboard again")
                count = now
            }
            world.advance(by: 60)
            #expect(try await built() == count + 1, "the minute turned")
        }
    }
}
