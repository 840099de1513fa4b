import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Keeping a pulse's running sums true: each answer adds to its period's and team's sums in the
/// transaction that stores it (`Pulses.answer`, the only way an answer is given); answers never
/// change and are never removed, so nothing else can make the sums wrong. Answers loaded in
/// bulk (the demo, the scale data, a migration) add theirs through `add`.
public enum PulseTallies {
    /// One answer's scores, or many answers' summed, for a period and team.
    public struct Sums: Sendable, Equatable {
        public var answers = 0
        /// Per condition, the scores given for it.
        public var conditions: [String: PulseFigures.Sums] = [:]

        public init() {}

        public mutating func add(_ scores: [Instrument.SubscaleScore]) {
            answers += 1
            for score in scores {
                conditions[score.subscale, default: PulseFigures.Sums()] = conditions[score.subscale, default: PulseFigures.Sums()]
                    + (score.value.map { PulseFigures.Sums(count: 1, total: $0, squares: $0 * $0) } ?? PulseFigures.Sums())
            }
        }
    }

    public struct Key: Hashable, Sendable {
        public let period: Int
        public let teamID: UUID

        public init(period: Int, teamID: UUID) {
            self.period = period
            self.teamID = teamID
        }
    }

    /// Adds the sums to what is kept, in one statement per period and team: an insert that adds
    /// to the row already there, so two answers at once both count.
    public static func add(_ sums: [Key: Sums], scheduleID: UUID, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw PulseTalliesError.needsSQL }
        for (key, sums) in sums.sorted(by: { ($0.key.period, $0.key.teamID.uuidString) < ($1.key.period, $1.key.teamID.uuidString) }) {
            let rows = sums.conditions.sorted { $0.key < $1.key }
            guard !rows.isEmpty else { continue }
            var insert = sql.insert(into: PulseTally.schema)
                .columns("id", "schedule_id", "period", "team_id", "condition", "answers", "scored", "total", "squares")
            for (condition, value) in rows {
                insert = insert.values(SQLBind(UUID()), SQLBind(scheduleID), SQLBind(key.period), SQLBind(key.teamID), SQLBind(condition),
                                       SQLBind(sums.answers), SQLBind(value.count), SQLBind(value.total), SQLBind(value.squares))
            }
            try await insert.onConflict(with: ["schedule_id", "period", "team_id", "condition"]) { update in
                ["answers", "scored", "total", "squares"].reduce(update) { update, column in
                    update.set(column, to: SQLBinaryExpression(SQLColumn(column, table: PulseTally.schema), .add, SQLExcludedColumn(column)))
                }
            }.run()
        }
    }

    /// One answer's sums.
    public static func sums(of answers: [String: Int], instrument: Instrument) -> Sums {
        var sums = Sums()
        sums.add(instrument.score(answers))
        return sums
    }

    /// The schedule's sums made again from its answers: for a migration, or after a bulk load.
    public static func rebuild(_ schedule: PulseSchedule, instrument: Instrument, on database: any Database) async throws {
        let scheduleID = try schedule.requireID()
        try await PulseTally.query(on: database).filter(\.$scheduleID == scheduleID).delete()
        var sums: [Key: Sums] = [:]
        for answer in try await PulseAnswer.query(on: database).filter(\.$scheduleID == scheduleID).all() {
            sums[Key(period: answer.period, teamID: answer.teamID), default: Sums()].add(instrument.score(Pulses.read(answer.answers)))
        }
        try await add(sums, scheduleID: scheduleID, on: database)
    }
}

enum PulseTalliesError: Error {
    /// Kanssa runs on SQLite or PostgreSQL; both are SQL.
    case needsSQL
}
