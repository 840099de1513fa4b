import Fluent
import Foundation
import KanssaCore

/// The coordinator's dashboard as built from every module's evidence, kept while that evidence
/// and the directory stay as they were (two counters the database raises by itself on every
/// change to the rows followed — ``Revisions/evidence``, ``Revisions/directory``) and the clock
/// is in the same minute (quarters end, pulse periods close, authorisations run out).
///
/// Building one at a million pulse answers and ten thousand staff takes about a quarter of a
/// second; a kept one costs one query of two numbers. Who may see it is not part of it: the
/// policy asks the database before it is looked for. Agenda alignment is not kept: plans'
/// actions change all day, so it is read on every view (``Dashboard/load``) — as two numbers a
/// shared plan that the database keeps on the plan's row (``TallyOpenActions``).
public final class DashboardCache: Sendable {
    struct Key: Hashable, Sendable {
        let organisation: UUID
        let team: UUID?
        let chosen: Int?
        let language: String
        let minute: Int64
    }

    struct Stamp: Hashable, Sendable, Decodable {
        let evidence: Int64
        let directory: Int64
    }

    private let kept: StampedCache<Key, Stamp, Kept<Dashboard.Model>>

    public init(capacity: Int) {
        kept = StampedCache(capacity: capacity)
    }

    public var statistics: CacheStatistics { kept.statistics }

    /// The dashboard `build` makes, with its renderings, from the cache while the stamp holds.
    func model(
        organisation: UUID, team: UUID?, chosen: Int?, language: String, now: Date, on database: any Database,
        build: @escaping @Sendable () async throws -> Kept<Dashboard.Model>
    ) async throws -> Kept<Dashboard.Model> {
        guard let stamp = try await database.firstRow(of: StampQuery()) else { return try await build() }
        let key = Key(organisation: organisation, team: team, chosen: chosen, language: language,
                      minute: Int64((now.timeIntervalSince1970 / 60).rounded(.down)))
        return try await kept.value(for: key, at: stamp, build: build)
    }

    struct StampQuery: FrequentQuery {
        typealias Row = Stamp
        static let sql = """
            SELECT (SELECT value FROM revisions WHERE name = 'evidence') AS evidence,
                (SELECT value FROM revisions WHERE name = 'directory') AS directory
            """
        var parameters: [QueryParameter] { [] }
    }
}
