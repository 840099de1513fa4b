import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// A person changes their own password: the current one asked first, the usual rules, every
/// other session of theirs ended, and the change on their own trace.
@Suite struct PasswordChangeTests {
    @Test func thePasswordChangesOnlyWithTheCurrentOneAndOtherSessionsEnd() async throws {
        try await withApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var here = Browser(app)
            try await here.signIn(Fixtures.login(.citizen))
            var elsewhere = Browser(app)
            try await elsewhere.signIn(Fixtures.login(.citizen))
            #expect(try await elsewhere.get("/me").status == .ok)

            try await here.get("/me")
            let wrong = try await here.post("/me/password", [("currentPassword", "not it at all"), ("newPassword", "a bicycle by the canal")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("That is not the password you use now."))
            #expect(wrong.body.string.contains("<title>Error: My information – Kanssa</title>"))
            try await here.get("/me")
            let short = try await here.post("/me/password", [("currentPassword", Fixtures.password), ("newPassword", "short")])
            #expect(short.status == .unprocessableEntity)
            #expect(short.body.string.contains("at least 8 characters"))
            #expect(try await elsewhere.get("/me").status == .ok, "nothing changed yet")

            try await here.get("/me")
            let changed = try await here.post("/me/password", [("currentPassword", Fixtures.password), ("newPassword", "a bicycle by the canal")])
            #expect(changed.status == .seeOther)
            #expect(changed.headers.first(name: .location) == "/me?notice=password#password")
            let page = try await here.get("/me?notice=password").body.string
            #expect(page.contains("Your password is changed."))
            #expect(page.contains("Changed the password — your password"), "on the person's own trace")
            // The other browser is signed out; the old password no longer opens the account, the new one does.
            #expect(try await elsewhere.get("/me").status != .ok)
            var again = Browser(app)
            try await again.signIn(Fixtures.login(.citizen), password: "a bicycle by the canal")
            #expect(try await again.get("/me").status == .ok)
            var withOld = Browser(app)
            try await withOld.get("/sign-in")
            #expect(try await withOld.post("/sign-in", [("login", Fixtures.login(.citizen)), ("password", Fixtures.password)]).status
                == .unauthorized)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .passwordChanged).count() == 1)
        }
    }
}
