import Fluent
import Foundation

/// One line of the append-only audit log. Rows are inserted, never updated or deleted (the
/// database refuses both, see ``CreateAuditEntries``). `@unchecked Sendable`: see ``Organisation``.
public final class AuditEntry: Model, @unchecked Sendable {
    public static let schema = "audit_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "occurred_at") public var occurredAt: Date
    /// Who acted; nil for an anonymous request (a failed login, say).
    @OptionalField(key: "actor_id") public var actorID: UUID?
    /// Whose personal data was read or changed, if anyone's.
    @OptionalField(key: "subject_id") public var subjectID: UUID?
    @OptionalField(key: "organisation_id") public var organisationID: UUID?
    @Field(key: "event") public var event: AuditEvent
    @Field(key: "target") public var target: String
    @Field(key: "purpose") public var purpose: String
    @Field(key: "outcome") public var outcome: AuditOutcome
    @Field(key: "request_id") public var requestID: String

    public init() {}

    public init(_ record: AuditRecord, occurredAt: Date) {
        self.occurredAt = occurredAt
        self.actorID = record.actorID
        self.subjectID = record.subjectID
        self.organisationID = record.organisationID
        self.event = record.event
        self.target = record.target
        self.purpose = record.purpose
        self.outcome = record.outcome
        self.requestID = record.requestID
    }
}
