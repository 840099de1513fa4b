import Evaluation
import Fluent
import Foundation
import KanssaCore

extension DemoData {
    /// A year of monthly staff pulses. Houten's three teams hold steady, working together a
    /// little better as the year goes on; in Hull the provider collapsed half-way through, and
    /// workload, morale and the wish to stay fell with it. The period open now waits for Sanne
    /// and Joost to answer; the answers of staff not in the demo's list of people are there
    /// without accounts, as every pulse answer is.
    static func loadPulses(
        organisationIDs: [String: UUID], teamIDs: [String: UUID], accountIDs: [String: UUID], instrument: Instrument, at now: Date,
        on database: any Database
    ) async throws {
        let day = 86_400.0
        let startsAt = now.addingTimeInterval(-(11 * 28 + 2) * day)
        var dice = ScaleData.Dice(state: 30_000)
        for (place, coordinator, teams, collapse) in [
            (houten, "lead@houten.demo", ["Work and income", "Social support", "Information desk"], nil as Int?),
            (hull, "lead@hull.demo", ["My Direction"], 6),
        ] {
            guard let organisationID = organisationIDs[place], let by = accountIDs[coordinator] else { continue }
            let schedule = PulseSchedule(
                organisationID: organisationID, label: "Monthly staff pulse", instrumentID: instrument.id, instrumentVersion: instrument.version,
                everyWeeks: 4, openDays: 7, startsAt: startsAt, createdByID: by, at: startsAt.addingTimeInterval(-7 * day))
            try await schedule.create(on: database)
            let scheduleID = try schedule.requireID()
            for (teamNumber, name) in teams.enumerated() {
                guard let teamID = teamIDs[place + "/" + name] else { continue }
                try await PulseTeam(scheduleID: scheduleID, teamID: teamID).create(on: database)
                var answers: [PulseAnswer] = []
                for period in 0...11 {
                    // The period open now has its first few answers.
                    let count = period == 11 ? 3 + teamNumber : 6 + dice.next(5)
                    for _ in 0..<count {
                        var given: [String: Int] = [:]
                        for item in instrument.items {
                            var level = 3.6 + Double(dice.next(3)) * 0.4 - 0.4
                            if let collapse, period >= collapse, ["workload", "morale", "staying"].contains(item.subscale) {
                                level -= 1.2 + Double(period - collapse) * 0.1
                            }
                            if collapse == nil, item.subscale == "one-team" { level += Double(period) * 0.05 }
                            given[item.id] = min(5, max(1, Int(level.rounded()) + dice.next(3) - 1))
                        }
                        answers.append(PulseAnswer(scheduleID: scheduleID, period: period, teamID: teamID, answers: Pulses.stored(given)))
                    }
                }
                try await ScaleData.insert(answers, on: database)
            }
        }
    }
}
