import Fluent
import Foundation
import KanssaCore

/// A goal in the citizen's own words. A goal a professional suggested is not the citizen's
/// until the citizen endorses it. `@unchecked Sendable`: see ``Plan``.
public final class Goal: Model, @unchecked Sendable {
    public static let schema = "goals"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: Plan
    @Field(key: "text") public var text: String
    @Field(key: "origin") public var origin: GoalOrigin
    @Field(key: "status") public var status: GoalStatus
    @OptionalField(key: "suggested_by_id") public var suggestedByID: UUID?
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "version") public var version: Int
    /// When it last changed state (reached, set aside, taken up again); nil if it never has.
    @OptionalField(key: "status_changed_at") public var statusChangedAt: Date?

    public init() {}

    public init(
        id: UUID? = nil, planID: UUID, text: String, origin: GoalOrigin, status: GoalStatus,
        suggestedByID: UUID? = nil, createdByID: UUID, createdAt: Date
    ) {
        self.id = id
        self.$plan.id = planID
        self.text = text
        self.origin = origin
        self.status = status
        self.suggestedByID = suggestedByID
        self.createdByID = createdByID
        self.createdAt = createdAt
        self.version = 0
    }
}

extension Goal {
    /// A plan's goals, oldest first (prepared once per connection on PostgreSQL).
    struct OfPlan: FrequentQuery {
        typealias Row = Goal.Row
        static let sql = """
            SELECT id, plan_id, text, origin, status, suggested_by_id, created_by_id, created_at, version, status_changed_at
            FROM goals WHERE plan_id = $1 ORDER BY created_at, id
            """
        let planID: UUID
        var parameters: [QueryParameter] { [.uuid(planID)] }
    }

    /// A row of `goals` as SQL returns it.
    struct Row: Decodable, Sendable {
        let id: UUID
        let plan_id: UUID
        let text: String
        let origin: GoalOrigin
        let status: GoalStatus
        let suggested_by_id: UUID?
        let created_by_id: UUID
        let created_at: Date
        let version: Int
        let status_changed_at: Date?
    }

    /// The goal a row holds, as if Fluent had read it.
    convenience init(row: Row) {
        self.init(id: row.id, planID: row.plan_id, text: row.text, origin: row.origin, status: row.status,
                  suggestedByID: row.suggested_by_id, createdByID: row.created_by_id, createdAt: row.created_at)
        version = row.version
        statusChangedAt = row.status_changed_at
        $id.exists = true
    }
}

/// Whose goal it was first. Stored by raw value; never rename one.
public enum GoalOrigin: String, Codable, Sendable, CaseIterable {
    /// Written by the citizen.
    case citizen
    /// Suggested by a professional; becomes the citizen's only when endorsed.
    case suggested
}

/// Where a goal stands. Stored by raw value; never rename one.
public enum GoalStatus: String, Codable, Sendable, CaseIterable {
    /// A suggestion the citizen has not answered yet: visibly not the citizen's goal.
    case awaitingCitizen = "awaiting-citizen"
    /// The citizen's goal (their own, or a suggestion they endorsed).
    case active
    case achieved
    /// A suggestion the citizen said no to. Kept, so that nobody suggests it again unknowingly.
    case declined
    /// The citizen's goal, put aside for now: kept, visibly, with the day; theirs to take up again.
    case setAside = "set-aside"

    /// Whether the citizen owns the goal.
    public var isCitizens: Bool { self == .active || self == .achieved || self == .setAside }

    /// Whether actions serving it serve the citizen's agenda now (a goal set aside does not).
    /// Each plan's row keeps its count of such open actions (``TallyOpenActions``, which must agree).
    public var countsForAlignment: Bool { self == .active || self == .achieved }
}
