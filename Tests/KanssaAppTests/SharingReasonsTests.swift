import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// An organisation chooses the legal bases on which its people are asked to share their plans
/// and says in its own words what each means; a citizen reads those words beside the choice.
@Suite struct SharingReasonsTests {
    @Test func anOrganisationsOwnWordsShowBesideTheChoiceAndOnlyItsBasesAreOffered() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            let path = "/organisations/\(fixtures.here)/sharing-reasons"
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let before = try await citizen.get("/plan/sharing/new").body.string
            #expect(before.contains("They need it for the work the law gives them"))  // Kanssa's words for public task

            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            let form = try await admin.get(path).body.string
            #expect(form.contains("Left empty, they read Kanssa's own"))
            // Nothing offered would leave nobody able to share: refused, saying why.
            let none = try await admin.post(path, [("explanation-consent", "x")])
            #expect(none.status == .unprocessableEntity && none.body.string.contains("Choose at least one basis"))
            try await admin.get(path)
            let long = try await admin.post(path, [("offered[]", "consent"), ("explanation-consent", String(repeating: "a", count: 700))])
            #expect(long.status == .unprocessableEntity && long.body.string.contains("shorten it to 600 characters or fewer"))
            try await admin.get(path)
            let saved = try await admin.post(path, [
                ("offered[]", "consent"), ("explanation-consent", "You say yes, and you can say no again at the desk or here."),
            ])
            #expect(saved.status == .seeOther)
            #expect(try await Organisation.find(fixtures.here, on: app.db)?.legalBases == "consent")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .sharingReasonsChanged).count() == 1)

            let after = try await citizen.get("/plan/sharing/new").body.string
            #expect(after.contains("You say yes, and you can say no again at the desk or here."))
            #expect(!after.contains(#"value="public-task""#), "a basis the organisation does not use is not offered")

            // Emptied, Kanssa's own words come back.
            try await admin.get(path)
            #expect(try await admin.post(path, [("offered[]", "consent"), ("offered[]", "public-task"), ("explanation-consent", " ")]).status
                == .seeOther)
            #expect(try await LegalBasisExplanation.query(on: app.db).count() == 0)
            #expect(!(try await citizen.get("/plan/sharing/new").body.string.contains("You say yes")))
        }
    }
}
