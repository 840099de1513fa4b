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

    /// The token is read from an urlencoded body without decoding the whole form, as Vapor would.
    @Test func theTokenIsReadFromTheFormAsSent() {
        let read = { FormGuardMiddleware.field("_csrf", inForm: $0) }
        #expect(read("_csrf=abc&text=x") == "abc")
        #expect(read("text=x%26_csrf%3Dforged&_csrf=a%2Bb+c") == "a+b c")
        #expect(read("%5Fcsrf=encoded") == "encoded")
        #expect(read("_csrf=&x=1") == "" && read("_csrf&x=1") == "")
        #expect(read("text=_csrf%3Dx") == nil && read("") == nil && read("_csrfx=1") == nil)
        #expect(read("_csrf=%ZZ") == nil)
        #expect(read("_csrf=first&_csrf=second") == "first")
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
