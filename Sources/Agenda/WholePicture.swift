import Fluent
import Foundation
import KanssaCore
import SQLKit

/// The whole person's plan across services: every service's actions side by side, actions on
/// the same day from different services flagged as a clash, actions that serve no goal of the
/// citizen's own flagged, and the plan's agenda alignment.
public enum WholePicture {
    public struct ActionLine: Sendable, Equatable {
        public let id: UUID
        public let text: String
        public let goalID: UUID
        /// The goal's words; nil when the viewer may not see the goals.
        public let goal: String?
        /// Whether the goal it serves is the citizen's own (written or endorsed by them).
        public let servesCitizensGoal: Bool
        public let owner: String
        /// Whether the citizen does it themselves, a professional, or a supporter.
        public let ownerKind: ActionOwnerKind
        public let service: String
        public let dueOn: String?
        public let status: ActionStatus
        public let isOverdue: Bool
        public var clashes = false
        /// Serves a goal that pulls against a goal another service's open action serves.
        public var pullsAgainst = false
        /// Who planned it, when they did so with the owner present.
        public var plannedWithOwnerPresentBy: String?
        public let stake: ActionStake
        /// Whether the viewer may change it; set by whoever asks the policy.
        public var mayChange = false
    }

    public struct Service: Sendable, Equatable {
        public let name: String
        public var lines: [ActionLine]
    }

    /// Open actions of different services due on the same day.
    public struct Clash: Sendable, Equatable {
        public let day: String
        public let lines: [ActionLine]
    }

    /// Two goals someone noted as pulling against each other, with the open actions serving each.
    public struct Tension: Sendable, Equatable {
        public let id: UUID
        public let first: String
        public let second: String
        public let note: String?
        public let notedBy: String
        public let notedWithOwnerPresent: Bool
        public let firstActions: [ActionLine]
        public let secondActions: [ActionLine]

        /// Open actions of different services on the two sides: the services pull the person apart.
        public var isClash: Bool {
            !firstActions.isEmpty && !secondActions.isEmpty
                && Set(firstActions.map(\.service) + secondActions.map(\.service)).count > 1
        }
    }

    public struct Model: Sendable, Equatable {
        public let ownerName: String
        public var services: [Service]
        public let clashes: [Clash]
        /// Goals that pull against each other; empty when the viewer may not see the goals.
        public var tensions: [Tension] = []
        public let alignment: Alignment
        /// Open actions that serve no goal of the citizen's own.
        public let notCitizens: [ActionLine]
        /// The goals an action can serve, for the form: the plan's goals not declined.
        public let goals: [MyPlan.GoalLine]
        public let professionals: [PlanActions.Person]

        /// Marks the actions the viewer may change, as `mayChange` (asked of the policy) says.
        public mutating func allowChanges(_ mayChange: (ActionStake) -> Bool) {
            for service in services.indices {
                for line in services[service].lines.indices {
                    services[service].lines[line].mayChange = mayChange(services[service].lines[line].stake)
                }
            }
        }
    }

    /// A fixed number of queries whatever the plan's size: actions (at most
    /// ``PlanActions/shown``), goals (unless the caller read them already), the services' names,
    /// noted tensions, everyone's names, and the people who can be named as doing an action.
    public static func load(
        planID: UUID, ownerName: String, showGoals: Bool, goals known: [MyPlan.GoalLine]? = nil, now: Date,
        timeZone: TimeZone, on database: any Database
    ) async throws -> Model {
        let actions = try await PlanActions.list(planID: planID, on: database)
        let goalRows = known == nil ? try await PlanStore.goals(of: planID, on: database) : []
        let serviceNames = try await Team.serviceNames(of: Set(actions.compactMap(\.teamID)), on: database)
        let tensions = showGoals ? try await GoalTensions.list(planID: planID, on: database) : []
        // Everyone named on the page — owners, planners, who noted a tension or suggested a goal: one query.
        let names = try await Account.displayNames(
            of: actions.compactMap(\.ownerAccountID) + actions.filter(\.withOwnerPresent).map(\.createdByID)
                + tensions.map(\.createdByID) + goalRows.compactMap(\.suggestedByID),
            on: database)
        let goals = known ?? MyPlan.GoalLine.lines(goalRows, names: names)
        return build(
            ownerName: ownerName, actions: actions, goals: goals, serviceNames: serviceNames, names: names,
            showGoals: showGoals, today: PlanActions.day(now, in: timeZone), tensions: tensions,
            professionals: try await PlanActions.professionals(planID: planID, at: now, on: database))
    }

