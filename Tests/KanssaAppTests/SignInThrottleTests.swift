import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// Guessing passwords is slowed down; the people the accounts belong to are not shut out.
/// Requests come through a trusted proxy, which names each browser's address.
@Suite struct SignInThrottleTests {
    static let holderAddress = "198.51.100.7"
    static let elsewhere = "203.0.113.9"

    private func behindProxy(_ config: inout AppConfig) {
        config.trustedProxies = [ClientAddress.unixSocket]
    }

    /// A browser at the holder's address that has signed in as this person once, and out again.
    private func knownDevice(_ app: Application, of role: Role) async throws -> Browser {
        var browser = Browser(app)
        browser.address = Self.holderAddress
        try await browser.signIn(Fixtures.login(role))
        try await browser.get("/me")
        #expect(try await browser.post("/sign-out").status == .seeOther)
        #expect(browser.cookies[KnownDevice.cookieName] != nil, "signing out keeps the device known")
        return browser
    }

    /// Tries a wrong password `count` times, waiting as long as each refusal says; returns the
    /// refusals (429) met on the way and the seconds waited.
    private func guess(
        _ browser: inout Browser, login: String, failures count: Int, world: TestWorld
    ) async throws -> (refusals: Int, waited: Int) {
        var failures = 0, refusals = 0, waited = 0
        try await browser.get("/sign-in")
        while failures < count {
            let response = try await browser.post("/sign-in", [("login", login), ("password", "a wrong guess \(failures)")])
            if response.status == .tooManyRequests {
                let wait = try #require(response.headers.first(name: .retryAfter).flatMap(Int.init))
                refusals += 1
                waited += wait
                world.advance(by: TimeInterval(wait))
            } else {
                #expect(response.status == .unauthorized)
                failures += 1
            }
        }
        return (refusals, waited)
    }

    @Test func anAttackerElsewhereAndAtTheSameAddressDoesNotStopTheHolderOnTheirOwnDevice() async throws {
        try await withApp(configure: behindProxy) { app, world in
            _ = try await Fixtures.make(on: app)
            var holder = try await knownDevice(app, of: .citizen)

            var attacker = Browser(app)
            attacker.address = Self.elsewhere
            let far = try await guess(&attacker, login: Fixtures.login(.citizen), failures: 50, world: world)
            attacker.address = Self.holderAddress
            let near = try await guess(&attacker, login: Fixtures.login(.citizen), failures: 50, world: world)
            // Slowed: each address costs the attacker hours for 50 guesses.
            #expect(far.refusals >= 40 && near.refusals >= 40)
            #expect(far.waited > 2 * 3600 && near.waited > 2 * 3600)

            try await holder.get("/sign-in")
            let mine = try await holder.post("/sign-in", [("login", Fixtures.login(.citizen)), ("password", Fixtures.password)])
            #expect(mine.status == .seeOther)

            // A colleague at the same address, on a device of their own, is not held back either.
            world.advance(by: 3600)
            var colleague = try await knownDevice(app, of: .professional)
            let far2 = try await guess(&attacker, login: Fixtures.login(.professional), failures: 30, world: world)
            #expect(far2.refusals > 0)
            try await colleague.signIn(Fixtures.login(.professional))
        }
    }

    @Test func aDayCapHoldsBackNewDevicesOnlyAndIsOnThePersonsOwnTrace() async throws {
        try await withApp(configure: behindProxy) { app, world in
            _ = try await Fixtures.make(on: app)
            var holder = try await knownDevice(app, of: .citizen)

            // A hundred guesses from twenty addresses, five each: none of them is slowed alone.
            for index in 0..<20 {
                var attacker = Browser(app)
                attacker.address = "203.0.113.\(index + 10)"
                let run = try await guess(&attacker, login: Fixtures.login(.citizen), failures: 5, world: world)
                #expect(run.refusals == 0)
                world.advance(by: 60)
            }
            var newcomer = Browser(app)
            newcomer.address = "192.0.2.44"
            try await newcomer.get("/sign-in")
            let capped = try await newcomer.post("/sign-in", [("login", Fixtures.login(.citizen)), ("password", Fixtures.password)])
            #expect(capped.status == .tooManyRequests)
            let wait = try #require(capped.headers.first(name: .retryAfter).flatMap(Int.init))
            #expect(wait > 20 * 3600 && wait <= 24 * 3600)
            #expect(capped.body.string.contains("You can try again after"))

            let reached = try await AuditEntry.query(on: app.db).filter(\.$event == .signInCapReached).all()
            #expect(reached.count == 1)
            #expect(reached.first?.subjectID != nil)

            try await holder.signIn(Fixtures.login(.citizen))
            let trace = try await holder.get("/me")
            #expect(trace.body.string.contains("Wrong passwords were tried for your account too many times in one day"))
        }
    }

