import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Listening
import Testing
import VaporTesting

/// Listening holds no citizen's account (respondents are codes, not accounts); what staff did
/// is the team's record and stays, so an account that did any of it is emptied, never removed.
@Suite struct ListeningErasureTests {
    static func scope(_ accountID: UUID, _ fixtures: Fixtures, at now: Date) -> ErasureScope {
        ErasureScope(requestID: UUID(), accountID: accountID, requestedAt: now, now: now, organisations: [fixtures.here], rules: [:],
                     calendar: Calendar(identifier: .gregorian))
    }

    @Test func staffWorkOnAConsultationKeepsTheAccountCitizensLeaveNothing() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let before = try await Coding.query(on: app.db).count()
            let professional = try await ListeningErasure().erase(Self.scope(fixtures.accounts[.professional]!, fixtures, at: world.now), on: app.db)
            #expect(professional.sharedWorkRemains && professional.erased.isEmpty)
            // The coordinator only recorded a verdict and a decision: that, too, is the team's record.
            let coordinator = try await ListeningErasure().erase(Self.scope(fixtures.accounts[.coordinator]!, fixtures, at: world.now), on: app.db)
            #expect(coordinator.sharedWorkRemains)
            let citizen = try await ListeningErasure().erase(Self.scope(fixtures.accounts[.citizen]!, fixtures, at: world.now), on: app.db)
            #expect(!citizen.sharedWorkRemains && citizen.erased.isEmpty)
            #expect(try await Coding.query(on: app.db).count() == before)
        }
    }
}
