@testable import Evaluation
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Listening
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
            Self.expect(shown, shows: "Not on this dashboard yet")

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
                let counter = QueryCounter()
                app.logger = Logger(label: "queries") { _ in QueryCounter.Handler(counter: counter) }
                var coordinator = Browser(app)
                try await coordinator.signIn(Fixtures.login(.coordinator))
                try await coordinator.get(Self.page(fixtures))
                counter.reset()
                #expect(try await coordinator.get(Self.page(fixtures)).status == .ok)
                counts[factor] = ["dashboard": counter.value]
            }
        }
        guard let small = counts[1], let large = counts[10] else { return }
        QueryCounter.expectSteady(small: small, large: large, grown: "ten times the answers", most: 40)
    }
}
