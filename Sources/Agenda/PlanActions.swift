import Fluent
import Foundation
import KanssaCore
import SQLKit
import Synchronization

/// Who does an action: the citizen, a named professional, or a supporter from their circle.
public struct ActionOwner: Sendable, Equatable {
    public let kind: ActionOwnerKind
    public let accountID: UUID?
    public let name: String?

    public static let citizen = ActionOwner(kind: .citizen, accountID: nil, name: nil)

    public static func professional(_ id: UUID) -> ActionOwner {
        ActionOwner(kind: .professional, accountID: id, name: nil)
    }

    public static func supporter(_ name: String) -> ActionOwner {
        ActionOwner(kind: .supporter, accountID: nil, name: name)
    }
}

/// A checked action, ready to be saved.
public struct ActionDraft: Sendable, Equatable {
    public let goalID: UUID
    public let text: String
    public let owner: ActionOwner
    public let dueOn: String?
    public let status: ActionStatus

    public init(goalID: UUID, text: String, owner: ActionOwner, dueOn: String?, status: ActionStatus) {
        self.goalID = goalID
        self.text = text
        self.owner = owner
        self.dueOn = dueOn
        self.status = status
    }

    public init(_ action: PlanAction) {
        self.init(
            goalID: action.goalID, text: action.text,
            owner: ActionOwner(kind: action.ownerKind, accountID: action.ownerAccountID, name: action.ownerName),
            dueOn: action.dueOn, status: action.status)
    }
}

/// What was typed into an action form, kept to be shown back.
public struct ActionForm: Sendable, Equatable {
    public var goal = ""
    public var text = ""
    /// `citizen`, `supporter` or `professional:<account id>`.
    public var owner = "citizen"
    public var supporter = ""
    public var due = ""
    public var status = ActionStatus.open.rawValue

    public init(goal: String = "", text: String = "", owner: String = "citizen", supporter: String = "", due: String = "",
                status: String = ActionStatus.open.rawValue) {
        self.goal = goal
        self.text = text
        self.owner = owner
        self.supporter = supporter
        self.due = due
        self.status = status
    }

    public init(_ draft: ActionDraft) {
        let owner = switch draft.owner.kind {
        case .citizen: "citizen"
        case .supporter: "supporter"
        case .professional: "professional:" + (draft.owner.accountID?.uuidString ?? "")
        }
        self.init(
            goal: draft.goalID.uuidString, text: draft.text, owner: owner, supporter: draft.owner.name ?? "",
            due: draft.dueOn ?? "", status: draft.status.rawValue)
    }

    /// Each problem names its field, as the form names it (unique on any page it is part of).
    public enum Problem: String, Sendable, Equatable, CaseIterable {
        case text = "actionText", goal = "actionGoal", owner = "actionOwner", supporter = "actionSupporter"
        case due = "actionDue", status = "actionStatus"
    }

    /// The checked action, or every problem with the form. The goal must be one of the plan's
    /// goals the citizen has not declined; a professional must be one of `professionals`; a due
    /// day must be a real day within five years.
    public func check(
        goals: [MyPlan.GoalLine], professionals: [PlanActions.Person], today: String
    ) -> Result<ActionDraft, ProblemList<Problem>> {
        var problems: [Problem] = []
        let text = TypedText.clean(self.text, maxLength: PlanActions.textLength)
        if text == nil { problems.append(.text) }
        let goal = UUID(uuidString: self.goal).flatMap { id in goals.first { $0.id == id && $0.status != .declined } }
        if goal == nil { problems.append(.goal) }
        var owner: ActionOwner?
        switch self.owner {
        case "citizen": owner = .citizen
        case "supporter":
            if let name = TypedText.clean(supporter, maxLength: 100) { owner = .supporter(name) } else { problems.append(.supporter) }
        default:
            let id = self.owner.hasPrefix("professional:") ? UUID(uuidString: String(self.owner.dropFirst(13))) : nil
            if let id, professionals.contains(where: { $0.id == id }) { owner = .professional(id) } else { problems.append(.owner) }
        }
        let due = due.trimmingCharacters(in: .whitespaces)
        if !due.isEmpty && !PlanActions.isReasonableDay(due, today: today) { problems.append(.due) }
        let status = ActionStatus(rawValue: self.status)
        if status == nil { problems.append(.status) }
        guard let text, let goal, let owner, let status, problems.isEmpty else { return .failure(ProblemList(problems)) }
        return .success(ActionDraft(goalID: goal.id, text: text, owner: owner, dueOn: due.isEmpty ? nil : due, status: status))
    }
}

/// Reading and writing a plan's actions. Changes state the version they started from; a change
/// against a newer version is refused and reported, never applied over it.
public enum PlanActions {
    public static let textLength = 300
    /// The most actions a page reads for one plan, whatever the length of its history.
    public static let shown = 200

    /// Someone who can be named as doing an action.
    public struct Person: Sendable, Equatable {
        public let id: UUID
        public let name: String

