import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

@Suite struct InvitationTests {
    /// The code shown on the "invitation created" page.
    static func code(in page: String) throws -> String {
        let marker = #"<p class="invitation-code">"#
        let start = try #require(page.range(of: marker))
        return String(page[start.upperBound...].prefix { $0 != "<" })
    }

    @Test func aCitizenJoinsWithACodeAProfessionalGaveThem() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/organisations/\(fixtures.here)/invitations/new")
            let created = try await professional.post(
                "/organisations/\(fixtures.here)/invitations", [("role", "citizen"), ("team", fixtures.outreachTeam.uuidString)])
            #expect(created.status == .created)
            let code = try Self.code(in: created.body.string)
            #expect(InvitationCode(typed: code) != nil)
            // Only a keyed digest is stored.
            #expect(try await Invitation.query(on: app.db).filter(\.$codeDigest == code).count() == 0)

            var citizen = Browser(app)
            try await citizen.get("/join")
            let joined = try await citizen.post("/join", [
                ("code", code.lowercased().replacingOccurrences(of: "-", with: " ")), ("displayName", "Eemeli"),
                ("login", "eemeli@example.org"), ("password", "a long walk by the river"),
            ])
            #expect(joined.status == .seeOther)
            // The organisation's privacy notice is what a new member reads first.
            let welcome = "/organisations/\(fixtures.here)/about/privacy?joined=1"
            #expect(joined.headers.first(name: .location) == welcome)
            let notice = try await citizen.get(welcome).body.string
            #expect(notice.contains("Before you start, please read below how it keeps and uses your information."))
            #expect(notice.contains("I have read it: go to my home page"))
            // Anyone else following the same address reads the notice without a welcome.
            var stranger = Browser(app)
            let unwelcomed = try await stranger.get(welcome).body.string
            #expect(unwelcomed.contains("<h1>How your information is kept: Here</h1>"))
            #expect(unwelcomed.contains("It has not yet set how long records are kept"))
            #expect(!unwelcomed.contains("Before you start"))
            let sharing = try await citizen.get("/plan/sharing").body.string
            #expect(sharing.contains("/organisations/\(fixtures.here)/about/privacy\">What "))
            let home = try await citizen.get("/")
            #expect(home.body.string.contains("Hello, Eemeli"))
            #expect(home.body.string.contains("citizen"))
            let account = try #require(try await Account.query(on: app.db).filter(\.$login == "eemeli@example.org").first())
            let membership = try #require(try await Membership.query(on: app.db).filter(\.$account.$id == account.id!).first())
            #expect(membership.role == .citizen)
            #expect(membership.$organisation.id == fixtures.here)
            #expect(try await TeamMember.query(on: app.db).filter(\.$account.$id == account.id!).first()?.$team.id == fixtures.outreachTeam)

