import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// After signing in or choosing a language, a person is sent back only to a page of this site.
@Suite struct ReturnAddressTests {
    static let offSite = [
        "/\t/evil.example", "/\r/evil.example", "/\n/evil.example", "\t//evil.example", " /evil.example", "/ /evil.example",
        "\\\\evil.example", "/\\evil.example", "//evil.example", "///evil.example", "/%09/evil.example", "/%0d%0a/evil.example",
        "%2F%2Fevil.example", "%2f%2fevil.example", "/%2F/evil.example", "/%5Cevil.example", "%252F%252Fevil.example",
        "https://evil.example", "HTTPS://evil.example/", "http:/evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
        "data:text/html,x", "/\u{2028}/evil.example", "/\u{200B}/evil.example", "/\u{3000}/evil.example", "/%E3%80%80/evil.example",
        "/\u{0}/evil.example", "/\u{85}/evil.example", "", "evil.example", "?next=//evil.example",
    ]

    @Test(arguments: offSite)
    func signingInNeverLeavesTheSite(next: String) async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.get("/sign-in")
            let response = try await browser.post("/sign-in", [("login", Fixtures.login(.citizen)), ("password", Fixtures.password), ("next", next)])
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/")
        }
    }

    @Test(arguments: offSite)
    func choosingALanguageNeverLeavesTheSite(target: String) async throws {
        try await withApp { app, _ in
            var browser = Browser(app)
            try await browser.get("/sign-in")
            let response = try await browser.post("/language", [("language", "fi"), ("return", target)])
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/")
        }
    }

    @Test func theSignInPageCarriesOnlyASitePathAndSendsThePersonThere() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            let forged = try await browser.get("/sign-in?next=/%09/evil.example")
            #expect(forged.body.string.contains(#"name="next" value/>"#))
            try await browser.get("/sign-in?next=%2Fme%3Fpage%3D2")
            let response = try await browser.post("/sign-in", [("login", Fixtures.login(.citizen)), ("password", Fixtures.password), ("next", "/me?page=2")])
            #expect(response.headers.first(name: .location) == "/me?page=2")
            try await browser.get("/me")
            let back = try await browser.post("/language", [("language", "en"), ("return", "/me")])
            #expect(back.headers.first(name: .location) == "/me")
        }
    }
}
