import Fluent
import Foundation
import KanssaCore

/// The citizen's own plan page.
public enum MyPlan {
    public struct GoalLine: Sendable, Equatable {
        public let id: UUID
        public let text: String
        public let origin: GoalOrigin
        public let status: GoalStatus
        /// Who suggested it, for a goal that started as a suggestion.
        public let suggestedBy: String?
        /// When it last changed state: for a goal set aside, since when.
        public var statusChangedAt: Date?

        public init(id: UUID, text: String, origin: GoalOrigin, status: GoalStatus, suggestedBy: String?, statusChangedAt: Date? = nil) {
            self.id = id
            self.text = text
            self.origin = origin
            self.status = status
            self.suggestedBy = suggestedBy
            self.statusChangedAt = statusChangedAt
        }
    }

}

extension MyPlan.GoalLine {
    /// Goals as lines, with the names of those who suggested them: one query for the names.
    public static func lines(_ goals: [Goal], on database: any Database) async throws -> [MyPlan.GoalLine] {
        lines(goals, names: try await Account.displayNames(of: goals.compactMap(\.suggestedByID), on: database))
    }

    /// Goals as lines, with names read already (they must hold those who suggested them).
    static func lines(_ goals: [Goal], names: [UUID: String]) -> [MyPlan.GoalLine] {
        goals.compactMap { goal in
            goal.id.map {
                MyPlan.GoalLine(id: $0, text: goal.text, origin: goal.origin, status: goal.status,
                                suggestedBy: goal.suggestedByID.flatMap { names[$0] }, statusChangedAt: goal.statusChangedAt)
            }
        }
    }
}

extension MyPlan {
    public struct StrengthLine: Sendable, Equatable {
        public let kind: StrengthKind
        public let text: String

        public init(kind: StrengthKind, text: String) {
            self.kind = kind
            self.text = text
        }

        static func lines(_ strengths: [Strength]) -> [StrengthLine] {
            // Grouped by kind in a fixed order, oldest first within a kind.
            StrengthKind.allCases.flatMap { kind in strengths.filter { $0.kind == kind }.map { StrengthLine(kind: kind, text: $0.text) } }
        }
    }

    /// Another person's save that arrived first, shown beside the citizen's own words.
    public struct Conflict: Sendable, Equatable {
        public let theirs: AgendaText
        public let savedBy: String
        public let savedAt: Date

        public init(theirs: AgendaText, savedBy: String, savedAt: Date) {
            self.theirs = theirs
            self.savedBy = savedBy
            self.savedAt = savedAt
        }
    }

    public struct Model: Sendable, Equatable {
        public var agenda: AgendaText
        public var version: Int
        public let isAgendaWritten: Bool
        public let goals: [GoalLine]
        public var strengths: [StrengthLine] = []
        public var timeline: [Timeline.Line] = []
        public var newNote = ""
        public var newGoal = ""
        public var newStrength = ""
        public var newStrengthKind: StrengthKind = .skill
        public var errors: [FieldError] = []
        public var notice: Notice?
        /// The section the notice is about ("agenda", "strengths", "goals", "timeline"); nil: the page.
        public var noticeSection: String?
        public var conflict: Conflict?

        public init(agenda: AgendaText, version: Int, isAgendaWritten: Bool, goals: [GoalLine]) {
            self.agenda = agenda
            self.version = version
            self.isAgendaWritten = isAgendaWritten
            self.goals = goals
        }

        /// The citizen's own goals and the ones they endorsed.
        public var citizensGoals: [GoalLine] { goals.filter { $0.status.isCitizens && $0.status != .setAside } }
        /// The citizen's goals put aside for now, kept with the day.
        public var setAside: [GoalLine] { goals.filter { $0.status == .setAside } }
        /// Suggestions waiting for the citizen's answer, and the ones they declined.
        public var suggestions: [GoalLine] { goals.filter { !$0.status.isCitizens } }
    }

    /// Loads the page: the plan, its goals with the names of those who suggested any, its
    /// strengths and its newest notes — a fixed number of queries whatever the plan's size.
    public static func load(ownerID: UUID, at now: Date, on database: any Database) async throws -> Model {
        let plan = try await PlanStore.plan(of: ownerID, at: now, on: database)
        let goals = try await GoalLine.lines(try await PlanStore.goals(of: try plan.requireID(), on: database), on: database)
        let agenda = AgendaText(plan)
        var model = Model(agenda: agenda, version: plan.version, isAgendaWritten: agenda.isWritten, goals: goals)
        model.strengths = StrengthLine.lines(try await PlanStore.strengths(of: try plan.requireID(), on: database))
        model.timeline = try await Timeline.load(planID: try plan.requireID(), viewerID: ownerID, eventsFor: ownerID, on: database)
        return model
    }
}
