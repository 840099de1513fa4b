import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import VaporTesting

/// An administrator finds a member by part of a name or login; nobody else's members are found.
@Suite struct AdminSearchTests {
    @Test func anAdministratorFindsMembersByNameOrLoginInTheirOwnOrganisationOnly() async throws {
        try await withApp { app, _ in
            let fixtures = try await Fixtures.make(on: app)
            var admin = Browser(app)
            try await admin.signIn(Fixtures.login(.admin))
            let path = "/organisations/\(fixtures.here)/admin"
            let all = try await admin.get(path).body.string
            #expect(all.contains("The citizen") && all.contains("The professional"))
            let byName = try await admin.get(path + "?q=PROFESS").body.string
            #expect(byName.contains("The professional") && !byName.contains(">The citizen<"))
            #expect(byName.contains(#"value="PROFESS""#))
            let byLogin = try await admin.get(path + "?q=citizen%40").body.string
            #expect(byLogin.contains("The citizen") && !byLogin.contains(">The professional<"))
            // Wildcards are typed text, not patterns; someone of another organisation is not found.
            #expect(try await admin.get(path + "?q=%25").body.string.contains("No member's name or login holds that."))
            #expect(try await admin.get(path + "?q=Elsewhere").body.string.contains("No member's name or login holds that."))
            // Only an administrator of the organisation searches its members.
            var stranger = Browser(app)
            try await stranger.signIn(Fixtures.adminElsewhereLogin)
            #expect(try await stranger.get(path + "?q=citizen").status == .forbidden)
        }
    }
}
