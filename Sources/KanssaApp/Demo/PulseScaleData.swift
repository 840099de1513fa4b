import Evaluation
import Fluent
import Foundation
import KanssaCore

/// A staff pulse at scale, for measuring the coordinator's dashboard: the round benchmark's
/// organisation split into five teams (with a stint each for its professionals, a tenth of them
/// ended), asked every two weeks for two years, `answers` answers in all. The running sums are
/// added as the answers are made, as answering adds them. Deterministic.
struct PulseScaleData {
    static let teams = 5
    static let periods = 52
    let answers: Int

    func load(instrument: Instrument, on database: any Database, at now: Date) async throws {
        let day = 86_400.0
        guard let organisation = try await Organisation.query(on: database).filter(\.$name == RoundScaleData.organisationName).first(),
              let organisationID = organisation.id,
              let coordinator = try await Membership.query(on: database).filter(\.$organisation.$id == organisationID)
                  .filter(\.$role == .coordinator).first()?.$account.id
        else { return }
        let staff = try await Membership.query(on: database).filter(\.$organisation.$id == organisationID).filter(\.$role == .professional)
            .all(\.$account.$id)
        let teams = (1...Self.teams).map { Team(id: UUID(), organisationID: organisationID, name: "Pulse team \($0)", createdAt: now) }
        var dice = ScaleData.Dice(state: 20_000)
        var stints: [TeamStint] = []
        for (index, person) in staff.enumerated() {
            let stint = TeamStint(teamID: teams[index % teams.count].id!, accountID: person,
                                  joinedAt: now.addingTimeInterval(-Double(30 + dice.next(1000)) * day))
            stint.id = UUID()
            if dice.next(10) == 0 { stint.leftAt = now.addingTimeInterval(-Double(dice.next(25)) * day) }
            stints.append(stint)
        }
        let startsAt = now.addingTimeInterval(-Double(Self.periods * 14) * day)
        let schedule = PulseSchedule(organisationID: organisationID, label: "Fortnightly staff pulse", instrumentID: instrument.id,
                                     instrumentVersion: instrument.version, everyWeeks: 2, openDays: 7, startsAt: startsAt,
                                     createdByID: coordinator, at: startsAt)
        schedule.id = UUID()
        let scheduleID = schedule.id!
        let kept = stints
        try await database.transaction { database in
            try await ScaleData.insert(teams, on: database)
            try await ScaleData.insert(kept, on: database)
            try await schedule.create(on: database)
            try await ScaleData.insert(teams.map { PulseTeam(scheduleID: scheduleID, teamID: $0.id!) }, on: database)
        }
        var sums: [PulseTallies.Key: PulseTallies.Sums] = [:]
        var batch: [PulseAnswer] = []
        for index in 0..<answers {
            let period = index * Self.periods / max(answers, 1)
            let team = teams[index % teams.count].id!
            // Workload and morale sink slowly over the two years; the rest hold.
            var given: [String: Int] = [:]
            for item in instrument.items {
                let drift = ["workload", "morale"].contains(item.subscale) ? Double(period) / Double(Self.periods) : 0
                given[item.id] = min(5, max(1, Int((3.8 - drift).rounded()) + dice.next(3) - 1))
            }
            let answer = PulseAnswer(scheduleID: scheduleID, period: period, teamID: team, answers: Pulses.stored(given))
            answer.id = UUID()
            batch.append(answer)
            sums[PulseTallies.Key(period: period, teamID: team), default: PulseTallies.Sums()].add(instrument.score(given))
            if batch.count == 10_000 || index == answers - 1 {
                let chunk = batch
                try await database.transaction { database in try await ScaleData.insert(chunk, on: database) }
                batch.removeAll(keepingCapacity: true)
            }
        }
        try await PulseTallies.add(sums, scheduleID: scheduleID, on: database)
    }
}
