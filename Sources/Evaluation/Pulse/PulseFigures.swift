import Fluent
import Foundation
import KanssaCore
import SQLKit

/// A pulse's figures: for each condition (the instrument's subscales), each period and each team
/// and the whole group, the mean score with its 95 % interval — only where five or more answered,
/// with a second team held back wherever one held back could be worked out from the group's
/// figure and the other teams', and only once the period has closed: a figure that moved with
/// each answer would tell whoever watched it what the last one to answer said.
public enum PulseFigures {
    /// A mean of five or more people's scores, with its 95 % interval from Student's t.
    public struct Point: Sendable, Equatable {
        public let count: Int
        public let mean: Double
        public let lower: Double
        public let upper: Double
    }

    /// Scores of five or more people as a point; nil for fewer.
    public static func point(_ scores: [Double]) -> Point? {
        point(scores.reduce(into: Sums()) { $0 = $0 + Sums(count: 1, total: $1, squares: $1 * $1) })
    }

    /// How many scores, their sum and the sum of their squares: what a mean and its interval
    /// need, and what adds up across answers and teams.
    public struct Sums: Sendable, Equatable {
        public var count = 0
        public var total = 0.0
        public var squares = 0.0

        public static func + (a: Sums, b: Sums) -> Sums {
            Sums(count: a.count + b.count, total: a.total + b.total, squares: a.squares + b.squares)
        }
    }

    /// The sums of five or more people's scores as a point; nil for fewer.
    public static func point(_ sums: Sums) -> Point? {
        guard sums.count >= GroupFigures.smallestGroup else { return nil }
        let n = Double(sums.count)
        let mean = sums.total / n
        // Σ(x − mean)² = Σx² − n·mean²; never below zero, however the last bits round.
        let deviations = max(0, sums.squares - n * mean * mean)
        let margin = StudentT.quantile(0.975, df: n - 1) * (deviations / (n - 1)).squareRoot() / n.squareRoot()
        return Point(count: sums.count, mean: mean, lower: mean - margin, upper: mean + margin)
    }

    /// Which of the teams' cells may be shown beside the group's: those of five or more, less a
    /// second one (the smallest shown) when exactly one is held back and the group's is shown —
    /// otherwise the group's figure minus the others' would give it away. Counts of zero are
    /// nobody, and hide nothing.
    public static func shownTeams(_ counts: [Int], groupShown: Bool) -> [Bool] {
        var shown = counts.map { $0 >= GroupFigures.smallestGroup }
        let held = counts.indices.filter { counts[$0] > 0 && !shown[$0] }
        if groupShown, held.count == 1,
           let second = counts.indices.filter({ shown[$0] }).min(by: { (counts[$0], $0) < (counts[$1], $1) }) {
            shown[second] = false
        }
        return shown
    }

    public struct Series: Sendable, Equatable {
        /// nil: the whole group the pulse asks.
        public let teamID: UUID?
        public let name: String
        /// One per period, oldest first; nil where held back.
        public let points: [Point?]
    }

    public struct Condition: Sendable, Equatable {
        public let id: String
        public let name: String
        public let group: Series
        public let teams: [Series]
    }

    public struct Model: Sendable, Equatable {
        public let scheduleID: UUID
        public let organisationID: UUID
        public let label: String
        public let instrumentTitle: String
        public let periods: [Pulses.Period]
        /// How many answered each period, all teams together.
        public let answered: [Int]
        /// The period open now, whose figures wait until it closes.
        public let openPeriod: Int?
        public let conditions: [Condition]
    }

