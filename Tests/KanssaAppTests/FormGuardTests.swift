import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// State changes only through Kanssa's own forms.
@Suite struct FormGuardTests {
    @Test func aFormWithoutTheTokenIsRefusedAndChangesNothing() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.admin))
            let response = try await browser.post("/organisations/\(fixtures.here)/teams", [("name", "Forged")], token: "forged")
            #expect(response.status == .forbidden)
            #expect(response.body.string.contains("The form could not be sent"))
            #expect(try await Team.query(on: app.db).filter(\.$name == "Forged").count() == 0)
            let denial = try await AuditEntry.query(on: app.db).filter(\.$event == .requestDenied).first()
            #expect(denial?.purpose == "missing-or-wrong-form-token")
        }
    }

    @Test func aTokenFromAnotherBrowserIsRefused() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var victim = Browser(app)
            try await victim.signIn(Fixtures.login(.admin))
            var attacker = Browser(app)
            try await attacker.signIn(Fixtures.login(.citizen))
            try await attacker.get("/me")
            let stolen = try #require(attacker.csrfToken)
            #expect(try await victim.post("/me", [("displayName", "Pwned"), ("language", "en")], token: stolen).status == .forbidden)
        }
    }

    @Test(arguments: [("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site"), ("Origin", "https://evil.example"), ("Origin", "null")])
    func crossSiteRequestsAreRefusedEvenWithAToken(header: String, value: String) async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.citizen))
            try await browser.get("/me")
            let response = try await browser.post("/me", [("displayName", "Changed"), ("language", "en")], headers: [header: value])
            #expect(response.status == .forbidden)
            #expect(try await Account.query(on: app.db).filter(\.$displayName == "Changed").count() == 0)
        }
    }

    @Test func sameOriginRequestsPass() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.citizen))
            try await browser.get("/me")
            let response = try await browser.post(
                "/me", [("displayName", "Changed"), ("language", "fi")],
                headers: ["Origin": "http://localhost:8080", "Host": "localhost:8080", "Sec-Fetch-Site": "same-origin"])
            #expect(response.status == .seeOther)
            let page = try await browser.get("/me?notice=saved")
            #expect(page.body.string.contains(#"<html lang="fi">"#))
            #expect(page.body.string.contains("Muutokset on tallennettu."))
        }
    }
}
