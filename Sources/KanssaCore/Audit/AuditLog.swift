import Fluent
import Foundation
import SQLKit

/// Writes to and reads from the append-only audit log.
public enum AuditLog {
    /// Writes the records in one statement. Pages that list people (a caseload, a member list)
    /// write a line per person on each view, so this is plain SQL rather than a model per line.
    public static func record(_ records: [AuditRecord], at time: Date, on database: any Database) async throws {
        guard !records.isEmpty else { return }
        guard let sql = database as? any SQLDatabase else {
            try await records.map { AuditEntry($0, occurredAt: time) }.create(on: database)
            return
        }
        // Gathered with the other writes of the moment (``GroupCommit``): a page that lists people
        // writes its lines while others write theirs, and on SQLite a writer left to wait for
        // another sleeps in SQLite's busy handler for whole milliseconds.
        try await database.inGroupCommit(oneStatement: true) { database in
            guard let sql = database as? any SQLDatabase else { throw FrequentQueryError.unsupportedDatabase }
            var insert = sql.insert(into: AuditEntry.schema).columns(
                "id", "occurred_at", "actor_id", "subject_id", "organisation_id", "event", "target", "purpose", "outcome", "request_id")
            for record in records {
                insert = insert.values(
                    SQLBind(UUID()), SQLBind(time), SQLBind(record.actorID), SQLBind(record.subjectID), SQLBind(record.organisationID),
                    SQLBind(record.event.rawValue), SQLBind(record.target), SQLBind(record.purpose), SQLBind(record.outcome.rawValue),
                    SQLBind(record.requestID))
            }
            try await insert.run()
        }
    }

    public static func record(_ record: AuditRecord, at time: Date, on database: any Database) async throws {
        try await self.record([record], at: time, on: database)
    }

    /// The trace of one person's data, newest first: what "who has looked at my information" shows.
    public static func trace(
        of subjectID: UUID, page: ListPage, on database: any Database
    ) async throws -> Paged<AuditEntry> {
        let query = AuditEntry.query(on: database).filter(\.$subjectID == subjectID)
        let total = try await query.count()
        let items = try await query.copy()
            .sort(\.$occurredAt, .descending)
            .sort(\.$id)
            .range(page.offset..<(page.offset + page.size))
            .all()
        return Paged(items: items, page: page, total: total)
    }

    /// The people other than the subject who read the subject's data after `since`, most recent
    /// first: the first `limit` of them and how many in all. One query, on the subject's index.
    public static func readers(
        of subjectID: UUID, since: Date, limit: Int, on database: any Database
    ) async throws -> (actorIDs: [UUID], total: Int) {
        guard let sql = database as? any SQLDatabase else { throw FrequentQueryError.unsupportedDatabase }
        struct Row: Decodable { let actor_id: UUID; let total: Int }
        let rows = try await sql.raw("""
            SELECT actor_id, MAX(occurred_at) AS last_read, COUNT(*) OVER () AS total FROM audit_entries
            WHERE subject_id = \(bind: subjectID) AND event = \(bind: AuditEvent.personalDataRead.rawValue)
                AND occurred_at > \(bind: since) AND actor_id IS NOT NULL AND actor_id <> \(bind: subjectID)
                AND outcome = \(bind: AuditOutcome.allowed.rawValue)
            GROUP BY actor_id ORDER BY last_read DESC, actor_id LIMIT \(literal: limit)
            """).all(decoding: Row.self)
        return (rows.map(\.actor_id), rows.first?.total ?? 0)
    }
}
