import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// A forgotten password mended by a link sent to the address the person gave: the same answer
/// whoever is asked about, one use, one hour, and the code given in person still works.
@Suite struct PasswordMailTests {
    /// The mail is sent after the answer: wait for it, a while at most. Its trace line is written
    /// first, in a commit that waits its turn among the writers of every test running at once, so
    /// under a loaded parallel run that can take seconds (10 were once too few in CI).
    static func mail(in outbox: Outbox, count: Int) async throws -> [Outbox.Sent] {
        let deadline = ContinuousClock.now + .seconds(60)
        while outbox.all.count < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        return outbox.all
    }

    static func askForLink(_ browser: inout Browser, _ login: String) async throws -> TestingHTTPResponse {
        try await browser.get("/password/reset")
        return try await browser.post("/password/mail", [("mailLogin", login)])
    }

    @Test func aCitizenWithAnAddressGetsALinkThatWorksOnceForAnHour() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let outbox = try #require(app.platform.outbox)
            _ = try await DigestTests.optIn(app, Fixtures.login(.citizen), language: "fi")
            var desk = Browser(app)
            #expect(try await desk.get("/password/reset").body.string.contains("No code? Get a link by e-mail"))
            let answer = try await Self.askForLink(&desk, "  CITIZEN@here.test ")
            #expect(answer.status == .ok)
            #expect(answer.body.string.contains("If an e-mail address is kept for that sign-in name, a link is on its way."))
            let sent = try #require(try await Self.mail(in: outbox, count: 1).first)
            #expect(sent.mail.to == "person@example.org" && sent.mail.subject == "Aseta uusi salasana Kanssa-palveluun")
            let link = try #require(sent.mail.body.firstMatch(of: #/http://127\.0\.0\.1:0(/password/reset\?login=[^&\s]+&code=[A-Z0-9-]+)/#)?.1)
            let form = try await desk.get(String(link)).body.string
            #expect(form.contains(#"value="citizen@here.test""#))
            let code = try #require(String(link).firstMatch(of: #/code=([A-Z0-9-]+)/#)?.1)
            #expect(form.contains(#"value="\#(code)""#))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$target == "password-reset-mail")
                .filter(\.$subjectID == fixtures.accounts[.citizen]!).count() == 1)

            let set = try await desk.post("/password/reset", [("login", "citizen@here.test"), ("code", String(code)), ("password", "a new long password")])
            #expect(set.status == .seeOther)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen), password: "a new long password")
            #expect(try await citizen.get("/").status == .ok)
            try await desk.get("/password/reset")
            let again = try await desk.post("/password/reset", [("login", "citizen@here.test"), ("code", String(code)), ("password", "another long password")])
            #expect(again.status == .unprocessableEntity, "one use")

            // A second link, an hour and a minute later, no longer works.
            _ = try await Self.askForLink(&desk, Fixtures.login(.citizen))
            let second = try #require(try await Self.mail(in: outbox, count: 2).last)
            let late = try #require(second.mail.body.firstMatch(of: #/code=([A-Z0-9-]+)/#)?.1)
            world.advance(by: 61 * 60)
            try await desk.get("/password/reset")
            let expired = try await desk.post("/password/reset", [("login", "citizen@here.test"), ("code", String(late)), ("password", "another long password")])
            #expect(expired.status == .unprocessableEntity, "an hour only")
        }
    }

    @Test func theAnswerIsTheSameForAnyoneAndOnlyAnAddressGivenGetsMail() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let outbox = try #require(app.platform.outbox)
            func words(_ page: String) -> String {
                page.replacing(#/name="_csrf" value="[^"]*"/#, with: "").replacing(#/value="[^"]*"/#, with: "")
            }
            var desk = Browser(app)
            let known = try await Self.askForLink(&desk, Fixtures.login(.professional))  // no address given
            let unknown = try await Self.askForLink(&desk, "nobody@here.test")
            #expect(known.status == unknown.status)
            #expect(words(known.body.string) == words(unknown.body.string))
            try await Task.sleep(for: .milliseconds(300))
            #expect(outbox.all.isEmpty)
            let empty = try await Self.askForLink(&desk, "  ")
            #expect(empty.status == .unprocessableEntity)
            // At most five links a day for one sign-in name, known or not, from anywhere.
            for _ in 0..<4 {
                var elsewhere = Browser(app)
                #expect(try await Self.askForLink(&elsewhere, "nobody@here.test").status == .ok)
            }
            var sixth = Browser(app)
            #expect(try await Self.askForLink(&sixth, "nobody@here.test").status == .tooManyRequests)
        }
    }

    @Test func aLinkAskedForLeavesTheCodeGivenInPersonWorking() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let outbox = try #require(app.platform.outbox)
            _ = try await DigestTests.optIn(app, Fixtures.login(.citizen))
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            let issue = "/organisations/\(fixtures.here)/password-resets"
            try await professional.get(issue)
            let code = try PasswordResetTests.code(in: try await professional.post(issue, [("login", Fixtures.login(.citizen))]).body.string)
            var desk = Browser(app)
            _ = try await Self.askForLink(&desk, Fixtures.login(.citizen))
            #expect(try await Self.mail(in: outbox, count: 1).count == 1)
            try await desk.get("/password/reset")
            let set = try await desk.post("/password/reset", [("login", Fixtures.login(.citizen)), ("code", code), ("password", "a new long password")])
            #expect(set.status == .seeOther)
        }
    }

    @Test func withoutMailThereIsNoLinkToAskFor() async throws {
        try await withApp(configure: { $0.mail = .none }) { app, _ in
            _ = try await Fixtures.make(on: app)
            var desk = Browser(app)
            #expect(!(try await desk.get("/password/reset").body.string.contains("Get a link by e-mail")))
            try await desk.get("/password/reset")
            #expect(try await desk.post("/password/mail", [("mailLogin", Fixtures.login(.citizen))]).status == .notFound)
        }
    }
}
