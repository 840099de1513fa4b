import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Reading and writing plans. Every write that can race states the version it started from;
/// a write against a newer version is refused and reported, never applied over it.
public enum PlanStore {
    /// The plan of an account, created empty the first time it is asked for.
    public static func plan(of ownerID: UUID, at now: Date, on database: any Database) async throws -> Plan {
        if let plan = try await existingPlan(of: ownerID, on: database) { return plan }
        let plan = Plan(ownerID: ownerID, createdAt: now)
        do {
            try await plan.create(on: database)
            return plan
        } catch {
            // Two first visits at once: the other one created it; use theirs.
            guard let existing = try await existingPlan(of: ownerID, on: database) else { throw error }
            return existing
        }
    }

    /// The plan of an account with the revisions it is read at (``Plan/freshness``), nil when it
    /// has none yet: one query, prepared once per connection on PostgreSQL (every page of a plan asks it).
    public static func existingPlan(of ownerID: UUID, on database: any Database) async throws -> Plan? {
        try await database.firstRow(of: PlanWithRevisions.OfOwner(ownerID: ownerID)).map(Plan.init(row:))
    }

    /// The plan with this id, if there is one, read as ``existingPlan(of:on:)`` reads.
    public static func plan(id: UUID, on database: any Database) async throws -> Plan? {
        try await database.firstRow(of: PlanWithRevisions.WithID(id: id)).map(Plan.init(row:))
    }

    public enum SaveOutcome: Sendable, Equatable {
        case saved(version: Int)
        /// Someone saved first; nothing was written. The caller shows both versions.
        case conflict(current: AgendaText, version: Int, updatedAt: Date, updatedByID: UUID)
    }

    /// Saves the agenda if the plan is still at `expectedVersion`.
    public static func saveAgenda(
        _ text: AgendaText, planID: UUID, expectedVersion: Int, by authorID: UUID, at now: Date,
        on database: any Database
    ) async throws -> SaveOutcome {
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        func optional(_ value: String) -> String? { value.isEmpty ? nil : value }
        let rows = try await sql.update(Plan.schema)
            .set("what_matters", to: optional(text.whatMatters))
            .set("appreciated", to: optional(text.appreciated))
            .set("important", to: optional(text.important))
            .set("support", to: optional(text.support))
            .set("version", to: expectedVersion + 1)
            .set("updated_at", to: now)
            .set("updated_by_id", to: authorID)
            .where("id", .equal, planID)
            .where("version", .equal, expectedVersion)
            .returning("id")
            .all()
        if rows.count == 1 { return .saved(version: expectedVersion + 1) }
        guard let current = try await Plan.find(planID, on: database) else { throw PlanStoreError.notFound }
        return .conflict(
            current: AgendaText(current), version: current.version, updatedAt: current.updatedAt,
            updatedByID: current.updatedByID)
    }

    /// The plan's goals: the citizen's own first, then suggestions, oldest first within each.
    /// Read as plain rows, not through Fluent's model decoding (see ``PlanActions/list(planID:on:)``).
    public static func goals(of planID: UUID, on database: any Database) async throws -> [Goal] {
        try await database.rows(of: Goal.OfPlan(planID: planID)).map(Goal.init(row:))
    }

    /// Adds a goal the citizen wrote themselves.
    public static func addOwnGoal(
        _ text: String, planID: UUID, by authorID: UUID, at now: Date, on database: any Database
    ) async throws {
        try await Goal(
            planID: planID, text: text, origin: .citizen, status: .active, createdByID: authorID, createdAt: now
        ).create(on: database)
    }
}

extension PlanStore {
    /// Adds a goal someone else suggests; it waits for the owner's answer.
    public static func suggestGoal(
        _ text: String, planID: UUID, by suggesterID: UUID, at now: Date, on database: any Database
    ) async throws {
        let goal = Goal(
            planID: planID, text: text, origin: .suggested, status: .awaitingCitizen, suggestedByID: suggesterID,
            createdByID: suggesterID, createdAt: now)
        try await goal.create(on: database)
        guard let ownerID = try await Plan.find(planID, on: database)?.ownerID, ownerID != suggesterID else { return }
        try await Notices.raise([Notices.Draft(
            accountID: ownerID, kind: .suggestion, about: try goal.requireID().uuidString, actorID: suggesterID,
            link: AgendaRoute.myPlan.path)], at: now, on: database)
    }

    public enum RewordOutcome: Sendable, Equatable {
        case saved
        /// The owner answered it (or it changed) meanwhile: nothing was written.
        case answered(text: String, status: GoalStatus)
        case notFound
    }

