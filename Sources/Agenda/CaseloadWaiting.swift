import Fluent
import Foundation
import KanssaCore
import SQLKit

/// What a professional's caseload asks of them now: things to do past their day and due within a
/// week in the plans whose actions are shared with them, plans shared with them since they last
/// signed in, and shares that run out soon. Four queries, each bounded by the caseload and cut to
/// a few lines with the total beside them, however long the plans' histories.
public enum CaseloadWaiting {
    /// How many lines each list shows; the total says how many more there are.
    public static let shown = 5
    /// How many days ahead an action is coming and a share is ending.
    public static let actionDaysAhead = 7
    public static let shareDaysAhead = 14

    public struct ActionLine: Sendable, Equatable {
        public let planID: UUID
        public let ownerID: UUID
        public let ownerName: String
        public let text: String
        public let dueOn: String
    }

    public struct ShareLine: Sendable, Equatable {
        public let planID: UUID
        public let ownerID: UUID
        public let ownerName: String
        /// When it was first shared with this person (new shares) or when the last share runs out.
        public let on: Date
    }

    /// A few lines and how many there are in all.
    public struct Few<Line: Sendable & Equatable>: Sendable, Equatable {
        public let lines: [Line]
        public let total: Int

        public var isEmpty: Bool { total == 0 }
    }

    public struct Model: Sendable, Equatable {
        public let overdue: Few<ActionLine>
        public let comingUp: Few<ActionLine>
        public let newShares: Few<ShareLine>
        public let endingSoon: Few<ShareLine>
        public let since: Date

        public var isEmpty: Bool { overdue.isEmpty && comingUp.isEmpty && newShares.isEmpty && endingSoon.isEmpty }

        /// Everyone named on the page: each sees this look on their trace.
        public var ownerIDs: Set<UUID> {
            Set(overdue.lines.map(\.ownerID) + comingUp.lines.map(\.ownerID)
                + newShares.lines.map(\.ownerID) + endingSoon.lines.map(\.ownerID))
        }
    }

    public static func load(
        principal: Principal, since: Date, now: Date, timeZone: TimeZone, on database: any Database
    ) async throws -> Model {
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        let today = PlanActions.day(now, in: timeZone)
        let weekAhead = PlanActions.day(now.addingTimeInterval(TimeInterval(actionDaysAhead) * 86_400), in: timeZone)
        let open = ActionStatus.open.rawValue
        // Most recently overdue first: those are the ones still worth a word today.
        let overdue = try await actions(
            "a.due_on < \(bind: today)", order: "a.due_on DESC, a.id", principal, now: now, open: open, on: sql)
        let comingUp = try await actions(
            "a.due_on >= \(bind: today) AND a.due_on <= \(bind: weekAhead)", order: "a.due_on, a.id", principal, now: now,
            open: open, on: sql)
        let newShares = try await shares(
            "c.since > \(bind: since)", order: "c.since DESC, c.plan_id", date: "c.since", principal, now: now, on: sql)
        let endingSoon = try await shares(
            "c.until <= \(bind: now.addingTimeInterval(TimeInterval(shareDaysAhead) * 86_400))", order: "c.until, c.plan_id",
            date: "c.until", principal, now: now, on: sql)
        return Model(overdue: overdue, comingUp: comingUp, newShares: newShares, endingSoon: endingSoon, since: since)
    }

    /// Open actions matching `condition` in the plans whose actions an authorisation in force to
    /// this person names, with their owners' names.
    private static func actions(
        _ condition: SQLQueryString, order: SQLQueryString, _ principal: Principal, now: Date, open: String,
        on sql: any SQLDatabase
    ) async throws -> Few<ActionLine> {
        struct Row: Decodable { let plan_id: UUID; let owner_id: UUID; let display_name: String; let text: String; let due_on: String; let total: Int }
        let rows = try await sql.raw("""
            SELECT a.plan_id, a.text, a.due_on,
                (SELECT p.owner_id FROM plans p WHERE p.id = a.plan_id) AS owner_id,
                (SELECT ac.display_name FROM plans p JOIN accounts ac ON ac.id = p.owner_id WHERE p.id = a.plan_id) AS display_name,
                COUNT(*) OVER () AS total
            FROM plan_actions a
            WHERE a.status = \(bind: open) AND \(condition) AND a.plan_id IN (
                SELECT pa.plan_id FROM plan_authorisations pa
                WHERE \(Caseload.inForce(principal, now: now)) AND \(PlanSharing.names(.actions))
            )
            ORDER BY \(order)
            LIMIT \(literal: shown)
            """).all(decoding: Row.self)
        return Few(
            lines: rows.map { ActionLine(planID: $0.plan_id, ownerID: $0.owner_id, ownerName: $0.display_name, text: $0.text, dueOn: $0.due_on) },
            total: rows.first?.total ?? 0)
    }

    /// Plans of the caseload matching `condition` (over the caseload row `c`: `since`, `until`).
    private static func shares(
        _ condition: SQLQueryString, order: SQLQueryString, date: SQLQueryString, _ principal: Principal, now: Date,
        on sql: any SQLDatabase
    ) async throws -> Few<ShareLine> {
        struct Row: Decodable { let plan_id: UUID; let owner_id: UUID; let display_name: String; let shown_on: Date; let total: Int }
        let rows = try await sql.raw("""
            SELECT c.plan_id, c.owner_id, c.display_name, \(date) AS shown_on, COUNT(*) OVER () AS total
            FROM (\(Caseload.caseload(principal, now: now))) c
            WHERE \(condition)
            ORDER BY \(order)
            LIMIT \(literal: shown)
            """).all(decoding: Row.self)
        return Few(
            lines: rows.map { ShareLine(planID: $0.plan_id, ownerID: $0.owner_id, ownerName: $0.display_name, on: $0.shown_on) },
            total: rows.first?.total ?? 0)
    }
}
