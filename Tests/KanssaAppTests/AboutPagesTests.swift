import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// The pages the law and the public expect: an accessibility statement, a privacy notice drawn
/// from the organisation's own settings, help; on every page's footer, each organisation's own
/// words where it wrote them.
@Suite struct AboutPagesTests {
    @Test func everyPageLinksThemAndAnOrganisationsOwnWordsReplaceTheDefault() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            var anyone = Browser(app)
            let signIn = try await anyone.get("/sign-in").body.string
            #expect(signIn.contains(#"<nav aria-label="About this service">"#) && signIn.contains(#"href="/about/accessibility""#))
            let statement = try await anyone.get("/about/accessibility").body.string
            #expect(statement.contains("WCAG") && statement.contains("If you are not satisfied with the answer"))
            #expect(try await anyone.get("/about/nothing").status == .notFound)
            // An error page says where to ask for help.
            #expect(try await anyone.get("/no-such-page").body.string.contains(#"<a href="/about/help">Who to ask for help, and how</a>"#))

            // The privacy notice says the organisation's bases and rules as they are set.
            try await RetentionRule(organisationID: fixtures.here, recordKind: .caseRecords, keepMonths: 24, reason: "Our records schedule",
                                    updatedByID: fixtures.accounts[.admin]!, updatedAt: world.now).create(on: app.db)
            try await LegalBasisExplanation(organisationID: fixtures.here, basis: .consent, text: "Only if you want it.",
                                            updatedByID: fixtures.accounts[.admin]!, at: world.now).create(on: app.db)
            var citizen = Browser(app)
            try await citizen.signIn(Fixtures.login(.citizen))
            let home = try await citizen.get("/").body.string
            #expect(home.contains(#"href="/organisations/\#(fixtures.here)/about/privacy""#))
            let privacy = try await citizen.get("/organisations/\(fixtures.here)/about/privacy").body.string
            #expect(privacy.contains("24 months — Our records schedule") && privacy.contains("Only if you want it."))
            #expect(!privacy.contains("Change this page"))

            // Its administrator writes its own help; empty again, the default is back.
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            let path = "/organisations/\(fixtures.here)/about/help/edit"
            try await admin.get(path)
            #expect(try await admin.post(path, [("text", "Call the desk: 030 123 4567.\n\nOpen on weekdays 9–16.")]).status == .seeOther)
            let help = try await anyone.get("/organisations/\(fixtures.here)/about/help").body.string
            #expect(help.contains(">Call the desk: 030 123 4567.</p>") && help.contains(">Open on weekdays 9–16.</p>"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$event == .aboutPageChanged).count() == 1)
            try await admin.get(path)
            #expect(try await admin.post(path, [("text", "  ")]).status == .seeOther)
            #expect(try await anyone.get("/organisations/\(fixtures.here)/about/help").body.string.contains("Who to ask"))
            // Another organisation's administrator cannot write it.
            var elsewhere = Browser(app)
            try await elsewhere.signIn(Fixtures.adminElsewhereLogin)
            #expect(try await elsewhere.get(path).status == .forbidden)
        }
    }
}
