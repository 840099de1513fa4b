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
            try await PulseTallies.rebuild(schedule, instrument: instrument, on: database)
        }
    }
}

extension DemoData {
    /// A year and more of staff changes, so that the staff-changes page has something to count.
    /// Everyone in the demo has been in their team for more than a year, except in Hull, where
    /// five officers went when the provider collapsed (the month the pulse fell) and Femi and Emma
    /// came after; in Houten, Joost moved from the information desk to social support, and a
    /// colleague went on long leave — why one more left is not yet recorded.
    static func loadStaffChanges(
        organisationIDs: [String: UUID], teamIDs: [String: UUID], accountIDs: [String: UUID], at now: Date, on database: any Database
    ) async throws {
        let day = 86_400.0
        let longAgo = now.addingTimeInterval(-430 * day)
        // Placed in their teams when the demo was made: in fact there well before.
        try await TeamStint.query(on: database).set(\.$joinedAt, to: longAgo).update()
        let collapse = now.addingTimeInterval(-(11 * 28 + 2 - 6 * 28) * day)
        for login in ["emma@hull.demo", "femi@hull.demo"] {
            guard let id = accountIDs[login] else { continue }
            try await TeamStint.query(on: database).filter(\.$accountID == id).set(\.$joinedAt, to: collapse.addingTimeInterval(45 * day)).update()
        }
        let hullTeam = hull + "/My Direction"
        let formers = [
            ("Gary Holt", hullTeam, 520.0, nil as Double?, LeaveReason.providerEnded as LeaveReason?),
            ("Hannah Moss", hullTeam, 610, nil, .providerEnded), ("Ian Booth", hullTeam, 480, nil, .providerEnded),
            ("Jade Turner", hullTeam, 455, nil, .providerEnded), ("Kyle Marsh", hullTeam, 700, nil, .providerEnded),
            ("Lotte de Boer", houten + "/Social support", 800, 90, .longLeave),
            ("Mark Dekker", houten + "/Information desk", 650, 40, nil),
        ]
        for (name, team, joinedDaysAgo, leftDaysAgo, reason) in formers {
            guard let teamID = teamIDs[team] else { continue }
            // Someone who left keeps an account that nobody signs in to: their name in the register.
            let account = Account(login: "former-\(name.lowercased().replacingOccurrences(of: " ", with: "-"))@staff.demo", displayName: name,
                                  preferredLanguage: "en", passwordHash: "!", createdAt: now.addingTimeInterval(-joinedDaysAgo * day))
            account.disabledAt = now
            try await account.create(on: database)
            let stint = TeamStint(teamID: teamID, accountID: try account.requireID(), joinedAt: now.addingTimeInterval(-joinedDaysAgo * day))
            stint.leftAt = leftDaysAgo.map { now.addingTimeInterval(-$0 * day) } ?? collapse.addingTimeInterval(Double(name.count % 5) * day)
            stint.leaveReason = reason
            if reason != nil {
                // Houten's admin recorded theirs; Hull's were recorded when the provider handed over.
                stint.reasonByID = team.hasPrefix(houten) ? accountIDs["admin@houten.demo"] : nil
                stint.reasonAt = stint.leftAt
            }
            try await stint.create(on: database)
        }
        // Joost's earlier time at the information desk, before he moved to social support.
        if let joost = accountIDs["joost@houten.demo"], let desk = teamIDs[houten + "/Information desk"] {
            let moved = now.addingTimeInterval(-200 * day)
            try await TeamStint.query(on: database).filter(\.$accountID == joost).set(\.$joinedAt, to: moved).update()
            let earlier = TeamStint(teamID: desk, accountID: joost, joinedAt: now.addingTimeInterval(-900 * day))
            earlier.leftAt = moved
            earlier.leaveReason = .movedTeam
            earlier.reasonByID = accountIDs["admin@houten.demo"]
            earlier.reasonAt = moved
            try await earlier.create(on: database)
        }
    }
}