            var again = Browser(app)
            try await again.get("/join")
            let reused = try await again.post("/join", [
                ("code", code), ("displayName", "Someone"), ("login", "someone@example.org"), ("password", "another long sentence"),
            ])
            #expect(reused.status == .unprocessableEntity)
            #expect(reused.body.string.contains("This code does not work"))
        }
    }

    @Test func anExpiredCodeDoesNotWork() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            try await admin.get("/organisations/\(fixtures.here)/invitations/new")
            let created = try await admin.post("/organisations/\(fixtures.here)/invitations", [("role", "professional"), ("team", "")])
            let code = try Self.code(in: created.body.string)
            world.advance(by: 15 * 24 * 3600)
            var person = Browser(app)
            try await person.get("/join")
            let response = try await person.post("/join", [
                ("code", code), ("displayName", "Late"), ("login", "late@example.org"), ("password", "better late than never"),
            ])
            #expect(response.status == .unprocessableEntity)
            #expect(try await Account.query(on: app.db).filter(\.$login == "late@example.org").count() == 0)
        }
    }

    @Test func aSignedInPersonJoinsASecondOrganisationWithTheirAccount() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.adminElsewhereLogin)
            try await admin.get("/organisations/\(fixtures.elsewhere)/invitations/new")
            let created = try await admin.post("/organisations/\(fixtures.elsewhere)/invitations", [("role", "researcher"), ("team", "")])
            let code = try Self.code(in: created.body.string)
            // Their session kept in memory: joining lets it go, and the next page knows the new role.
            let signsOfLife = KeptSessionsTests.hearNoNotices(app.platform.keptSessions)
            defer { signsOfLife.cancel() }
            var researcher = try await KeptSessionsTests.signedIn(app, Fixtures.login(.researcher))
            #expect(!(try await researcher.get("/").body.string.contains("Elsewhere")))
            try await researcher.get("/join")
            #expect(try await researcher.post("/join", [("code", code)]).status == .seeOther)
            let roles = try await Membership.query(on: app.db).filter(\.$account.$id == fixtures.accounts[.researcher]!).all()
            #expect(Set(roles.map(\.$organisation.id)) == [fixtures.here, fixtures.elsewhere])
            #expect(try await researcher.get("/").body.string.contains("Elsewhere"))
        }
    }

    @Test func aProfessionalCannotInviteStaffNorUseAnotherOrganisationsTeam() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var professional = Browser(app)
            try await professional.signIn(Fixtures.login(.professional))
            try await professional.get("/organisations/\(fixtures.here)/invitations/new")
            #expect(!professional.lastPage.contains(#"value="admin""#))
            let asAdmin = try await professional.post("/organisations/\(fixtures.here)/invitations", [("role", "admin"), ("team", "")])
            #expect(asAdmin.status == .unprocessableEntity)
            let foreignTeam = try await professional.post(
                "/organisations/\(fixtures.here)/invitations", [("role", "citizen"), ("team", fixtures.otherTeam.uuidString)])
            #expect(foreignTeam.status == .unprocessableEntity)
            #expect(try await Invitation.query(on: app.db).count() == 0)
        }
    }

    @Test func newAccountsMustChooseAnUncommonPasswordAndAFreeLogin() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            try await admin.get("/organisations/\(fixtures.here)/invitations/new")
            let code = try Self.code(in: try await admin.post("/organisations/\(fixtures.here)/invitations", [("role", "citizen"), ("team", "")]).body.string)
            var person = Browser(app)
            try await person.get("/join")
            let common = try await person.post("/join", [("code", code), ("displayName", "P"), ("login", "p@example.org"), ("password", "password1")])
            #expect(common.body.string.contains("This password is one that many people use"))
            let short = try await person.post("/join", [("code", code), ("displayName", "P"), ("login", "p@example.org"), ("password", "short")])
            #expect(short.body.string.contains("at least 8 characters"))
            let taken = try await person.post("/join", [("code", code), ("displayName", "P"), ("login", Fixtures.login(.admin)), ("password", "a perfectly fine phrase")])
            #expect(taken.body.string.contains("already in use"))
            // None of the refusals used the code up.
            #expect(try await person.post("/join", [("code", code), ("displayName", "P"), ("login", "p@example.org"), ("password", "a perfectly fine phrase")]).status == .seeOther)
        }
    }

    @Test func guessingCodesIsSlowedDownMoreWithEachGuess() async throws {
        try await withApp { app, world in
            _ = try await Fixtures.make(on: app)
            var guesser = Browser(app)
            try await guesser.get("/join")
            func guess() async throws -> TestingHTTPResponse {
                try await guesser.post("/join", [("code", "AAAAA-AAAAA"), ("displayName", "G"), ("login", "g@example.org"), ("password", "guessing all day long")])
            }
            for _ in 0..<20 { #expect(try await guess().status == .unprocessableEntity) }
            var waits: [Int] = []
            for _ in 0..<4 {
                let blocked = try await guess()
                #expect(blocked.status == .tooManyRequests)
                #expect(blocked.body.string.contains("Too many tries"))
                let wait = try #require(blocked.headers.first(name: .retryAfter).flatMap(Int.init))
                waits.append(wait)
                world.advance(by: TimeInterval(wait))
                #expect(try await guess().status == .unprocessableEntity)
            }
            #expect(waits == [1, 2, 4, 8])
        }
    }
}
