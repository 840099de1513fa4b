import Fluent
import FluentPostgresDriver
import Foundation
@testable import KanssaApp
import KanssaCore
import SQLKit
import Testing
import VaporTesting

/// Sessions kept in memory are trusted only while the server hears of every change to them, and
/// every change reaches them: from this server at once, from anywhere else by PostgreSQL's notice.
@Suite struct KeptSessionsTests {
    static func entry(_ account: UUID) -> KeptSessions.Entry {
        let principal = Principal(accountID: account, displayName: "Someone", language: "en", memberships: [])
        return KeptSessions.Entry(live: SessionStore.Live(sessionID: UUID(), principal: principal), createdAt: Date(), lastSeenAt: Date())
    }

    @Test func nothingIsKeptUnlessHearingAndNothingReadBeforeANoticeIsKeptAfterIt() throws {
        let kept = KeptSessions(capacity: 10)
        let (one, two) = (UUID(), UUID())
        #expect(kept.ticket() == nil)
        kept.startedHearing()
        let ticket = try #require(kept.ticket())
        kept.keep(Self.entry(one), for: "one", ticket: ticket)
        kept.keep(Self.entry(two), for: "two", ticket: ticket)
        #expect(kept.entry(for: "one", if: { _ in true })?.live.principal.accountID == one)
        #expect(kept.entry(for: "one", if: { _ in false }) == nil)

        // A notice naming one person lets only their sessions go; a ticket taken before it is spent.
        kept.forget(.accounts([one]))
        #expect(kept.entry(for: "one", if: { _ in true }) == nil && kept.entry(for: "two", if: { _ in true }) != nil)
        kept.keep(Self.entry(one), for: "one", ticket: ticket)
        #expect(kept.count == 1)
        kept.forget(.everyone)
        #expect(kept.count == 0)

        // The listening connection gone: nothing kept, nothing trusted, no ticket.
        kept.keep(Self.entry(one), for: "one", ticket: try #require(kept.ticket()))
        kept.stoppedHearing()
        #expect(kept.count == 0 && kept.ticket() == nil && kept.entry(for: "one", if: { _ in true }) == nil)
        #expect(kept.statistics == KeptSessions.Statistics(kept: 2, read: 3))
    }

    @Test func aSilenceLongerThanAllowedLetsEverythingGo() async throws {
        let kept = KeptSessions(capacity: 10, silenceAllowed: .milliseconds(50))
        kept.startedHearing()
        kept.keep(Self.entry(UUID()), for: "one", ticket: try #require(kept.ticket()))
        try await Task.sleep(for: .milliseconds(120))
        #expect(!kept.isHearing && kept.ticket() == nil && kept.entry(for: "one", if: { _ in true }) == nil)
        kept.heard()
        #expect(kept.isHearing && kept.count == 0)
    }

    @Test func aNoticeNamesAccountsOrEveryoneAndOneThatCannotBeReadMeansEveryone() {
        let (one, two) = (UUID(), UUID())
        #expect(PrincipalChange(payload: "\(one),\(two)") == .accounts([one, two]))
        #expect(PrincipalChange(payload: one.uuidString.lowercased()) == .accounts([one]))
        #expect(PrincipalChange(payload: "*") == .everyone)
        #expect(PrincipalChange(payload: "\(one),not-an-id") == .everyone)
        #expect(PrincipalChange(payload: "") == .everyone)
    }

    /// Without a listening connection (SQLite, or PostgreSQL not listening), every request reads
    /// its session from the database.
    @Test func withoutHearingEveryRequestReadsItsSession() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.professional))
            for _ in 0..<3 { #expect(try await browser.get("/me").status == .ok) }
            #expect(app.platform.keptSessions.count == 0)
            #expect(app.platform.keptSessions.statistics.kept == 0)
        }
    }

    /// Makes `kept` trust what it keeps as if it were listening, but lets no notice in: only what
    /// this server does itself reaches kept sessions. Signs of life come well within the silence
    /// allowed, however slow the machine; cancel the task to stop.
    static func hearNoNotices(_ kept: KeptSessions) -> Task<Void, Never> {
        kept.startedHearing()
        return Task {
            while !Task.isCancelled {
                kept.heard()
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// Signs in and asks twice: the second time the session is kept.
    static func signedIn(_ app: Application, _ login: String) async throws -> Browser {
        var browser = Browser(app)
        try await browser.signIn(login)
        let before = app.platform.keptSessions.statistics.kept
        #expect(try await browser.get("/me").status == .ok)
        #expect(try await browser.get("/me").status == .ok)
        #expect(app.platform.keptSessions.statistics.kept > before, "the session was kept")
        return browser
    }

    /// No notice is let in here: only what this server does itself when it makes the change.
    @Test func aChangeMadeOnThisServerReachesAKeptSessionAtOnce() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let signsOfLife = Self.hearNoNotices(app.platform.keptSessions)
            defer { signsOfLife.cancel() }
            let professional = fixtures.accounts[.professional]!
            var member = try await Self.signedIn(app, Fixtures.login(.professional))
            var admin = try await Self.signedIn(app, Fixtures.login(.admin))

            // The person's own name, then their role and their account, each seen by the very next request.
            _ = try await member.get("/me")
            let renamed = try await member.post("/me", [("displayName", "Renamed Here"), ("language", "en")])
            #expect(renamed.status == .seeOther)
            #expect(try await member.get("/").body.string.contains("Renamed Here"))

            #expect(try await member.get("/plans/\(fixtures.citizenPlan)").status == .ok)
            _ = try await admin.get("/organisations/\(fixtures.here)/members/\(professional)")
            #expect(try await admin.post("/organisations/\(fixtures.here)/members/\(professional)/teams").status == .seeOther)
            #expect(try await member.get("/plans/\(fixtures.citizenPlan)").status == .forbidden, "no longer in the team the plan is shared with")

            #expect(try await member.get("/caseload").status == .ok)
            _ = try await admin.get("/organisations/\(fixtures.here)/members/\(professional)")
            #expect(try await admin.post("/organisations/\(fixtures.here)/members/\(professional)/roles", [("roles[]", "trainer")]).status == .seeOther)
            #expect(try await member.get("/caseload").status == .forbidden)

            _ = try await admin.get("/organisations/\(fixtures.here)/members/\(professional)/disable")
            #expect(try await admin.post("/organisations/\(fixtures.here)/members/\(professional)/disable").status == .seeOther)
            #expect(try await member.get("/me").status == .seeOther)

            // Signing out: a copy of the cookie is refused at once.
            var citizen = try await Self.signedIn(app, Fixtures.login(.citizen))
            let copy = citizen.cookies
            _ = try await citizen.get("/me")
            #expect(try await citizen.post("/sign-out").status == .seeOther)
            var thief = Browser(app)
            thief.cookies = copy
            #expect(try await thief.get("/me").status == .seeOther)
        }
    }

}

