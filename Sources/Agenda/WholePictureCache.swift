import Fluent
import Foundation
import KanssaCore
import SQLKit
import Synchronization

/// Whole pictures already built, kept per plan while nothing they show has changed.
///
/// Building one reads six tables; a kept one costs nothing beyond the plan row the page reads
/// anyway, which carries the plan's and the directory's revisions (``PlanFreshness``) — numbers
/// the database raises itself on every change (``TrackPlanRevision``, `TrackDirectoryRevision`),
/// so a picture is never older than the data whoever changed it and through whichever server.
/// Besides those, a picture depends on the day (what is overdue), on the owner's name as the
/// page was asked for, and on the first authorisation in force to run out (who can be named on
/// an action): each is part of the check. Who may see the plan is not: the policy asks the
/// database on every request before a picture is looked for.
public final class WholePictureCache: Sendable {
    struct Key: Hashable {
        let plan: UUID
        let showGoals: Bool
    }

    struct Entry {
        let freshness: PlanFreshness
        let ownerName: String
        let today: String
        /// When the first authorisation in force runs out; nil when none does.
        let until: Date?
        let picture: WholePicture.Model
    }

    /// How often a picture was found kept, and how often it had to be built.
    public typealias Statistics = CacheStatistics

    private struct State {
        var entries: RecentlyUsed<Key, Entry>
        var statistics = Statistics()
    }

    private let state: Mutex<State>
    /// How many plans' pictures are kept at most; 0 keeps none.
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
        state = Mutex(State(entries: RecentlyUsed(capacity: capacity)))
    }

    /// The plan's whole picture as ``WholePicture/load`` builds it, from the cache when it still holds.
    public func picture(
        of plan: Plan, ownerName: String, showGoals: Bool, goals known: [MyPlan.GoalLine]? = nil, now: Date,
        timeZone: TimeZone, on database: any Database
    ) async throws -> WholePicture.Model {
        let planID = try plan.requireID()
        let load = {
            try await WholePicture.load(
                planID: planID, ownerName: ownerName, showGoals: showGoals, goals: known, now: now, timeZone: timeZone, on: database)
        }
        // A plan read some other way than through PlanStore carries no revisions: build it.
        guard capacity > 0, let freshness = plan.freshness else { return try await load() }
        let key = Key(plan: planID, showGoals: showGoals)
        let today = PlanActions.day(now, in: timeZone)
        let kept = state.withLock { state -> WholePicture.Model? in
            let entry = state.entries.value(for: key) {
                $0.freshness == freshness && $0.ownerName == ownerName && $0.today == today && $0.until.map { now < $0 } ?? true
            }
            if entry == nil { state.statistics.built += 1 } else { state.statistics.kept += 1 }
            return entry?.picture
        }
        if let kept { return kept }
        // Read at the revisions above or later: if anything changed meanwhile, the revisions moved
        // on and the next request builds again.
        let until = try await Self.firstExpiry(of: planID, after: now, on: database)
        let picture = try await load()
        state.withLock {
            $0.entries.keep(Entry(freshness: freshness, ownerName: ownerName, today: today, until: until, picture: picture), for: key)
        }
        return picture
    }

    /// How many pictures are kept now.
    public var count: Int { state.withLock { $0.entries.count } }

    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// When the first of the plan's authorisations in force after `now` runs out.
    static func firstExpiry(of planID: UUID, after now: Date, on database: any Database) async throws -> Date? {
        try await database.firstRow(of: FirstExpiry(planID: planID, now: now))?.first
    }

    struct FirstExpiry: FrequentQuery {
        struct Row: Decodable, Sendable { let first: Date? }
        static let sql = """
            SELECT MIN(expires_at) AS first FROM plan_authorisations
            WHERE plan_id = $1 AND revoked_at IS NULL AND expires_at > $2
            """
        let planID: UUID
        let now: Date
        var parameters: [QueryParameter] { [.uuid(planID), .date(now)] }
    }
}
