import Fluent
import Foundation
import KanssaCore
import Learning

extension DemoData {
    /// Hull's practice logs over six months: at first a few officers try the agenda conversation;
    /// after the training days and the set's meetings more of them log more tools. Hull added a
    /// tool of its own, "Walk and talk". Amy (amy@hull.demo) sees her own growth; Dawn
    /// (lead@hull.demo) sees the My Direction team's adoption (six officers).
    static func loadPracticeLogs(
        organisationID: UUID, accountIDs: [String: UUID], at now: Date, on database: any Database
    ) async throws {
        guard let lead = accountIDs["lead@hull.demo"] else { return }
        let walk = OrganisationTool(
            organisationID: organisationID, name: "Walk and talk",
            description: "A supervision held walking, side by side, somewhere the person chooses.", createdByID: lead,
            at: now.addingTimeInterval(-100 * 24 * 3600))
        try await walk.create(on: database)
        let tools = ["agenda-conversation", "strengths-mapping", "one-page-profile", "grow-conversation", try walk.requireID().uuidString,
                     "deciding-together"]
        let withWhom = ["a man on licence", "a young woman and her mother", "a man and his support worker", "a woman on a community order"]
        let happened = [
            "We started from what matters to him. It was his daughter's school play, not the conditions.",
            "She listed what she is good at and was surprised how long the list was.",
            "He wrote the first page of his profile himself and asked to keep a copy.",
            "We walked along the marina and he talked more in twenty minutes than in the last three supervisions.",
        ]
        let learned = ["Asking first changes what comes next.", "", "People notice when the form is not the first thing.", ""]
        for (number, (login, _)) in hullOfficers.enumerated() {
            guard let officer = accountIDs[login] else { continue }
            // Month by month, more entries and more different tools — some officers start later than others.
            for month in 0..<6 where month >= number % 3 {
                let entries = 1 + month / 2
                for index in 0..<entries {
                    let toolIndex = min(tools.count - 1, (index + number) % (2 + month))
                    let daysAgo = Double(175 - month * 30 - index * 6 - number)
                    try await PracticeEntry(
                        accountID: officer, tool: tools[toolIndex], usedOn: now.addingTimeInterval(-daysAgo * 24 * 3600),
                        withWhom: withWhom[(index + number) % withWhom.count], whatHappened: happened[(index + month) % happened.count],
                        whatLearned: learned[(index + number + month) % learned.count],
                        at: now.addingTimeInterval(-daysAgo * 24 * 3600 + 3600)
                    ).create(on: database)
                }
            }
        }
    }
}