/// On PostgreSQL, with the server listening as `serve` does.
@Suite(.enabled(if: TestDatabase.postgresURL != nil, "notices need PostgreSQL"), .serialized)
struct HeardSessionsTests {
    /// An app listening for notices, as `serve` runs it; waits until it hears.
    func withHearingApp(_ body: (Application, TestWorld, Fixtures) async throws -> Void) async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            try hearPrincipalChanges(app, config: app.platform.config)
            try await app.asyncBoot()
            try await eventually("the server hears") { app.platform.keptSessions.isHearing }
            try await body(app, world, fixtures)
        }
    }

    /// Waits up to five seconds for `condition`; a notice takes milliseconds.
    func eventually(_ what: Comment, sourceLocation: SourceLocation = #_sourceLocation, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("never: \(what)", sourceLocation: sourceLocation)
    }

    @Test func aChangeMadeElsewhereReachesAKeptSessionByNotice() async throws {
        try await withHearingApp { app, world, fixtures in
            let kept = app.platform.keptSessions
            let sql = try #require(app.db as? any SQLDatabase)
            let professional = fixtures.accounts[.professional]!
            var browser = try await KeptSessionsTests.signedIn(app, Fixtures.login(.professional))

            // Written straight into the database, as another server or `kanssa` command would.
            // What a session does not show sends nothing: its last use, the account's last activity.
            try await sql.raw("UPDATE sessions SET last_seen_at = \(bind: world.now)").run()
            try await sql.raw("UPDATE accounts SET last_active_at = \(bind: world.now)").run()
            try await Task.sleep(for: .milliseconds(300))
            #expect(kept.count == 1)

            try await sql.raw("UPDATE accounts SET display_name = 'Renamed Elsewhere' WHERE id = \(bind: professional)").run()
            try await eventually("a name changed") { kept.count == 0 }
            #expect(try await browser.get("/me").body.string.contains("Renamed Elsewhere"))

            try await sql.raw("DELETE FROM team_members WHERE account_id = \(bind: professional)").run()
            try await eventually("a team left") { kept.count == 0 }
            _ = try await browser.get("/me")

            try await sql.raw("UPDATE organisations SET name = 'Here, renamed' WHERE id = \(bind: fixtures.here)").run()
            try await eventually("an organisation renamed") { kept.count == 0 }
            _ = try await browser.get("/me")
            #expect(try await browser.get("/caseload").status == .ok)

            try await sql.raw("DELETE FROM memberships WHERE account_id = \(bind: professional)").run()
            try await eventually("a role taken away") { kept.count == 0 }
            #expect(try await browser.get("/caseload").status == .forbidden)

            try await sql.raw("UPDATE accounts SET disabled_at = \(bind: world.now) WHERE id = \(bind: professional)").run()
            try await eventually("an account disabled") { kept.count == 0 }
            #expect(try await browser.get("/me").status == .seeOther, "a disabled account is signed out")

            var citizen = try await KeptSessionsTests.signedIn(app, Fixtures.login(.citizen))
            try await sql.raw("DELETE FROM sessions WHERE account_id = \(bind: fixtures.accounts[.citizen]!)").run()
            try await eventually("a session ended") { kept.count == 0 }
            #expect(try await citizen.get("/me").status == .seeOther, "an ended session is signed out")
        }
    }

    /// Only its own notices coming back keep a server hearing: here for twice the silence allowed.
    @Test func signsOfLifeThatComeBackKeepTheServerHearing() async throws {
        try await withApp { app, _ in
            guard case .postgres(let url, _) = app.platform.config.database else { return }
            let kept = KeptSessions(capacity: 10, silenceAllowed: .milliseconds(800))
            let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
            app.lifecycle.use(PrincipalNotices(configuration: configuration, kept: kept, heartbeat: .milliseconds(100)))
            try await app.asyncBoot()
            try await eventually("the server hears") { kept.isHearing }
            for _ in 0..<8 {
                try await Task.sleep(for: .milliseconds(200))
                #expect(kept.isHearing)
            }
        }
    }

    @Test func withTheListeningConnectionLostNothingIsTrustedUntilItIsBack() async throws {
        try await withHearingApp { app, _, _ in
            let kept = app.platform.keptSessions
            let sql = try #require(app.db as? any SQLDatabase)
            var browser = try await KeptSessionsTests.signedIn(app, Fixtures.login(.professional))
            try await sql.raw("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = \(bind: PrincipalNotices.applicationName)
                """).run()
            try await eventually("the loss is noticed") { !kept.isHearing }
            #expect(kept.count == 0)
            let before = kept.statistics
            #expect(try await browser.get("/me").status == .ok)
            #expect(kept.statistics.kept == before.kept && kept.count == 0, "read from the database, and not kept")
            try await eventually("listening again") { kept.isHearing }
            _ = try await browser.get("/me")
            #expect(try await browser.get("/me").status == .ok)
            #expect(kept.statistics.kept > before.kept)
        }
    }
}