        public init(id: UUID, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// "2026-11-29" for `date` in `timeZone`: how due days are stored and compared.
    public static func day(_ date: Date, in timeZone: TimeZone) -> String {
        let parts = calendar(in: timeZone).dateComponents([.year, .month, .day], from: date)
        func padded(_ number: Int?, _ width: Int) -> String {
            let digits = String(number ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(parts.year, 4))-\(padded(parts.month, 2))-\(padded(parts.day, 2))"
    }

    /// A Gregorian calendar per time zone, made once: making one costs more than asking it
    /// (every whole-person view asks what day it is).
    private static let calendars = Mutex<[String: Calendar]>([:])

    private static func calendar(in timeZone: TimeZone) -> Calendar {
        calendars.withLock { calendars in
            if let calendar = calendars[timeZone.identifier] { return calendar }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            calendars[timeZone.identifier] = calendar
            return calendar
        }
    }

    /// A real day ("2026-02-30" is not), written as `yyyy-MM-dd`, at most five years from today
    /// either way.
    static func isReasonableDay(_ text: String, today: String) -> Bool {
        guard text.count == 10, Days.endOfDay(text, in: TimeZone(identifier: "UTC")!) != nil,
            let year = Int(text.prefix(4)), let thisYear = Int(today.prefix(4))
        else { return false }
        return abs(year - thisYear) <= 5
    }

    /// The plan's actions, open ones first by due day, then the rest newest first: one query.
    /// Read as plain rows, not through Fluent's model decoding: every whole-person view reads up
    /// to ``shown`` of them, and a model is decoded field by field through reflection.
    public static func list(planID: UUID, on database: any Database) async throws -> [PlanAction] {
        let rows = try await database.rows(of: PlanAction.OfPlan(planID: planID)).map(PlanAction.init(row:))
        return rows.sorted { a, b in
            if (a.status == .open) != (b.status == .open) { return a.status == .open }
            guard a.status == .open else { return false }
            return (a.dueOn ?? "9999", a.text) < (b.dueOn ?? "9999", b.text)
        }
    }

    public static func find(_ actionID: UUID, in planID: UUID, on database: any Database) async throws -> PlanAction? {
        try await PlanAction.query(on: database).filter(\.$id == actionID).filter(\.$plan.$id == planID).first()
    }

    @discardableResult
    public static func add(
        _ draft: ActionDraft, planID: UUID, teamID: UUID?, by authorID: UUID, at now: Date, withOwnerPresent: Bool = false,
        on database: any Database
    ) async throws -> UUID {
        let action = PlanAction(planID: planID, draft: draft, teamID: teamID, by: authorID, at: now, withOwnerPresent: withOwnerPresent)
        try await action.create(on: database)
        return try action.requireID()
    }

    public enum SaveOutcome: Sendable, Equatable {
        case saved
        /// Someone saved first; nothing was written. The caller shows both versions.
        case conflict(current: ActionDraft, version: Int, updatedAt: Date, updatedByID: UUID)
        case notFound
    }

    /// Saves the action if it is still at `expectedVersion`.
    public static func update(
        _ actionID: UUID, in planID: UUID, to draft: ActionDraft, expectedVersion: Int, by authorID: UUID, at now: Date,
        on database: any Database
    ) async throws -> SaveOutcome {
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        let rows = try await sql.update(PlanAction.schema)
            .set("goal_id", to: draft.goalID)
            .set("text", to: draft.text)
            .set("owner_kind", to: draft.owner.kind.rawValue)
            .set("owner_account_id", to: draft.owner.accountID)
            .set("owner_name", to: draft.owner.name)
            .set("due_on", to: draft.dueOn)
            .set("status", to: draft.status.rawValue)
            .set("version", to: expectedVersion + 1)
            .set("updated_at", to: now)
            .set("updated_by_id", to: authorID)
            .where("id", .equal, actionID)
            .where("plan_id", .equal, planID)
            .where("version", .equal, expectedVersion)
            .returning("id")
            .all()
        if rows.count == 1 { return .saved }
        guard let current = try await find(actionID, in: planID, on: database) else { return .notFound }
        return .conflict(current: ActionDraft(current), version: current.version, updatedAt: current.updatedAt,
                         updatedByID: current.updatedByID)
    }

    /// The professionals who can be named as doing an action: those the citizen authorised in
    /// person, and the members of the teams they authorised, while the authorisation lasts.
    public static func professionals(planID: UUID, at now: Date, on database: any Database) async throws -> [Person] {
        let rows = try await database.rows(of: Professionals(planID: planID, now: now))
        return rows.map { Person(id: $0.id, name: $0.display_name) }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// The people authorised in person, and the members of the teams authorised: one query.
    struct Professionals: FrequentQuery {
        struct Row: Decodable, Sendable {
            let id: UUID
            let display_name: String
        }

        static let sql = """
            SELECT a.id, a.display_name FROM accounts a WHERE a.id IN (
                SELECT pa.grantee_account_id FROM plan_authorisations pa
                WHERE pa.plan_id = $1 AND pa.revoked_at IS NULL AND pa.expires_at > $2 AND pa.grantee_account_id IS NOT NULL
                UNION
                SELECT tm.account_id FROM team_members tm JOIN plan_authorisations pa ON pa.grantee_team_id = tm.team_id
                WHERE pa.plan_id = $1 AND pa.revoked_at IS NULL AND pa.expires_at > $2)
            """
        let planID: UUID
        let now: Date
        var parameters: [QueryParameter] { [.uuid(planID), .date(now)] }
    }
}
