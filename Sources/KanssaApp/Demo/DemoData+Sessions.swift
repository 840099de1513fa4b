import Fluent
import Foundation
import KanssaCore
import Learning

extension DemoData {
    /// Hull's training days on person-centred practice, given by Helen Price, the external
    /// personalisation expert: one held two months ago — all six officers came and gave feedback,
    /// so the trainer sees it — and one in ten days with places left.
    static func loadLearningSessions(organisationID: UUID, accountIDs: [String: UUID], at now: Date, on database: any Database) async throws {
        guard let helen = accountIDs["trainer@hull.demo"], let lead = accountIDs["lead@hull.demo"] else { return }
        let day = 24.0 * 3600
        let held = LearningSession(
            organisationID: organisationID,
            plan: SessionPlan(
                title: "Person-centred practice: the first training day",
                description: "What changes when a plan starts from what matters to the person. Bring one plan you wrote this year.",
                trainerID: helen, startsAt: now.addingTimeInterval(-60 * day), minutes: 360, place: "Room 3, Kingston House",
                materials: "Pages from the day, handed out on paper\nThe one-page profile: three headings", capacity: 12),
            createdByID: lead, at: now.addingTimeInterval(-90 * day))
        try await held.create(on: database)
        let comments = [
            "The exercise with our own plans was uncomfortable and useful.", "",
            "More time on what to do when the court wants conditions first.", "", "Would like a follow-up in three months.", "",
        ]
        for (number, (login, _)) in hullOfficers.enumerated() {
            guard let officer = accountIDs[login] else { continue }
            let registration = SessionRegistration(sessionID: try held.requireID(), accountID: officer, at: now.addingTimeInterval(-80 * day))
            registration.attended = true
            try await registration.create(on: database)
            try await SessionFeedback(sessionID: try held.requireID(), accountID: officer, usefulness: [5, 4, 5, 3, 4, 5][number],
                                      comment: comments[number], at: now.addingTimeInterval(-59 * day)).create(on: database)
        }
        let next = LearningSession(
            organisationID: organisationID,
            plan: SessionPlan(
                title: "Person-centred practice: the second training day",
                description: "Plans co-produced with the people we supervise: what worked since the first day, and what the set learned.",
                trainerID: helen, startsAt: now.addingTimeInterval(10 * day + 2 * 3600), minutes: 360, place: "Room 3, Kingston House",
                materials: "", capacity: 12),
            createdByID: lead, at: now.addingTimeInterval(-20 * day))
        try await next.create(on: database)
        for login in ["ben@hull.demo", "chloe@hull.demo", "dan@hull.demo"] {
            guard let officer = accountIDs[login] else { continue }
            try await SessionRegistration(sessionID: try next.requireID(), accountID: officer, at: now.addingTimeInterval(-10 * day))
                .create(on: database)
        }
    }
}
