import Fluent
import Foundation
import KanssaCore

/// Two goals of a plan that pull against each other, as someone noted. Actions of different
/// services serving the two are shown as a clash. `@unchecked Sendable`: see ``Plan``.
public final class GoalTension: Model, @unchecked Sendable {
    public static let schema = "goal_tensions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: Plan
    @Field(key: "first_goal_id") public var firstGoalID: UUID
    @Field(key: "second_goal_id") public var secondGoalID: UUID
    @OptionalField(key: "note") public var note: String?
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "with_owner_present") public var withOwnerPresent: Bool

    public init() {}

    public init(planID: UUID, firstGoalID: UUID, secondGoalID: UUID, note: String?, createdByID: UUID, createdAt: Date,
                withOwnerPresent: Bool) {
        self.$plan.id = planID
        self.firstGoalID = firstGoalID
        self.secondGoalID = secondGoalID
        self.note = note
        self.createdByID = createdByID
        self.createdAt = createdAt
        self.withOwnerPresent = withOwnerPresent
    }

    /// A plan's noted tensions, oldest first (prepared once per connection on PostgreSQL).
    struct OfPlan: FrequentQuery {
        typealias Row = GoalTension.Row
        static let sql = """
            SELECT id, plan_id, first_goal_id, second_goal_id, note, created_by_id, created_at, with_owner_present
            FROM goal_tensions WHERE plan_id = $1 ORDER BY created_at, id
            """
        let planID: UUID
        var parameters: [QueryParameter] { [.uuid(planID)] }
    }

    /// A note as a plain row, read without Fluent's per-field reflection.
    struct Row: Decodable, Sendable {
        let id: UUID
        let plan_id: UUID
        let first_goal_id: UUID
        let second_goal_id: UUID
        let note: String?
        let created_by_id: UUID
        let created_at: Date
        let with_owner_present: Bool
    }

    /// The note a row holds, as if Fluent had read it.
    convenience init(row: Row) {
        self.init(planID: row.plan_id, firstGoalID: row.first_goal_id, secondGoalID: row.second_goal_id, note: row.note,
                  createdByID: row.created_by_id, createdAt: row.created_at, withOwnerPresent: row.with_owner_present)
        id = row.id
        $id.exists = true
    }

    /// Whether it joins these two goals, in either order.
    public func joins(_ one: UUID, _ other: UUID) -> Bool {
        (firstGoalID == one && secondGoalID == other) || (firstGoalID == other && secondGoalID == one)
    }
}
