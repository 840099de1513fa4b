import Fluent
import Foundation
import SQLKit

/// Accounts that nobody uses, under the organisations' rules (``RecordKind/unusedAccounts``):
/// found by the retention job, which asks for their erasure as if the person had.
public enum UnusedAccounts {
    /// After how many months without use an account with these memberships is erased; nil for
    /// never. Only citizens' accounts (staff accounts are their administrators' to close), and
    /// only when every organisation the person belongs to has a rule: then the longest counts.
    public static func months(memberships: [(organisation: UUID, role: Role)], rules: [UUID: Int]) -> Int? {
        guard !memberships.isEmpty, memberships.allSatisfy({ $0.role == .citizen }) else { return nil }
        let months = memberships.map { rules[$0.organisation] }
        guard months.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return months.compactMap { $0 }.max()
    }

    /// A citizen's account unused for longer than their organisations' rule allows.
    public struct Candidate: Sendable, Equatable {
        public let accountID: UUID
        /// The day before which nothing may have happened for the account to go.
        public let unusedSince: Date
    }

    /// Accounts whose last session began before their rule's months: not yet asked to be
    /// erased, not closed by an administrator. The modules then say whether their data changed
    /// since (see ``ActivityHolder``). A few queries, whatever the number of accounts.
    public static func candidates(now: Date, calendar: Calendar, on database: any Database) async throws -> [Candidate] {
        guard let sql = database as? any SQLDatabase else { return [] }
        struct RuleRow: Decodable { let organisation_id: UUID; let keep_months: Int }
        let rules = try await sql.select().column("organisation_id").column("keep_months").from(RetentionRule.schema)
            .where("record_kind", .equal, RecordKind.unusedAccounts.rawValue).where("keep_months", .greaterThan, 0)
            .all(decoding: RuleRow.self)
            .reduce(into: [UUID: Int]()) { $0[$1.organisation_id] = $1.keep_months }
        guard let shortest = rules.values.min(),
            let latest = calendar.date(byAdding: .month, value: -shortest, to: now)
        else { return [] }
        struct Row: Decodable { let id: UUID; let last_active: Date; let organisation_id: UUID; let role: Role }
        let rows = try await sql.raw("""
            SELECT a.id, COALESCE(a.last_active_at, a.created_at) AS last_active, m.organisation_id, m.role
            FROM accounts a JOIN memberships m ON m.account_id = a.id
            WHERE a.disabled_at IS NULL AND COALESCE(a.last_active_at, a.created_at) < \(bind: latest)
                AND NOT EXISTS (SELECT 1 FROM data_requests d WHERE d.account_id = a.id
                    AND d.kind = \(bind: DataRequest.Kind.erasure.rawValue) AND d.state = \(bind: DataRequest.State.active.rawValue))
            """).all(decoding: Row.self)
        return Dictionary(grouping: rows, by: \.id).compactMap { id, rows -> Candidate? in
            guard let months = Self.months(memberships: rows.map { ($0.organisation_id, $0.role) }, rules: rules),
                let since = calendar.date(byAdding: .month, value: -months, to: now),
                rows[0].last_active < since
            else { return nil }
            return Candidate(accountID: id, unusedSince: since)
        }
        .sorted { $0.accountID < $1.accountID }
    }
}

/// A module that holds data people change without signing in themselves (a plan worked on by a
/// professional with the citizen present): an account whose data changed is in use.
public protocol ActivityHolder: Sendable {
    /// Of `accounts`, those whose data in this module changed on or after `since`.
    func changed(_ accounts: [UUID], since: Date, on database: any Database) async throws -> Set<UUID>
}