    @Test(arguments: [
        " citizen@here.test", "citizen@here.test ", "\tcitizen@here.test", "CITIZEN@Here.Test",
        "\u{FF43}\u{FF49}\u{FF54}\u{FF49}\u{FF5A}\u{FF45}\u{FF4E}@here.test", "citizen@here.test\u{00A0}",
    ])
    func variantsOfALoginShareOneBudget(variant: String) async throws {
        try await withApp(configure: behindProxy) { app, world in
            _ = try await Fixtures.make(on: app)
            var guesser = Browser(app)
            guesser.address = Self.elsewhere
            try await guesser.get("/sign-in")
            for _ in 0..<5 {
                #expect(try await guesser.post("/sign-in", [("login", Fixtures.login(.citizen)), ("password", "wrong wrong")]).status == .unauthorized)
            }
            let held = try await guesser.post("/sign-in", [("login", variant), ("password", Fixtures.password)])
            #expect(held.status == .tooManyRequests)
            world.advance(by: 2)
            // The variant is the same account once normalised, and signs in.
            let signedIn = try await guesser.post("/sign-in", [("login", variant), ("password", Fixtures.password)])
            #expect(signedIn.status == .seeOther)
        }
    }

    @Test func aDeviceCookieForAnotherLoginOrMadeUpIsNotTrusted() async throws {
        try await withApp(configure: behindProxy) { app, _ in
            _ = try await Fixtures.make(on: app)
            let holder = try await knownDevice(app, of: .professional)
            let cookie = try #require(holder.cookies[KnownDevice.cookieName])
            for forged in [cookie, "made-up.seal", String(cookie.reversed())] {
                var other = Browser(app)
                other.address = Self.elsewhere
                other.cookies[KnownDevice.cookieName] = forged
                try await other.get("/sign-in")
                // Five failures for the citizen: a cookie of the professional's does not exempt them.
                for _ in 0..<5 { try await other.post("/sign-in", [("login", Fixtures.login(.citizen)), ("password", "wrong wrong")]) }
                let held = try await other.post("/sign-in", [("login", Fixtures.login(.citizen)), ("password", Fixtures.password)])
                #expect(held.status == .tooManyRequests)
                try await LoginFailure.query(on: app.db).delete()
            }
        }
    }

    @Test func aProxyIsBelievedOnlyWhenTrusted() {
        let trusted: Set<String> = ["10.1.1.1"]
        #expect(ClientAddress.resolve(peer: "192.0.2.5", forwardedFor: ["203.0.113.9"], trusted: trusted) == "192.0.2.5")
        #expect(ClientAddress.resolve(peer: "10.1.1.1", forwardedFor: ["203.0.113.9"], trusted: trusted) == "203.0.113.9")
        // A client cannot hide behind a value it wrote itself: the proxy appends the real one.
        #expect(ClientAddress.resolve(peer: "10.1.1.1", forwardedFor: ["198.51.100.1, 203.0.113.9"], trusted: trusted) == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: "10.1.1.1", forwardedFor: ["not an address"], trusted: trusted) == "10.1.1.1")
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: ["203.0.113.9"], trusted: []) == nil)
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: ["203.0.113.9", "10.1.1.1"], trusted: ["unix", "10.1.1.1"]) == "203.0.113.9")
    }

    @Test func throttleRulesGrowAndCap() {
        let start = Date(timeIntervalSince1970: 0)
        let rule = LoginThrottle.Rule.growingDelay(free: 2, first: 3, longest: 20, window: 3600)
        func failures(_ n: Int) -> [Date] { (0..<n).map { start.addingTimeInterval(-Double($0)) } }
        #expect(rule.retryAt(after: failures(1)) == nil)
        #expect(rule.retryAt(after: failures(2)) == start.addingTimeInterval(3))
        #expect(rule.retryAt(after: failures(3)) == start.addingTimeInterval(6))
        #expect(rule.retryAt(after: failures(4)) == start.addingTimeInterval(12))
        #expect(rule.retryAt(after: failures(5)) == start.addingTimeInterval(20))
        let cap = LoginThrottle.Rule.cap(3, window: 100)
        #expect(cap.retryAt(after: failures(2)) == nil)
        #expect(cap.retryAt(after: failures(3)) == start.addingTimeInterval(98))
    }
}
