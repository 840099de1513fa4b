import Fluent
import Foundation

/// Writes to and reads from the append-only audit log.
public enum AuditLog {
    public static func record(_ records: [AuditRecord], at time: Date, on database: any Database) async throws {
        guard !records.isEmpty else { return }
        try await records.map { AuditEntry($0, occurredAt: time) }.create(on: database)
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
