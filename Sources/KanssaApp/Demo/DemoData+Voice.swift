import Agenda
import Evaluation
import Fluent
import Foundation
import KanssaCore

extension DemoData {
    /// What Houten's citizens said after meetings over half a year: Sanne met her five
    /// work-and-income citizens three times each, Joost met Fatima six times; most answered, a
    /// few skipped. Enough for the coordinator (lead@houten.demo) to see each team and person,
    /// and for Sanne to see her own. Fatima's latest meeting with Sanne waits for her word.
    static func loadCitizensVoice(
        accountIDs: [String: UUID], organisationIDs: [String: UUID], teamIDs: [String: UUID], timeZone: TimeZone, at now: Date,
        on database: any Database
    ) async throws {
        guard let houtenID = organisationIDs[houten], let sanne = accountIDs["sanne@houten.demo"], let joost = accountIDs["joost@houten.demo"],
              let work = teamIDs[houten + "/Work and income"], let support = teamIDs[houten + "/Social support"],
              let fatima = accountIDs["fatima@houten.demo"], let fatimaPlan = try await PlanStore.existingPlan(of: fatima, on: database)?.id
        else { return }
        let day = 86_400.0
        var dice = ScaleData.Dice(state: 41_000)
        var meetings: [(UUID, UUID, UUID, Double)] = []
        for login in ["ahmed", "bram", "chantal", "dewi", "eva"] {
            guard let owner = accountIDs["\(login)@houten.demo"], let plan = try await PlanStore.existingPlan(of: owner, on: database)?.id else { continue }
            for daysAgo in [150.0, 90, 30] { meetings.append((plan, sanne, work, daysAgo + Double(dice.next(10)))) }
        }
        for daysAgo in [170.0, 140, 110, 80, 50, 25] { meetings.append((fatimaPlan, joost, support, daysAgo)) }
        for (plan, person, team, daysAgo) in meetings {
            let at = now.addingTimeInterval(-daysAgo * day)
            let skipped = dice.next(8) == 0
            let row = MeetingFeedback(planID: plan, professionalID: person, organisationID: houtenID, teamID: team,
                                      metOn: PlanActions.day(at, in: timeZone), outcome: skipped ? .skipped : .answered, at: at.addingTimeInterval(3600))
            if !skipped {
                // Mostly yes; deciding together comes a little harder, and more so early on.
                row.mattered = dice.next(6) == 0 ? 1 : 2
                row.decided = dice.next(daysAgo > 100 ? 3 : 5) == 0 ? dice.next(2) : 2
                row.listened = dice.next(8) == 0 ? 1 : 2
            }
            try await row.create(on: database)
        }
    }
}
