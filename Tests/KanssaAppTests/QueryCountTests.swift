import Agenda
import Encountering
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Listening
import Logging
import Synchronization
import Testing
import VaporTesting

/// Counts the database queries a request makes, from the query log lines the SQL drivers write
/// (each carries the statement in its `sql` metadata).
final class QueryCounter: Sendable {
    private let count = Mutex(0)

    var value: Int { count.withLock { $0 } }
    func reset() { count.withLock { $0 = 0 } }
    func add() { count.withLock { $0 += 1 } }

    /// Each page makes queries, no more of them with the data grown, and not too many.
    static func expectSteady(small: [String: Int], large: [String: Int], grown: String, most: Int) {
        for (page, queries) in small.sorted(by: { $0.key < $1.key }) {
            print("queries \(page): \(queries) (\(grown): \(large[page] ?? -1))")
            #expect(queries > 0, "\(page): no queries counted — is the query log still written?")
            #expect(large[page] == queries, "\(page): \(queries) queries, \(large[page] ?? -1) with \(grown)")
            #expect(queries <= most, "\(page): \(queries) queries")
        }
    }

    struct Handler: LogHandler {
        let counter: QueryCounter
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            if event.metadata?["sql"] != nil { counter.add() }
        }
    }
}

/// A page reads what it shows and no more: the number of queries does not grow with the length
/// of a plan's history, nor with the length of a caseload.
@Suite struct QueryCountTests {
    /// Adds history to the fixtures' plan: goals, actions, check-ins, notes, and more plans in the
    /// professional's caseload.
    static func grow(_ fixtures: Fixtures, by factor: Int, on app: Application, now: Date) async throws {
        let citizen = fixtures.accounts[.citizen]!
        for index in 0..<(5 * factor) {
            let goal = Goal(planID: fixtures.citizenPlan, text: "Goal \(index)", origin: .citizen, status: .active,
                            createdByID: citizen, createdAt: now)
            try await goal.create(on: app.db)
            for step in 0..<3 {
                try await PlanActions.add(
                    ActionDraft(goalID: try goal.requireID(), text: "Step \(step) of \(index)",
                                owner: step == 1 ? .professional(fixtures.accounts[.professional]!) : .citizen,
                                dueOn: "2026-06-\(String(format: "%02d", 1 + (index + step) % 28))", status: step == 0 ? .done : .open),
                    planID: fixtures.citizenPlan, teamID: fixtures.outreachTeam, by: fixtures.accounts[.professional]!, at: now, on: app.db)
            }
            try await Timeline.write("Note \(index)", planID: fixtures.citizenPlan, by: citizen, at: now, on: app.db)
            try await CheckIns.record(
                DefaultLifeArea.allCases.map { CheckIns.Rating(area: $0.rawValue, rating: 1 + index % 10, note: nil) }, perspective: .citizen,
                planID: fixtures.citizenPlan, by: citizen, at: now.addingTimeInterval(Double(index)), on: app.db)
            let other = Account(login: "grown\(factor)-\(index)@here.test", displayName: "Grown \(index)", preferredLanguage: "en",
                                passwordHash: "x", createdAt: now)
            try await other.create(on: app.db)
            let plan = try await PlanStore.plan(of: try other.requireID(), at: now, on: app.db)
            try await PlanSharing.authorise(
                planID: try plan.requireID(), teamID: fixtures.outreachTeam, sections: [.actions, .goals, .checkIns],
                purpose: "Work", legalBasis: .publicTask, until: now.addingTimeInterval(3600 * 24 * 10), by: try other.requireID(),
                at: now, on: app.db)
        }
    }

    static let citizenPages = ["/", "/plan", "/plan/actions", "/plan/life", "/plan/sharing", "/me"]

    static func professionalPages(_ fixtures: Fixtures) -> [String] {
        ["/", "/caseload", "/caseload?q=a", "/caseload?order=overdue", "/plans/\(fixtures.citizenPlan)",
         "/plans/\(fixtures.citizenPlan)/actions/\(fixtures.citizenAction)"]
    }

