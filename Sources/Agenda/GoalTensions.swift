import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Goals that pull against each other: noting them, taking a note back, and reading them.
public enum GoalTensions {
    public static let noteLength = 300

    /// What was typed into the form, kept to show back with the problems.
    public struct Draft: Sendable, Equatable {
        public var first: String
        public var second: String
        public var note: String

        public init(first: String = "", second: String = "", note: String = "") {
            self.first = first
            self.second = second
            self.note = note
        }
    }

    public enum Problem: String, Sendable, Equatable, CaseIterable {
        /// Not two different goals of this plan (declined suggestions are no one's goals).
        case goals = "tensionFirst"
        case note = "tensionNote"
        /// These two are noted already.
        case known = "tensionSecond"
    }

    public struct Checked: Sendable, Equatable {
        public let first: UUID
        public let second: UUID
        public let note: String?
    }

    /// Checks a draft against the plan's goals and the tensions noted already.
    public static func check(_ draft: Draft, goals: [MyPlan.GoalLine], known: [GoalTension]) -> Result<Checked, ProblemList<Problem>> {
        let usable = Set(goals.filter { $0.status != .declined }.map(\.id))
        let first = UUID(uuidString: draft.first).flatMap { usable.contains($0) ? $0 : nil }
        let second = UUID(uuidString: draft.second).flatMap { usable.contains($0) ? $0 : nil }
        let noteTyped = draft.note.trimmingCharacters(in: .whitespacesAndNewlines)
        let note = noteTyped.isEmpty ? nil : TypedText.clean(noteTyped, maxLength: noteLength)
        var problems: [Problem] = []
        if first == nil || second == nil || first == second { problems.append(.goals) }
        if !noteTyped.isEmpty && note == nil { problems.append(.note) }
        if let first, let second, known.contains(where: { $0.joins(first, second) }) { problems.append(.known) }
        guard let first, let second, problems.isEmpty else { return .failure(ProblemList(problems)) }
        return .success(Checked(first: first, second: second, note: note))
    }

    public static func list(planID: UUID, on database: any Database) async throws -> [GoalTension] {
        try await database.rows(of: GoalTension.OfPlan(planID: planID)).map(GoalTension.init(row:))
    }

    public static func add(
        _ checked: Checked, planID: UUID, by authorID: UUID, at now: Date, withOwnerPresent: Bool = false, on database: any Database
    ) async throws {
        try await GoalTension(
            planID: planID, firstGoalID: checked.first, secondGoalID: checked.second, note: checked.note, createdByID: authorID,
            createdAt: now, withOwnerPresent: withOwnerPresent
        ).create(on: database)
    }

    /// Takes a note of this plan back; false if there is none.
    public static func remove(_ tensionID: UUID, of planID: UUID, on database: any Database) async throws -> Bool {
        guard let tension = try await GoalTension.query(on: database).filter(\.$id == tensionID).filter(\.$plan.$id == planID).first()
        else { return false }
        try await tension.delete(on: database)
        return true
    }
}
