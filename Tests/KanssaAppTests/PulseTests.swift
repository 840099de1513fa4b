import Agenda
@testable import Evaluation
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// Staff pulses: scheduled by a coordinator, answered once and anonymously by the teams' staff,
/// shown only as figures of five or more.
@Suite struct PulseTests {
    // MARK: Figures, checked against Python's `statistics` and scipy's t on the same data

    @Test func aPointIsTheMeanWithItsTInterval() throws {
        // statistics.mean / stdev; scipy.stats.t.ppf(0.975, 6) = 2.4469118511449786.
        let point = try #require(PulseFigures.point([2, 3.5, 4, 4.5, 3, 5, 2.5]))
        #expect(point.count == 7)
        #expect(point.mean == 3.5)
        #expect(abs(point.lower - 2.5010524198543) < 1e-9)
        #expect(abs(point.upper - 4.4989475801457) < 1e-9)
        // df 4: t = 2.7764451051977934; mean 2.6, sd 1.51657508881031.
        let five = try #require(PulseFigures.point([1, 2, 2, 3, 5]))
        #expect(abs(five.lower - 0.7169233116515583) < 1e-9 && abs(five.upper - 4.483076688348442) < 1e-9)
        // Four people are never a figure; five who all agree are one with no spread.
        #expect(PulseFigures.point([5, 5, 5, 5]) == nil)
        #expect(PulseFigures.point([4, 4, 4, 4, 4]) == PulseFigures.Point(count: 5, mean: 4, lower: 4, upper: 4))
    }

    @Test func aTeamThatCouldBeWorkedOutFromTheOthersIsHeldBack() {
        // One team of three beside the group's figure: the smallest other team goes too.
        #expect(PulseFigures.shownTeams([3, 8, 6], groupShown: true) == [false, true, false])
        // Without the group's figure nothing can be subtracted.
        #expect(PulseFigures.shownTeams([3, 8, 6], groupShown: false) == [false, true, true])
        // Two held back already: neither can be told apart from the other.
        #expect(PulseFigures.shownTeams([3, 2, 9, 6], groupShown: true) == [false, false, true, true])
        // Nobody in a team hides nothing.
        #expect(PulseFigures.shownTeams([0, 8, 6], groupShown: true) == [true, true, true].enumerated().map { $0.offset > 0 })
        #expect(PulseFigures.shownTeams([5, 5], groupShown: true) == [true, true])
    }

