import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// A forgotten password, mended with a code someone of the person's organisation hands them:
/// one use, one day, the latest only, for that account only; the answer never tells whether a
/// sign-in name exists.
@Suite struct PasswordResetTests {
    static func code(in page: String) throws -> String {
        try #require(page.firstMatch(of: #/class="invitation-code">([A-Z0-9]{5}-[A-Z0-9]{5})</#)?.1).description
    }

    @Test func aProfessionalHandsACitizenACodeAndItWorksOnceForThatAccount() async throws {
        let world = TestWorld()
        try await withApp(world: world) { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let issue = "/organisations/\(fixtures.here)/password-resets"
            var citizenElsewhere = Browser(app)  // a session the reset ends
            try await citizenElsewhere.signIn(Fixtures.login(.citizen))

            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            #expect(try await professional.get("/").body.string.contains(issue))
            try await professional.get(issue)
            // Not for staff, not for someone unknown, not for oneself: one answer for all.
            // Nor for someone who also belongs to another organisation: it relies on that account too.
            for login in [Fixtures.login(.admin), "nobody@here.test", Fixtures.login(.professional), Fixtures.adminElsewhereLogin,
                          Fixtures.memberOfBothLogin] {
                try await professional.get(issue)
                let refused = try await professional.post(issue, [("login", login)])
                #expect(refused.status == .unprocessableEntity, "\(login)")
                #expect(refused.body.string.contains("whom you may give a code signs in as"), "\(login)")
            }
            try await professional.get(issue)
            let first = try Self.code(in: try await professional.post(issue, [("login", "  CITIZEN@here.test ")]).body.string)
            try await professional.get(issue)
            let given = try await professional.post(issue, [("login", Fixtures.login(.citizen))])
            #expect(given.body.string.contains("It works once, until") && given.body.string.contains("/password/reset"))
            let code = try Self.code(in: given.body.string)
            #expect(try await PasswordReset.query(on: app.db).count() == 2)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .passwordResetIssued)
                .filter(\.$subjectID == fixtures.accounts[.citizen]!).count() == 2)

            var desk = Browser(app)
            try await desk.get("/sign-in")
            #expect(try await desk.get("/sign-in").body.string.contains(#"href="/password/reset""#))
            try await desk.get("/password/reset")
            // The earlier code, a code for another account, an unknown login: the same refusal.
            for (login, typed) in [(Fixtures.login(.citizen), first), (Fixtures.login(.coTrainer), code), ("nobody@here.test", code)] {
                try await desk.get("/password/reset")
                let refused = try await desk.post("/password/reset", [("login", login), ("code", typed), ("password", "a new long password")])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("This code does not work with this email or username."), "\(login)")
            }
            try await desk.get("/password/reset")
            let weak = try await desk.post("/password/reset", [("login", Fixtures.login(.citizen)), ("code", code), ("password", "short")])
            #expect(weak.status == .unprocessableEntity && weak.body.string.contains("at least 8 characters"))
            try await desk.get("/password/reset")
            let set = try await desk.post("/password/reset", [
                ("login", Fixtures.login(.citizen)), ("code", code.lowercased()), ("password", "a new long password"),
            ])
            #expect(set.status == .seeOther && set.headers.first(name: .location) == "/sign-in?notice=password-set")
            // Every session ended; the new password signs in, the old does not.
            #expect(try await citizenElsewhere.get("/plan").status != .ok)
            var again = Browser(app)
            try await again.signIn(Fixtures.login(.citizen), password: "a new long password")
            let trace = try await again.get("/me").body.string
            #expect(trace.contains("Gave you a code to set a new password") && trace.contains("Changed the password"))
            // Used once: not again.
            try await desk.get("/password/reset")
            #expect(try await desk.post("/password/reset", [
                ("login", Fixtures.login(.citizen)), ("code", code), ("password", "another long password"),
            ]).status == .unprocessableEntity)

            // A day later a code no longer works.
            try await professional.get(issue)
            let late = try Self.code(in: try await professional.post(issue, [("login", Fixtures.login(.citizen))]).body.string)
            world.advance(by: 24 * 3600 + 1)
            var tomorrow = Browser(app)
            try await tomorrow.get("/password/reset")
            #expect(try await tomorrow.post("/password/reset", [
                ("login", Fixtures.login(.citizen)), ("code", late), ("password", "another long password"),
            ]).body.string.contains("This code does not work"))
        }
    }

    @Test func anAdministratorGivesStaffACodeFromTheMemberPage() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            let member = try await admin.get("/organisations/\(fixtures.here)/members/\(fixtures.accounts[.professional]!)").body.string
            #expect(member.contains("a code to set a new password"))
            let given = try await admin.post("/organisations/\(fixtures.here)/password-resets", [("login", Fixtures.login(.professional))])
            #expect(given.status == .ok)
            _ = try Self.code(in: given.body.string)
            // A member of another organisation too gets no code here, whatever their roles here.
            try await admin.get("/organisations/\(fixtures.here)/password-resets")
            let both = try await admin.post("/organisations/\(fixtures.here)/password-resets", [("login", Fixtures.memberOfBothLogin)])
            #expect(both.status == .unprocessableEntity && both.body.string.contains("whom you may give a code"))
            // Another organisation's administrator cannot, for a member of this one.
            var elsewhere = Browser(app)
            try await elsewhere.signIn(Fixtures.adminElsewhereLogin)
            #expect(try await elsewhere.get("/organisations/\(fixtures.here)/password-resets").status == .forbidden)
        }
    }
}
