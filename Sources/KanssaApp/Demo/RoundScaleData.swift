import Fluent
import Foundation
import KanssaCore
import Learning

/// A self-assessment at scale, for measuring the figures page: one organisation whose `answers`
/// professionals all answered two rounds of the co-creation mind-set (before and after), and a
/// coordinator who reads the figures. Deterministic: the same number gives the same answers.
struct RoundScaleData {
    static let organisationName = "Round benchmark"
    static let coordinatorLogin = "coordinator@scale.test"

    let answers: Int

    /// Returns the later round's and the earlier round's ids.
    func load(instrument: Instrument, on database: any Database, at now: Date, passwordHash: String) async throws -> (after: UUID, before: UUID) {
        let organisation = Organisation(id: UUID(), name: Self.organisationName, defaultLanguage: "en", createdAt: now)
        let coordinator = Account(id: UUID(), login: Self.coordinatorLogin, displayName: "Round coordinator", preferredLanguage: "en",
                                  passwordHash: passwordHash, createdAt: now)
        let day = 24.0 * 3600
        let before = AssessmentRound(organisationID: organisation.id!, teamID: nil, instrument: instrument.id, version: instrument.version,
                                     label: "Before", openedByID: coordinator.id!, openedAt: now.addingTimeInterval(-200 * day),
                                     closesAt: now.addingTimeInterval(-170 * day))
        let after = AssessmentRound(organisationID: organisation.id!, teamID: nil, instrument: instrument.id, version: instrument.version,
                                    label: "After", openedByID: coordinator.id!, openedAt: now.addingTimeInterval(-20 * day),
                                    closesAt: now.addingTimeInterval(10 * day))
        before.id = UUID()
        after.id = UUID()
        try await database.transaction { database in
            try await organisation.create(on: database)
            try await coordinator.create(on: database)
            try await Membership(accountID: coordinator.id!, organisationID: organisation.id!, role: .coordinator, createdAt: now).create(on: database)
            try await before.create(on: database)
            try await after.create(on: database)
        }
        var dice = ScaleData.Dice(state: 10_000)
        for start in stride(from: 0, to: answers, by: 1000) {
            var accounts: [Account] = []
            var memberships: [Membership] = []
            var answered: [AssessmentAnswer] = []
            for index in start..<min(start + 1000, answers) {
                let account = Account(id: UUID(), login: "answerer-\(index)@scale.test", displayName: "Answerer \(index)",
                                      preferredLanguage: "en", passwordHash: passwordHash, createdAt: now)
                accounts.append(account)
                memberships.append(Membership(accountID: account.id!, organisationID: organisation.id!, role: .professional, createdAt: now))
                // Each person a level of their own; afterwards most move up a point on some items.
                let level = 1 + dice.next(4)
                var first: [String: Int] = [:]
                var second: [String: Int] = [:]
                for item in instrument.items {
                    let value = min(5, level + dice.next(2))
                    first[item.id] = value
                    second[item.id] = min(5, value + (dice.next(3) == 0 ? 0 : 1))
                }
                for (round, values, at) in [(before, first, before.openedAt), (after, second, after.openedAt)] {
                    let answer = AssessmentAnswer(roundID: round.id!, accountID: account.id!, answers: values, at: at)
                    answer.id = UUID()
                    answer.submittedAt = at
                    answered.append(answer)
                }
            }
            let (newAccounts, newMemberships, newAnswers) = (accounts, memberships, answered)
            try await database.transaction { database in
                try await ScaleData.insert(newAccounts, on: database)
                try await ScaleData.insert(newMemberships, on: database)
                try await ScaleData.insert(newAnswers, on: database)
            }
        }
        return (after.id!, before.id!)
    }
}