    @Test func periodsOpenEveryFewWeeksUntilStopped() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let day = 86_400.0
        let timing = Pulses.Timing(startsAt: start, everyWeeks: 4, openDays: 7, stoppedAt: nil)
        #expect(timing.periods(until: start.addingTimeInterval(-1)).isEmpty)
        #expect(timing.current(at: start.addingTimeInterval(day))?.index == 0)
        #expect(timing.current(at: start.addingTimeInterval(7 * day)) == nil)
        #expect(timing.next(after: start.addingTimeInterval(8 * day))?.opensAt == start.addingTimeInterval(28 * day))
        #expect(timing.periods(until: start.addingTimeInterval(60 * day)).map(\.index) == [0, 1, 2])
        // Stopped in the middle of the second period: it stays open until it closes, no third.
        let stopped = Pulses.Timing(startsAt: start, everyWeeks: 4, openDays: 7, stoppedAt: start.addingTimeInterval(30 * day))
        #expect(stopped.current(at: start.addingTimeInterval(31 * day))?.index == 1)
        #expect(stopped.periods(until: start.addingTimeInterval(90 * day)).map(\.index) == [0, 1])
        #expect(stopped.next(after: start.addingTimeInterval(40 * day)) == nil)
    }

    // MARK: Scheduling

    @Test func aCoordinatorSchedulesAPulseForTeamsAndBadInputChangesNothing() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let pulses = "/organisations/\(fixtures.here)/pulses"
            try await coordinator.get(pulses)
            let before = try await PulseSchedule.query(on: app.db).count()
            let bad: [[(String, String)]] = [
                [("label", ""), ("teams[]", fixtures.outreachTeam.uuidString), ("every", "4"), ("open", "7"), ("starts", "2099-01-01")],
                [("label", String(repeating: "x", count: 5_000)), ("teams[]", fixtures.outreachTeam.uuidString), ("every", "4"), ("open", "7")],
                [("label", "Theirs"), ("teams[]", fixtures.otherTeam.uuidString), ("every", "4"), ("open", "7")],
                [("label", "Every three"), ("teams[]", fixtures.outreachTeam.uuidString), ("every", "3"), ("open", "7")],
                [("label", "Too long open"), ("teams[]", fixtures.outreachTeam.uuidString), ("every", "2"), ("open", "15")],
                [("label", "In the past"), ("teams[]", fixtures.outreachTeam.uuidString), ("every", "4"), ("open", "7"), ("starts", "2001-01-01")],
                [("label", "<script>alert(1)</script>"), ("teams[]", "not-a-team"), ("every", "4"), ("open", "7")],
            ]
            for form in bad {
                let response = try await coordinator.post(pulses, form)
                #expect(response.status == .unprocessableEntity, "\(form.map(\.0))")
                #expect(!response.body.string.contains("<script>alert"))
            }
            #expect(try await PulseSchedule.query(on: app.db).count() == before)
            let today = PlanActions.day(world.now, in: app.platform.config.timeZone)
            let made = try await coordinator.post(pulses, [("label", "Weekly check"), ("teams[]", fixtures.outreachTeam.uuidString),
                                                            ("every", "2"), ("open", "3"), ("starts", today)])
            #expect(made.status == .seeOther)
            let page = try await coordinator.get(pulses + "?notice=scheduled").body.string
            #expect(page.contains("Weekly check") && page.contains("Every 2 weeks, open 3 days") && page.contains("The pulse is scheduled."))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .pulseScheduled).count() == 1)
        }
    }

    // MARK: Answering

    @Test func staffOfTheTeamAnswerOnceWithoutTheirNameAndOthersCannot() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let pulse = "/pulses/\(fixtures.pulse)"
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let home = try await professional.get("/").body.string
            #expect(home.contains("Answer the staff pulse “Monthly pulse”"))
            let form = try await professional.get(pulse).body.string
            #expect(form.contains("You answer for Outreach."))
            // Out of the scale, missing and a team not theirs: a clear message, nothing kept.
            var answers = Self.answers(4)
            answers[0] = ("item-wl1", "9")
            #expect(try await professional.post(pulse, answers + [("team", fixtures.outreachTeam.uuidString)]).status == .unprocessableEntity)
            #expect(try await professional.post(pulse, Array(Self.answers(4).dropLast()) + [("team", fixtures.outreachTeam.uuidString)]).status
                == .unprocessableEntity)
            let wrongTeam = try await professional.post(pulse, Self.answers(4) + [("team", fixtures.otherTeam.uuidString)])
            #expect(wrongTeam.status == .unprocessableEntity && wrongTeam.body.string.contains("Choose the team you are answering for."))
            #expect(try await PulseAnswer.query(on: app.db).count() == 0)

            try await professional.get(pulse)
            #expect(try await professional.post(pulse, Self.answers(4) + [("team", fixtures.outreachTeam.uuidString)]).status == .seeOther)
            // A second send (a double click) keeps the first.
            try await professional.get(pulse)
            #expect(try await professional.post(pulse, Self.answers(1) + [("team", fixtures.outreachTeam.uuidString)]).status == .conflict)
            let kept = try await PulseAnswer.query(on: app.db).all()
            #expect(kept.count == 1)
            #expect(kept.first?.answers.contains("\"wl1\":4") == true)
            #expect(kept.first?.teamID == fixtures.outreachTeam)
            #expect(try await PulseResponse.query(on: app.db).count() == 1)
            #expect(!(try await professional.get("/").body.string.contains("Answer the staff pulse")))
            #expect(try await professional.get(pulse).body.string.contains("You have answered this time."))

            // Staff of another team, the coordinator (in no team), a citizen: refused.
            for role in [Role.coordinator, .citizen, .trainer] {
                var other = Browser(app)
                try await other.signIn(Fixtures.login(role))
                #expect(try await other.get(pulse).status == .forbidden, "\(role)")
            }
            // Once it closes, nothing more is taken.
            world.advance(by: 8 * 24 * 3600)
            var late = Browser(app)
            try await late.signIn(Fixtures.login(.professional))
            let closed = try await late.get(pulse).body.string
            #expect(closed.contains("This pulse is not open now. It opens next on"))
        }
    }

    @Test func figuresShowOnlyFiveOrMoreAndNeverAnyonesAnswers() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let figures = "/organisations/\(fixtures.here)/pulses/\(fixtures.pulse)"
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            for value in [4, 4, 3, 5] { try await Self.answer(value, fixtures, app) }
            try await Self.answer(2, fixtures, app)
            // While the period is open its figures wait: one that moved with each answer would
            // tell whoever watched what the last one said.
            let open = try await coordinator.get(figures).body.string
            #expect(open.contains("figures when it closes") && !open.contains("<td>3.6</td>"))
            world.advance(by: 7 * 24 * 3600)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let five = try await coordinator.get(figures).body.string
            // Five people: (4 + 4 + 3 + 5 + 2) / 5 = 3.6 on every condition.
            #expect(five.contains("3.6"))
            #expect(five.contains("There are not yet two periods with figures to compare."))
            // The next period, lower: the sentence says so, and whether it is likely chance.
            world.advance(by: 21 * 24 * 3600 + 60)
            for value in [2, 2, 1, 2] { try await Self.answer(value, fixtures, app, period: 1) }
            world.advance(by: 7 * 24 * 3600)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            // Four people are no figure, even once the period has closed.
            let four = try await coordinator.get(figures).body.string
            #expect(four.contains("held back") && !four.contains("fell"))
            try await Self.answer(3, fixtures, app, period: 1)
            let later = try await coordinator.get(figures).body.string
            #expect(later.contains("Workload fell from 3.6"))
            #expect(later.contains("to 2.0"))
            var researcher = Browser(app)
            try await researcher.signIn(Fixtures.login(.researcher))
            let read = try await researcher.get(figures)
            #expect(read.status == .ok && !read.body.string.contains("Stop the pulse"))
            // Another organisation's pulse is not found under this one.
            #expect(try await coordinator.get("/organisations/\(fixtures.elsewhere)/pulses/\(fixtures.pulse)").status == .forbidden)
        }
    }

    /// The running sums the figures are read from are exactly what the answers add up to, also
    /// when answers arrive at the same moment (on PostgreSQL, where writers run side by side).
    @Test func runningSumsMatchTheAnswersEvenWhenTheyArriveTogether() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let values = [1, 2, 3, 4, 5, 5, 4, 2]
            if TestDatabase.postgresURL != nil {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for value in values { group.addTask { try await Self.answer(value, fixtures, app) } }
                    try await group.waitForAll()
                }
            } else {
                // SQLite writes one at a time; racing writers there only wait on the two threads
                // every test's SQLite calls share, and stall the other tests.
                for value in values { try await Self.answer(value, fixtures, app) }
            }
            func kept() async throws -> [String] {
                try await PulseTally.query(on: app.db).filter(\.$scheduleID == fixtures.pulse).all()
                    .map { "\($0.period) \($0.condition) \($0.answers) \($0.scored) \($0.total) \($0.squares)" }.sorted()
            }
            let summed = try await kept()
            #expect(summed.count == app.platform.staffPulse.subscales.count)
            let schedule = try #require(try await PulseSchedule.find(fixtures.pulse, on: app.db))
            try await PulseTallies.rebuild(schedule, instrument: app.platform.staffPulse, on: app.db)
            #expect(try await kept() == summed)
            // Eight answered; each condition's scores 1+2+3+4+5+5+4+2 = 26, squares 100.
            let one = summed.first { $0.hasPrefix("0 workload ") }
            #expect(one == "0 workload 8 8 26.0 100.0")
        }
    }

    @Test func aCoordinatorStopsAPulse() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var coordinator = Browser(app)
            try await coordinator.signIn(Fixtures.login(.coordinator))
            let figures = "/organisations/\(fixtures.here)/pulses/\(fixtures.pulse)"
            try await coordinator.get(figures)
            #expect(try await coordinator.post(figures + "/stop").status == .seeOther)
            #expect(try await PulseSchedule.find(fixtures.pulse, on: app.db)?.stoppedAt != nil)
            let page = try await coordinator.get(figures + "?notice=stopped").body.string
            #expect(page.contains("The pulse is stopped.") && !page.contains("Stop the pulse"))
            // The period open when it stopped stays open; none opens after.
            world.advance(by: 30 * 24 * 3600)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/pulses/\(fixtures.pulse)").body.string.contains("This pulse is not open now."))
        }
    }

    /// Nine answers of one value, as the form sends them.
    static func answers(_ value: Int) -> [(String, String)] {
        ["wl1", "wl2", "ot1", "ot2", "st1", "mo1", "mo2", "pe1", "ol1"].map { ("item-\($0)", String(value)) }
    }

    /// An answer kept as the form keeps it, for someone new in the outreach team.
    static func answer(_ value: Int, _ fixtures: Fixtures, _ app: Application, period: Int = 0) async throws {
        let account = Account(login: "staff-\(UUID())@here.test", displayName: "Staff", preferredLanguage: "en", passwordHash: "x",
                              createdAt: Date())
        try await account.create(on: app.db)
        let answers = Dictionary(uniqueKeysWithValues: Self.answers(value).map { (String($0.0.dropFirst(5)), value) })
        #expect(try await Pulses.answer(answers, instrument: app.platform.staffPulse, scheduleID: fixtures.pulse, period: period,
                                        teamID: fixtures.outreachTeam,
                                        accountID: try account.requireID(), on: app.db))
    }
}