    /// The queries of each page, for a plan with a little history and with twenty times as much.
    @Test func queriesDoNotGrowWithTheHistory() async throws {
        var counts: [Int: [String: Int]] = [:]
        for factor in [1, 20] {
            try await withApp { app, world in
                guard TestDatabase.postgresURL == nil else { return }  // counted on SQLite, whose driver logs each query
                let fixtures = try await Fixtures.make(on: app)
                try await Self.grow(fixtures, by: factor, on: app, now: world.now)
                let counter = QueryCounter()
                app.logger = Logger(label: "queries") { _ in QueryCounter.Handler(counter: counter) }
                var citizen = Browser(app)
                try await citizen.signIn(Fixtures.login(.citizen))
                var professional = Browser(app)
                try await professional.signIn(Fixtures.login(.professional))
                for (browser, pages) in [(citizen, Self.citizenPages), (professional, Self.professionalPages(fixtures))] {
                    var browser = browser
                    for page in pages {
                        // A first visit may open another pooled connection (whose set-up is a
                        // query too); the second is the page's own.
                        try await browser.get(page)
                        counter.reset()
                        let response = try await browser.get(page)
                        #expect(response.status == .ok, "\(page)")
                        counts[factor, default: [:]][page.replacingOccurrences(of: fixtures.citizenPlan.uuidString, with: ":plan")
                            .replacingOccurrences(of: fixtures.citizenAction.uuidString, with: ":action")] = counter.value
                    }
                }
            }
        }
        guard let small = counts[1], let large = counts[20] else { return }
        QueryCounter.expectSteady(small: small, large: large, grown: "twenty times the history", most: 25)
    }
}

/// Encountering's pages read what they show: their queries do not grow with the number of
/// sessions held, people registered, or feedback given.
@Suite struct EncounteringQueryCountTests {
    static func grow(_ fixtures: Fixtures, by factor: Int, on app: Application, now: Date) async throws {
        let hash = "x"
        for index in 0..<(3 * factor) {
            let session = EncounterSession(
                moduleID: fixtures.publishedModule, organisationID: fixtures.here,
                plan: EncounterSessionPlan(startsAt: now.addingTimeInterval(-Double(index + 2) * 86400), minutes: 150, mode: .inPerson,
                                           place: "Room", hostID: fixtures.accounts[.trainer]!, coTrainerIDs: [fixtures.accounts[.coTrainer]!],
                                           capacity: 20, followUpWeeks: 6),
                createdByID: fixtures.accounts[.coordinator]!, at: now)
            try await session.create(on: app.db)
            let sessionID = try session.requireID()
            let row = SessionCoTrainer(sessionID: sessionID, accountID: fixtures.accounts[.coTrainer]!)
            row.minutes = 180
            try await row.create(on: app.db)
            for person in 0..<6 {
                let account = Account(login: "enc\(factor)-\(index)-\(person)@here.test", displayName: "P", preferredLanguage: "en",
                                      passwordHash: hash, createdAt: now)
                try await account.create(on: app.db)
                let registration = EncounterRegistration(sessionID: sessionID, accountID: try account.requireID(), at: now)
                registration.attended = true
                try await registration.create(on: app.db)
                try await SessionFeedbackAnswer(sessionID: sessionID, accountID: try account.requireID(), changed: 4, heard: "Heard",
                                                willDo: "Do", at: now).create(on: app.db)
            }
        }
    }

    @Test func queriesDoNotGrowWithSessionsAndFeedback() async throws {
        var counts: [Int: [String: Int]] = [:]
        for factor in [1, 10] {
            try await withApp { app, world in
                guard TestDatabase.postgresURL == nil else { return }  // counted on SQLite, whose driver logs each query
                let fixtures = try await Fixtures.make(on: app)
                try await Self.grow(fixtures, by: factor, on: app, now: world.now)
                let counter = QueryCounter()
                app.logger = Logger(label: "queries") { _ in QueryCounter.Handler(counter: counter) }
                let pages: [(Role, String)] = [
                    (.coTrainer, "/encountering"), (.coTrainer, "/encountering/modules/\(fixtures.publishedModule)"),
                    (.coTrainer, "/encountering/statement"), (.trainer, "/encountering/sessions/\(fixtures.encounterSession)"),
                    (.coordinator, "/encountering/modules/\(fixtures.publishedModule)"),
                ]
                for (role, page) in pages {
                    var browser = Browser(app)
                    try await browser.signIn(Fixtures.login(role))
                    try await browser.get(page)
                    counter.reset()
                    let response = try await browser.get(page)
                    #expect(response.status == .ok, "\(page)")
                    counts[factor, default: [:]]["\(role.rawValue) " + page
                        .replacingOccurrences(of: fixtures.publishedModule.uuidString, with: ":module")
                        .replacingOccurrences(of: fixtures.encounterSession.uuidString, with: ":session")] = counter.value
                }
            }
        }
        guard let small = counts[1], let large = counts[10] else { return }
        QueryCounter.expectSteady(small: small, large: large, grown: "ten times the sessions", most: 40)
    }
}