    /// The view of a plan's actions from what was read: pure, so that clashes, flags and the
    /// alignment are tested without a database.
    public static func build(
        ownerName: String, actions: [PlanAction], goals: [MyPlan.GoalLine], serviceNames: [UUID: String],
        names: [UUID: String], showGoals: Bool, today: String, tensions: [GoalTension] = [], professionals: [PlanActions.Person]
    ) -> Model {
        let goalByID = Dictionary(uniqueKeysWithValues: goals.map { ($0.id, $0) })
        let ownService = ownerName
        var lines = actions.compactMap { action -> ActionLine? in
            guard let id = action.id else { return nil }
            let goal = goalByID[action.goalID]
            let owner = switch action.ownerKind {
            case .citizen: ownerName
            case .professional: action.ownerAccountID.flatMap { names[$0] } ?? "–"
            case .supporter: action.ownerName ?? "–"
            }
            var line = ActionLine(
                id: id, text: action.text, goalID: action.goalID, goal: showGoals ? goal?.text : nil,
                servesCitizensGoal: goal?.status.countsForAlignment ?? false, owner: owner, ownerKind: action.ownerKind,
                service: action.teamID.flatMap { serviceNames[$0] } ?? ownService, dueOn: action.dueOn, status: action.status,
                isOverdue: action.status == .open && (action.dueOn.map { $0 < today } ?? false),
                stake: action.stake)
            if action.withOwnerPresent { line.plannedWithOwnerPresentBy = names[action.createdByID] ?? "–" }
            return line
        }
        let clashes = clashes(in: lines)
        let clashing = Set(clashes.flatMap { $0.lines.map(\.id) })
        for index in lines.indices where clashing.contains(lines[index].id) { lines[index].clashes = true }
        let noted = showGoals ? pulls(tensions, lines: lines, goals: goalByID, names: names) : []
        let pulling = Set(noted.filter(\.isClash).flatMap { ($0.firstActions + $0.secondActions).map(\.id) })
        for index in lines.indices where pulling.contains(lines[index].id) { lines[index].pullsAgainst = true }
        let services = Dictionary(grouping: lines, by: \.service)
            .map { Service(name: $0.key, lines: $0.value) }
            .sorted { ($0.name == ownService ? 0 : 1, $0.name) < ($1.name == ownService ? 0 : 1, $1.name) }
        var model = Model(
            ownerName: ownerName, services: services, clashes: clashes,
            alignment: Alignment(lines.filter { $0.status == .open }.map(\.servesCitizensGoal)),
            notCitizens: lines.filter { $0.status == .open && !$0.servesCitizensGoal },
            goals: goals.filter { $0.status != .declined }, professionals: professionals)
        // Again, now that the lines carry their flags.
        model.tensions = showGoals ? pulls(tensions, lines: lines, goals: goalByID, names: names) : []
        return model
    }

    /// Each noted tension with the open actions serving its two goals.
    static func pulls(_ tensions: [GoalTension], lines: [ActionLine], goals: [UUID: MyPlan.GoalLine], names: [UUID: String]) -> [Tension] {
        let open = lines.filter { $0.status == .open }
        return tensions.compactMap { tension in
            guard let id = tension.id, let first = goals[tension.firstGoalID], let second = goals[tension.secondGoalID] else { return nil }
            return Tension(
                id: id, first: first.text, second: second.text, note: tension.note, notedBy: names[tension.createdByID] ?? "–",
                notedWithOwnerPresent: tension.withOwnerPresent,
                firstActions: open.filter { $0.goalID == first.id }, secondActions: open.filter { $0.goalID == second.id })
        }
    }

    /// Days on which open actions of more than one service are due.
    static func clashes(in lines: [ActionLine]) -> [Clash] {
        Dictionary(grouping: lines.filter { $0.status == .open && $0.dueOn != nil }, by: { $0.dueOn! })
            .filter { Set($0.value.map(\.service)).count > 1 }
            .map { Clash(day: $0.key, lines: $0.value) }
            .sorted { $0.day < $1.day }
    }
}

/// Agenda alignment: of the open actions, the share that serve a goal the citizen owns (their
/// own, or a suggestion they endorsed). For one plan, a professional's caseload or a team's.
public struct Alignment: Sendable, Equatable {
    public let serving: Int
    public let open: Int

    public init(serving: Int, open: Int) {
        self.serving = serving
        self.open = open
    }

    /// From whether each open action serves a goal of the citizen's own.
    public init(_ servesCitizensGoal: [Bool]) {
        self.init(serving: servesCitizensGoal.filter { $0 }.count, open: servesCitizensGoal.count)
    }

    /// The share in whole per cent, rounded half up; nil without open actions.
    public var percent: Int? {
        open == 0 ? nil : (serving * 200 + open) / (open * 2)
    }

    /// The alignment over the plans a subquery names (one column of plan ids), summed from the
    /// counts each plan's row keeps (``TallyOpenActions``): one query, two numbers a plan.
    public static func over(plans: SQLQueryString, on sql: any SQLDatabase) async throws -> Alignment {
        struct Row: Decodable { let open_count: Int?; let serving_count: Int? }
        let row = try await sql.raw("""
            SELECT SUM(open_actions) AS open_count, SUM(serving_actions) AS serving_count
            FROM plans WHERE id IN (\(plans))
            """).first(decoding: Row.self)
        return Alignment(serving: row?.serving_count ?? 0, open: row?.open_count ?? 0)
    }
}
