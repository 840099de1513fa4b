import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// Bad input gets a clear answer in the person's language and changes nothing.
@Suite struct BadInputTests {
    @Test func unknownPagesAndWrongMethodsGetAPageNotFoundWithSecurityHeaders() async throws {
        try await withApp { app, _ in
            var browser = Browser(app)
            browser.language = "fi-FI,fi;q=0.9"
            for (method, path) in [(HTTPMethod.GET, "/no/such/page"), (.DELETE, "/me"), (.PUT, "/sign-in")] {
                let response = try await browser.send(method, path, body: nil)
                #expect(response.status == .notFound || response.status == .forbidden, "\(method) \(path)")
                #expect(response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.body.string.contains(#"lang="fi""#))
            }
            let missing = try await browser.get("/no/such/page")
            #expect(missing.body.string.contains("Sivua ei löydy"))
        }
    }

    @Test func malformedIdsInAddressesAreNotFoundOrDenied() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            let response = try await admin.get("/organisations/not-a-uuid/admin")
            #expect(response.status == .forbidden || response.status == .notFound)
            #expect(!response.body.string.contains("UUID"))
        }
    }

    @Test func anotherOrganisationsMemberIdShowsNothing() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            let response = try await admin.get("/organisations/\(fixtures.here)/members/\(fixtures.adminElsewhere)")
            #expect(response.status == .notFound)
            #expect(!response.body.string.contains("Admin Elsewhere"))
            #expect(try await admin.get("/organisations/\(fixtures.elsewhere)/members/\(fixtures.adminElsewhere)").status == .forbidden)
        }
    }

    @Test func oversizedBodiesAreRefused() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.citizen))
            try await browser.get("/me")
            let response = try await browser.post("/me", [("displayName", String(repeating: "x", count: 100_000)), ("language", "en")])
            #expect(response.status == .payloadTooLarge)
            #expect(response.body.string.contains("Too much text"))
        }
    }

    @Test func invalidUTF8RawOrEncodedAndMalformedFormsAreRefusedAndChangeNothing() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.citizen))
            try await browser.get("/me")
            let token = try #require(browser.csrfToken)
            func form(_ text: String, then raw: [UInt8] = []) -> ByteBuffer {
                var body = ByteBuffer(string: "_csrf=\(token)&language=en&" + text)
                body.writeBytes(raw)
                return body
            }
            // Raw bytes that are not UTF-8 would otherwise be stored as U+FFFD.
            let raw: [[UInt8]] = [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]]
            let bodies = [form("displayName=%FF%FE"), form("displayName[]]=x")] + raw.map { form("displayName=Bad", then: $0) }
            for body in bodies {
                var headers = HTTPHeaders()
                headers.contentType = .urlEncodedForm
                let response = try await browser.send(.POST, "/me", headers: headers, body: body)
                #expect(response.status == .badRequest, "\(body.readableBytesView.suffix(8)): \(response.status)")
                #expect(response.body.string.contains("Kanssa could not read what was sent"))
            }
            #expect(try await Account.query(on: app.db).filter(\.$displayName == "The citizen").count() == 1)
        }
    }

    @Test func emptyAndControlCharacterNamesGetInlineErrors() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var browser = Browser(app)
            try await browser.signIn(Fixtures.login(.citizen))
            try await browser.get("/me")
            for name in ["   ", "bell\u{7}", String(repeating: "n", count: 101)] {
                let response = try await browser.post("/me", [("displayName", name), ("language", "en")])
                #expect(response.status == .unprocessableEntity)
                #expect(response.body.string.contains("Enter a name of 1 to 100 characters."))
                #expect(response.body.string.contains(#"aria-invalid="true""#))
            }
            let unknownLanguage = try await browser.post("/me", [("displayName", "Fine"), ("language", "xx")])
            #expect(unknownLanguage.status == .unprocessableEntity)
        }
    }
}
