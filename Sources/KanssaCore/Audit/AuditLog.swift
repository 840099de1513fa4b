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

    public static func record(_ record: AuditRecord, at time: Date, on database: any Database) async throws {
        try await AuditEntry(record, occurredAt: time).create(on: database)
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
}