/// Listening's pages read what they show: their queries do not grow with the number of answers,
/// codings or suggestions (the analysis pages count in the database; lists are paginated).
@Suite struct ListeningQueryCountTests {
    static func grow(_ fixtures: Fixtures, by factor: Int, on app: Application, now: Date) async throws {
        let question = try #require(try await Question.query(on: app.db).filter(\.$consultationID == fixtures.openConsultation)
            .filter(\.$kind == .openText).first())
        let coders = [fixtures.accounts[.professional]!, fixtures.accounts[.coordinator]!]
        for index in 0..<(20 * factor) {
            let respondent = Respondent(consultationID: fixtures.openConsultation, channel: .paper, codeDigest: nil,
                                        language: index % 3 == 0 ? "fi" : "en", groups: [], enteredByID: coders[0], at: now)
            try await respondent.create(on: app.db)
            let answer = Answer(respondentID: try respondent.requireID(), questionID: try question.requireID(), at: now)
            answer.text = "Answer \(index): the bus is late and the hours are short"
            try await answer.create(on: app.db)
            for coder in coders {
                try await Coding(answerID: try answer.requireID(), themeID: fixtures.theme, coderID: coder, passage: nil, at: now).create(on: app.db)
            }
        }
        let run = SuggestionRun(consultationID: fixtures.openConsultation, language: "en", wanted: 2, requestedByID: coders[0], at: now)
        try await run.create(on: app.db)
        await Suggestions.work(try run.requireID(), clustering: { texts, wanted, progress in
            TextClusters.cluster(texts, count: wanted, progress: progress)
        }, now: { now }, on: app.db)
    }

    @Test func queriesDoNotGrowWithAnswersCodingsAndSuggestions() async throws {
        var counts: [Int: [String: Int]] = [:]
        for factor in [1, 10] {
            try await withApp { app, world in
                guard TestDatabase.postgresURL == nil else { return }  // counted on SQLite, whose driver logs each query
                let fixtures = try await Fixtures.make(on: app)
                try await Self.grow(fixtures, by: factor, on: app, now: world.now)
                let counter = QueryCounter()
                app.logger = Logger(label: "queries") { _ in QueryCounter.Handler(counter: counter) }
                let consultation = "/listening/consultations/\(fixtures.openConsultation)"
                let pages: [(Role?, String)] = [
                    (.professional, consultation), (.professional, consultation + "/answers"), (.professional, consultation + "/codebook"),
                    (.professional, consultation + "/agreement"), (.professional, consultation + "/figures"),
                    (.professional, consultation + "/suggestions"), (.professional, consultation + "/decisions"),
                    (.researcher, "/organisations/\(fixtures.here)/consultations/calibration"), (nil, "/c/VST234/we-did"),
                ]
                for (role, page) in pages {
                    var browser = Browser(app)
                    if let role { try await browser.signIn(Fixtures.login(role)) }
                    try await browser.get(page)
                    counter.reset()
                    let response = try await browser.get(page)
                    #expect(response.status == .ok, "\(page)")
                    counts[factor, default: [:]]["\(role?.rawValue ?? "anyone") " + page
                        .replacingOccurrences(of: fixtures.openConsultation.uuidString, with: ":consultation")
                        .replacingOccurrences(of: fixtures.here.uuidString, with: ":organisation")] = counter.value
                }
            }
        }
        guard let small = counts[1], let large = counts[10] else { return }
        QueryCounter.expectSteady(small: small, large: large, grown: "ten times the answers", most: 25)
    }
}