    /// New words for a suggestion still waiting for the owner's answer, if it is still at
    /// `expectedVersion`: once answered, a suggestion is the owner's decision and stays as it was.
    public static func rewordSuggestion(
        _ goalID: UUID, of planID: UUID, text: String, expectedVersion: Int, on database: any Database
    ) async throws -> RewordOutcome {
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        let rows = try await sql.update(Goal.schema)
            .set("text", to: text)
            .set("version", to: expectedVersion + 1)
            .where("id", .equal, goalID)
            .where("plan_id", .equal, planID)
            .where("version", .equal, expectedVersion)
            .where("status", .equal, GoalStatus.awaitingCitizen.rawValue)
            .returning("id")
            .all()
        if rows.count == 1 { return .saved }
        guard let current = try await Goal.query(on: database).filter(\.$id == goalID).filter(\.$plan.$id == planID).first()
        else { return .notFound }
        return .answered(text: current.text, status: current.status)
    }

    /// The owner's answer to a suggestion of their own plan. False if there is no such suggestion
    /// waiting in this plan.
    public static func answerSuggestion(
        _ goalID: UUID, of planID: UUID, endorse: Bool, on database: any Database
    ) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        let rows = try await sql.update(Goal.schema)
            .set("status", to: (endorse ? GoalStatus.active : GoalStatus.declined).rawValue)
            .where("id", .equal, goalID)
            .where("plan_id", .equal, planID)
            .where("status", .equal, GoalStatus.awaitingCitizen.rawValue)
            .returning("id")
            .all()
        return rows.count == 1
    }
}

extension PlanStore {
    /// The plan's strengths and assets, by kind, oldest first.
    public static func strengths(of planID: UUID, on database: any Database) async throws -> [Strength] {
        try await Strength.query(on: database).filter(\.$plan.$id == planID).sort(\.$createdAt).sort(\.$id).all()
    }

    public static func addStrength(
        _ text: String, kind: StrengthKind, planID: UUID, by authorID: UUID, at now: Date, on database: any Database
    ) async throws {
        try await Strength(planID: planID, kind: kind, text: text, createdByID: authorID, createdAt: now).create(on: database)
    }
}

extension PlanStore {
    public enum GoalSaveOutcome: Sendable, Equatable {
        case saved
        /// Someone saved first; nothing was written. The caller shows both versions.
        case conflict(text: String, status: GoalStatus, version: Int)
        case notFound
    }

    /// Changes the words or the state (working on it, reached, set aside) of one of the owner's own goals, if it
    /// is still at `expectedVersion`. Suggestions are answered, not edited.
    public static func updateGoal(
        _ goalID: UUID, of planID: UUID, text: String, status: GoalStatus, expectedVersion: Int, at now: Date,
        on database: any Database
    ) async throws -> GoalSaveOutcome {
        guard status.isCitizens else { return .notFound }
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        let owned = GoalStatus.allCases.filter(\.isCitizens).map(\.rawValue)
        let rows = try await sql.raw("""
            UPDATE goals SET text = \(bind: text), version = \(bind: expectedVersion + 1),
                status_changed_at = CASE WHEN status = \(bind: status.rawValue) THEN status_changed_at ELSE \(bind: now) END,
                status = \(bind: status.rawValue)
            WHERE id = \(bind: goalID) AND plan_id = \(bind: planID) AND version = \(bind: expectedVersion)
                AND status IN (\(binds: owned))
            RETURNING id
            """).all()
        if rows.count == 1 { return .saved }
        guard let current = try await Goal.query(on: database).filter(\.$id == goalID).filter(\.$plan.$id == planID).first(),
            current.status.isCitizens
        else { return .notFound }
        return .conflict(text: current.text, status: current.status, version: current.version)
    }
}

public enum PlanStoreError: Error {
    case unsupportedDatabase
    case notFound
}

/// A plan's row with the directory's revision beside its own.
enum PlanWithRevisions {
    static let select = """
        SELECT p.id, p.owner_id, p.what_matters, p.appreciated, p.important, p.support, p.version,
            p.created_at, p.updated_at, p.updated_by_id, p.revision, r.value AS directory_revision
        FROM plans p LEFT JOIN revisions r ON r.name = '\(Revisions.directory)'
        """

    struct OfOwner: FrequentQuery {
        typealias Row = Plan.Row
        static let sql = select + " WHERE p.owner_id = $1"
        let ownerID: UUID
        var parameters: [QueryParameter] { [.uuid(ownerID)] }
    }

    struct WithID: FrequentQuery {
        typealias Row = Plan.Row
        static let sql = select + " WHERE p.id = $1"
        let id: UUID
        var parameters: [QueryParameter] { [.uuid(id)] }
    }
}