    /// Two queries: the teams, and the schedule's running sums (a row per period, team and
    /// condition, however many answered).
    public static func load(
        _ schedule: PulseSchedule, instrument: Instrument, language: String, now: Date, on database: any Database
    ) async throws -> Model {
        let scheduleID = try schedule.requireID()
        let periods = Pulses.Timing(schedule).periods(until: now)
        let teamIDs = try await Pulses.teams(of: scheduleID, on: database)
        let teams = try await Team.query(on: database).filter(\.$id ~~ Array(teamIDs)).sort(\.$name).sort(\.$id).all()
        let tallies = try await Self.tallies(of: scheduleID, before: periods.count, on: database)
        // Sums by period, team and condition; how many answered each period.
        var sums: [Int: [UUID: [String: Sums]]] = [:]
        var answered = Array(repeating: 0, count: periods.count)
        let first = instrument.subscales.first?.id
        for tally in tallies {
            if tally.condition == first { answered[tally.period] += tally.answers }
            sums[tally.period, default: [:]][tally.teamID, default: [:]][tally.condition] = Sums(count: tally.scored, total: tally.total,
                                                                                              squares: tally.squares)
        }
        let conditions = instrument.subscales.map { subscale in
            var groupPoints: [Point?] = []
            var teamPoints: [[Point?]] = Array(repeating: [], count: teams.count)
            for period in periods.indices {
                let perTeam = periods[period].closesAt <= now
                    ? teams.map { sums[period]?[$0.id!]?[subscale.id] ?? Sums() } : teams.map { _ in Sums() }
                let group = point(perTeam.reduce(Sums(), +))
                groupPoints.append(group)
                let shown = shownTeams(perTeam.map(\.count), groupShown: group != nil)
                for (team, values) in perTeam.enumerated() { teamPoints[team].append(shown[team] ? point(values) : nil) }
            }
            return Condition(
                id: subscale.id, name: instrument.text(subscale.name, in: language),
                group: Series(teamID: nil, name: "", points: groupPoints),
                teams: teams.enumerated().map { Series(teamID: $1.id, name: $1.name, points: teamPoints[$0]) })
        }
        return Model(scheduleID: scheduleID, organisationID: schedule.organisationID, label: schedule.label,
                     instrumentTitle: instrument.text(instrument.title, in: language), periods: periods, answered: answered,
                     openPeriod: periods.last.flatMap { $0.closesAt > now ? $0.index : nil }, conditions: conditions)
    }

    struct Tally: Decodable {
        let period: Int
        let teamID: UUID
        let condition: String
        let answers: Int
        let scored: Int
        let total: Double
        let squares: Double

        enum CodingKeys: String, CodingKey {
            case period, condition, answers, scored, total, squares
            case teamID = "team_id"
        }
    }

    /// The schedule's running sums, read as plain rows (a model decodes field by field).
    static func tallies(of scheduleID: UUID, before periods: Int, on database: any Database) async throws -> [Tally] {
        guard let sql = database as? any SQLDatabase else {
            return try await PulseTally.query(on: database).filter(\.$scheduleID == scheduleID).filter(\.$period < periods).all().map {
                Tally(period: $0.period, teamID: $0.teamID, condition: $0.condition, answers: $0.answers, scored: $0.scored, total: $0.total,
                      squares: $0.squares)
            }
        }
        return try await sql.select().columns("period", "team_id", "condition", "answers", "scored", "total", "squares").from(PulseTally.schema)
            .where("schedule_id", .equal, scheduleID).where("period", .lessThan, periods).all(decoding: Tally.self)
    }

    /// What changed between the last two periods shown of a series: the two points, and whether
    /// their intervals leave room for no change at all.
    public struct Change: Sendable, Equatable {
        public let from: (period: Int, point: Point)
        public let to: (period: Int, point: Point)
        /// The intervals do not overlap: a change this large is unlikely to be chance.
        public var isClear: Bool { PulseFigures.areApart(from.point, to.point) }

        public static func == (a: Change, b: Change) -> Bool {
            a.from.period == b.from.period && a.from.point == b.from.point && a.to.period == b.to.period && a.to.point == b.to.point
        }
    }

    /// Whether two points' 95 % intervals do not overlap.
    public static func areApart(_ a: Point, _ b: Point) -> Bool {
        b.lower > a.upper || b.upper < a.lower
    }

    public static func change(in series: Series) -> Change? {
        let shown = series.points.enumerated().compactMap { index, point in point.map { (index, $0) } }
        guard shown.count >= 2 else { return nil }
        return Change(from: (shown[shown.count - 2].0, shown[shown.count - 2].1), to: (shown[shown.count - 1].0, shown[shown.count - 1].1))
    }
}
