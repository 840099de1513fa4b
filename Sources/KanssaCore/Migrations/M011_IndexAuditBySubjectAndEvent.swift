import Fluent

/// The owner's timeline asks for the newest changes others made to a person's data. Reads of the
/// same person (a caseload lists them on every view) far outnumber changes; without this index the
/// newest changes are found only by walking past every read.
public struct IndexAuditBySubjectAndEvent: AsyncMigration {
    public var name: String { "M011_IndexAuditBySubjectAndEvent" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.createIndex(
            "audit_entries_subject_id_event_occurred_at", on: "audit_entries", columns: ["subject_id", "event", "occurred_at"])
    }

    public func revert(on database: any Database) async throws {
        try await database.dropIndex("audit_entries_subject_id_event_occurred_at")
    }
}
