import Fluent
import Foundation
import KanssaCore
import Learning

extension DemoData {
    /// Hull's probation officers (the "My Direction" pilot), who took part in training days on
    /// person-centred practice.
    static let hullOfficers = [
        ("amy@hull.demo", "Amy Clarke"), ("ben@hull.demo", "Ben Walsh"), ("chloe@hull.demo", "Chloe Patel"),
        ("dan@hull.demo", "Dan Hughes"), ("emma@hull.demo", "Emma Lee"), ("femi@hull.demo", "Femi Adeyemi"),
    ]

    /// Two rounds of the co-creation mind-set self-assessment, before and after the training days,
    /// answered by all six officers, so that the coordinator (lead@hull.demo) sees figures and the
    /// change, and each officer (e.g. amy@hull.demo) their own profile.
    static func loadSelfAssessments(
        organisationID: UUID, accountIDs: [String: UUID], instruments: [String: Instrument], at now: Date, on database: any Database
    ) async throws {
        guard let instrument = instruments["co-creation-mindset"], let lead = accountIDs["lead@hull.demo"] else { return }
        let day = 24.0 * 3600
        let before = AssessmentRound(
            organisationID: organisationID, teamID: nil, instrument: instrument.id, version: instrument.version,
            label: "Before the training days", openedByID: lead, openedAt: now.addingTimeInterval(-120 * day),
            closesAt: now.addingTimeInterval(-90 * day))
        let after = AssessmentRound(
            organisationID: organisationID, teamID: nil, instrument: instrument.id, version: instrument.version,
            label: "After the training days", openedByID: lead, openedAt: now.addingTimeInterval(-20 * day),
            closesAt: now.addingTimeInterval(10 * day))
        try await before.create(on: database)
        try await after.create(on: database)
        for (number, (login, _)) in hullOfficers.enumerated() {
            guard let officer = accountIDs[login] else { continue }
            for (round, lift) in [(before, 0), (after, 1)] {
                // Each officer's own pattern; after the training days the person-centred parts rise
                // for most, by different amounts, and learning and unlearning moves either way.
                let answers = instrument.items.enumerated().reduce(into: [String: Int]()) { answers, entry in
                    let (index, item) = entry
                    let base = 2 + (number + index) % 3
                    let learning = item.subscale == "learning"
                    let rises = lift == 1 && (learning ? (number + index) % 3 == 0 : (number + index) % 4 != 0 && (2 * number + index) % 5 != 0)
                    let falls = lift == 1 && learning && (number + 2 * index) % 4 == 0
                    let value = max(1, min(5, base + (rises ? 1 : 0) - (falls ? 1 : 0)))
                    answers[item.id] = item.reversed ? 6 - value : value
                }
                try await Rounds.save(answers, submit: true, roundID: try round.requireID(), accountID: officer,
                                      at: round.openedAt.addingTimeInterval(Double(number + 1) * day), on: database)
            }
        }
    }
}
