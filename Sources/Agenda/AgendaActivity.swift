import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Whether a citizen's plan is in use: its words, goals, actions, check-ins, notes, strengths or
/// authorisations changed — by them or by a professional working with them.
public struct AgendaActivity: ActivityHolder {
    public init() {}

    public func changed(_ accounts: [UUID], since: Date, on database: any Database) async throws -> Set<UUID> {
        guard !accounts.isEmpty else { return [] }
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        struct Row: Decodable { let owner_id: UUID }
        var changed: Set<UUID> = []
        // In batches, well under every database's limit of bound values.
        for start in stride(from: 0, to: accounts.count, by: 500) {
            let batch = Array(accounts[start..<min(start + 500, accounts.count)])
            func changedIn(_ table: String, _ column: String) -> SQLQueryString {
                "EXISTS (SELECT 1 FROM \(ident: table) x WHERE x.plan_id = p.id AND x.\(ident: column) >= \(bind: since))"
            }
            let rows = try await sql.raw("""
                SELECT p.owner_id FROM plans p
                WHERE p.owner_id IN (\(binds: batch)) AND (p.updated_at >= \(bind: since)
                    OR \(changedIn("goals", "created_at")) OR \(changedIn("plan_actions", "updated_at"))
                    OR \(changedIn("check_ins", "created_at")) OR \(changedIn("plan_notes", "created_at"))
                    OR \(changedIn("strengths", "created_at")) OR \(changedIn("plan_authorisations", "created_at")))
                """).all(decoding: Row.self)
            changed.formUnion(rows.map(\.owner_id))
        }
        return changed
    }
}
