import Fluent
import Foundation
import KanssaCore
import SQLKit

/// A round's figures, kept while its answers stay as they were. A round of ten thousand is read
/// and scored once; each later view asks the database only how many answers are sent and when the
/// last changed, in each of the two rounds, and computes again when either differs.
public actor RoundFiguresCache {
    /// What identifies the answers a figure was computed from.
    struct Stamp: Hashable, Sendable {
        let count: Int
        let lastChange: Double?
    }

    struct Key: Hashable, Sendable {
        let round: UUID
        let earlier: UUID?
    }

    private var entries: RecentlyUsed<Key, (stamps: [Stamp], figures: (submitted: Int, subscales: [Rounds.SubscaleFigures]))>

    public init(capacity: Int = 64) {
        entries = RecentlyUsed(capacity: capacity)
    }

    /// The figures of `round` compared with `earlier`, from the cache when neither round's
    /// answers changed since they were computed.
    public func figures(
        _ round: AssessmentRound, instrument: Instrument, comparedWith earlier: AssessmentRound?, on database: any Database
    ) async throws -> (submitted: Int, subscales: [Rounds.SubscaleFigures]) {
        let key = Key(round: try round.requireID(), earlier: try earlier?.requireID())
        var stamps = [try await Self.stamp(key.round, on: database)]
        if let other = key.earlier { stamps.append(try await Self.stamp(other, on: database)) }
        if let kept = entries.value(for: key, if: { $0.stamps == stamps }) { return kept.figures }
        let figures = try await Rounds.figures(round, instrument: instrument, comparedWith: earlier, on: database)
        entries.keep((stamps, figures), for: key)
        return figures
    }

    /// How many answers are sent in a round and when the last changed: one aggregate query.
    static func stamp(_ roundID: UUID, on database: any Database) async throws -> Stamp {
        guard let sql = database as? any SQLDatabase else { return Stamp(count: -1, lastChange: nil) }
        struct Row: Decodable { let sent: Int; let last: Date? }
        let row = try await sql.select()
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "sent")
            .column(SQLFunction("MAX", args: SQLColumn("updated_at")), as: "last")
            .from(AssessmentAnswer.schema)
            .where("round_id", .equal, roundID).where("submitted_at", .isNot, SQLLiteral.null)
            .first(decoding: Row.self)
        return Stamp(count: row?.sent ?? 0, lastChange: row?.last?.timeIntervalSince1970)
    }
}
