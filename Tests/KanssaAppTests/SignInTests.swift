import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

@Suite struct SignInTests {
    @Test func signingInStartsASessionWithAnHttpOnlyLaxCookie() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.get("/sign-in")
            let response = try await browser.post("/sign-in", [("login", "ADMIN@here.test "), ("password", Fixtures.password)])
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/")
            let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix("kanssa_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("The admin"))
        }
    }

    @Test func cookiesAreSecureWhenServedOverHTTPS() async throws {
        try await withApp(configure: { $0.publicURL = URL(string: "https://kanssa.example.org") }) { app, _ in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.get("/sign-in")
            let response = try await browser.post(
                "/sign-in", [("login", Fixtures.login(.admin)), ("password", Fixtures.password)],
                headers: ["Origin": "https://kanssa.example.org"])
            #expect(response.headers[.setCookie].allSatisfy { $0.contains("Secure") })
            #expect(response.headers.first(name: "Strict-Transport-Security") != nil)
        }
    }

    @Test func wrongPasswordAndUnknownAccountGetTheSameAnswer() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.get("/sign-in")
            let wrong = try await browser.post("/sign-in", [("login", Fixtures.login(.admin)), ("password", "not the password")])
            let unknownBody = wrong.body.string
            let unknown = try await browser.post("/sign-in", [("login", "nobody@here.test"), ("password", "not the password")])
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(unknownBody.contains("The email, username or password is not right"))
            #expect(unknown.body.string.replacingOccurrences(of: "nobody@here.test", with: "")
                == unknownBody.replacingOccurrences(of: Fixtures.login(.admin), with: ""))
            #expect(browser.cookies["kanssa_session"] == nil)
        }
    }

    @Test func afterFiveFailuresANewDeviceWaitsAndIsToldUntilWhen() async throws {
        try await withApp { app, world in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.get("/sign-in")
            for _ in 1...5 {
                let wrong = try await browser.post("/sign-in", [("login", Fixtures.login(.citizen)), ("password", "guess guess guess")])
                #expect(wrong.status == .unauthorized)
            }
            let held = try await browser.post("/sign-in", [("login", Fixtures.login(.citizen)), ("password", Fixtures.password)])
            #expect(held.status == .tooManyRequests)
            #expect(held.body.string.contains("Too many tries. Wait a minute, then try again."))
            #expect(held.headers.first(name: .retryAfter) == "2")
            world.advance(by: 2)
            let later = try await browser.post("/sign-in", [("login", Fixtures.login(.citizen)), ("password", Fixtures.password)])
            #expect(later.status == .seeOther)
            let failures = try await AuditEntry.query(on: app.db).filter(\.$event == .signInFailed).count()
            #expect(failures == 5)
        }
    }

    @Test func signingInAgainGivesANewSessionAndEndsTheOldOne() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.admin))
            let first = try #require(browser.cookies["kanssa_session"])
            try await browser.get("/me")
            try await browser.post("/sign-in", [("login", Fixtures.login(.admin)), ("password", Fixtures.password)])
            let second = try #require(browser.cookies["kanssa_session"])
            #expect(first != second)
            var stale = Browser(app)
            stale.cookies["kanssa_session"] = first
            #expect(try await stale.get("/me").status == .seeOther)
            #expect(try await BrowserSession.query(on: app.db).count() == 1)
        }
    }

    @Test func signingOutEndsTheSessionOnTheServer() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.citizen))
            let token = try #require(browser.cookies["kanssa_session"])
            try await browser.get("/me")
            let out = try await browser.post("/sign-out")
            #expect(out.headers.first(name: .location) == "/sign-in?notice=signed-out")
            #expect(browser.cookies["kanssa_session"] == nil)
            var replay = Browser(app)
            replay.cookies["kanssa_session"] = token
            let response = try await replay.get("/me")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/sign-in?next=%2Fme")
        }
    }

    @Test func idleAndOldSessionsExpire() async throws {
        try await withApp { app, world in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.citizen))
            world.advance(by: 59 * 60)
            #expect(try await browser.get("/me").status == .ok)
            world.advance(by: 61 * 60)
            #expect(try await browser.get("/me").status == .seeOther)
            let expired = try await AuditEntry.query(on: app.db).filter(\.$event == .sessionExpired).first()
            #expect(expired?.target == "idle")

            try await browser.signIn(Fixtures.login(.citizen))
            for _ in 0..<13 {
                world.advance(by: 55 * 60)
                _ = try await browser.get("/me")
            }
            world.advance(by: 10 * 60)
            #expect(try await browser.get("/me").status == .seeOther)
            let old = try await AuditEntry.query(on: app.db).filter(\.$event == .sessionExpired).filter(\.$target == "maximum-age").count()
            #expect(old == 1)
        }
    }

    @Test func disablingAnAccountEndsItsSessionsAtOnce() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            let path = "/organisations/\(fixtures.here)/members/\(fixtures.accounts[.citizen]!)/disable"
            let confirm = try await admin.get(path)
            #expect(confirm.body.string.contains("Yes, disable the account"))
            #expect(try await admin.post(path).status == .seeOther)
            #expect(try await citizen.get("/me").status == .seeOther)
            var again = Browser(app)
            try await again.get("/sign-in")
            let response = try await again.post("/sign-in", [("login", Fixtures.login(.citizen)), ("password", Fixtures.password)])
            #expect(response.status == .unauthorized)
        }
    }
}
