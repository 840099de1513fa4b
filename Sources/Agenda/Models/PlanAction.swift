import Fluent
import Foundation
import KanssaCore

/// A step towards one of the plan's goals: who does it, by when, and which service it comes
/// from (none: the citizen's own). `version` detects concurrent edits. `@unchecked Sendable`:
/// see ``Plan``.
public final class PlanAction: Model, @unchecked Sendable {
    public static let schema = "plan_actions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: Plan
    @Field(key: "goal_id") public var goalID: UUID
    @Field(key: "text") public var text: String
    @Field(key: "owner_kind") public var ownerKind: ActionOwnerKind
    /// The professional who does it, when ``ownerKind`` is `.professional`.
    @OptionalField(key: "owner_account_id") public var ownerAccountID: UUID?
    /// The supporter from the citizen's circle, by the name the citizen uses.
    @OptionalField(key: "owner_name") public var ownerName: String?
    /// The service (team) it comes from; nil for the citizen's own.
    @OptionalField(key: "team_id") public var teamID: UUID?
    /// The day it is due, as `yyyy-MM-dd` in the platform's time zone; nil when open-ended.
    @OptionalField(key: "due_on") public var dueOn: String?
    @Field(key: "status") public var status: ActionStatus
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_by_id") public var updatedByID: UUID
    @Field(key: "updated_at") public var updatedAt: Date
    @Field(key: "version") public var version: Int
    /// Planned by someone else with the owner present, in a meeting.
    @Field(key: "with_owner_present") public var withOwnerPresent: Bool

    public init() {}

    public init(
        id: UUID? = nil, planID: UUID, draft: ActionDraft, teamID: UUID?, by authorID: UUID, at now: Date,
        withOwnerPresent: Bool = false
    ) {
        self.withOwnerPresent = withOwnerPresent
        self.id = id
        self.$plan.id = planID
        self.teamID = teamID
        self.createdByID = authorID
        self.createdAt = now
        self.version = 0
        apply(draft, by: authorID, at: now)
    }

    /// Who stands behind it, for the policy.
    public var stake: ActionStake {
        ActionStake(teamID: teamID, createdByID: createdByID, ownerAccountID: ownerAccountID)
    }

    func apply(_ draft: ActionDraft, by authorID: UUID, at now: Date) {
        goalID = draft.goalID
        text = draft.text
        ownerKind = draft.owner.kind
        ownerAccountID = draft.owner.accountID
        ownerName = draft.owner.name
        dueOn = draft.dueOn
        status = draft.status
        updatedByID = authorID
        updatedAt = now
    }
}

extension PlanAction {
    /// The ``PlanActions/shown`` most recently changed actions of a plan (every view of a plan
    /// asks it: prepared once per connection on PostgreSQL).
    struct OfPlan: FrequentQuery {
        typealias Row = PlanAction.Row
        static let sql = """
            SELECT id, plan_id, goal_id, text, owner_kind, owner_account_id, owner_name, team_id, due_on, status,
                created_by_id, created_at, updated_by_id, updated_at, version, with_owner_present
            FROM plan_actions WHERE plan_id = $1 ORDER BY updated_at DESC, id LIMIT \(PlanActions.shown)
            """
        let planID: UUID
        var parameters: [QueryParameter] { [.uuid(planID)] }
    }

    /// A row of `plan_actions` as SQL returns it.
    struct Row: Decodable, Sendable {
        let id: UUID
        let plan_id: UUID
        let goal_id: UUID
        let text: String
        let owner_kind: ActionOwnerKind
        let owner_account_id: UUID?
        let owner_name: String?
        let team_id: UUID?
        let due_on: String?
        let status: ActionStatus
        let created_by_id: UUID
        let created_at: Date
        let updated_by_id: UUID
        let updated_at: Date
        let version: Int
        let with_owner_present: Bool
    }

    /// The action a row holds, as if Fluent had read it.
    convenience init(row: Row) {
        self.init()
        id = row.id
        $id.exists = true
        $plan.id = row.plan_id
        goalID = row.goal_id
        text = row.text
        ownerKind = row.owner_kind
        ownerAccountID = row.owner_account_id
        ownerName = row.owner_name
        teamID = row.team_id
        dueOn = row.due_on
        status = row.status
        createdByID = row.created_by_id
        createdAt = row.created_at
        updatedByID = row.updated_by_id
        updatedAt = row.updated_at
        version = row.version
        withOwnerPresent = row.with_owner_present
    }
}

/// Who does an action. Stored by raw value; never rename one.
public enum ActionOwnerKind: String, Codable, Sendable, CaseIterable {
    case citizen
    case professional
    /// Someone from the citizen's circle: family, a friend, a neighbour, a volunteer.
    case supporter
}

/// Where an action stands. Stored by raw value; never rename one.
public enum ActionStatus: String, Codable, Sendable, CaseIterable {
    case open
    case done
    /// No longer wanted; kept so that the history is whole.
    case dropped
}
