import Foundation

/// What a caller tells the audit log. The log adds the time.
public struct AuditRecord: Sendable, Equatable {
    public var actorID: UUID?
    public var subjectID: UUID?
    public var organisationID: UUID?
    public var event: AuditEvent
    /// What was touched, e.g. "profile" or "member-list"; never personal data itself.
    public var target: String
    /// Why: the purpose of processing, as the person acting would explain it.
    public var purpose: String
    public var outcome: AuditOutcome
    public var requestID: String

    public init(
        actorID: UUID?, subjectID: UUID? = nil, organisationID: UUID? = nil, event: AuditEvent,
        target: String, purpose: String, outcome: AuditOutcome = .allowed, requestID: String
    ) {
        self.actorID = actorID
        self.subjectID = subjectID
        self.organisationID = organisationID
        self.event = event
        self.target = target
        self.purpose = purpose
        self.outcome = outcome
        self.requestID = requestID
    }
}
