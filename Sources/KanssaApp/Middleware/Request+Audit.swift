import Fluent
import KanssaCore
import Vapor

extension Request {
    /// Writes one line to the audit log for this request: the signed-in person acts unless
    /// `actor` names someone else, and the request id ties the line to the logs.
    func audit(
        _ event: AuditEvent, actor: UUID? = nil, subject: UUID? = nil, organisation: UUID? = nil,
        target: String, purpose: String, outcome: AuditOutcome = .allowed, on database: (any Database)? = nil
    ) async throws {
        try await AuditLog.record(
            AuditRecord(
                actorID: actor ?? principal?.accountID, subjectID: subject, organisationID: organisation,
                event: event, target: target, purpose: purpose, outcome: outcome, requestID: id),
            at: now, on: database ?? db)
    }

    func audit(
        _ event: AuditEvent, actor: UUID? = nil, subject: UUID? = nil, organisation: UUID? = nil,
        target: String, purpose: Purpose, outcome: AuditOutcome = .allowed, on database: (any Database)? = nil
    ) async throws {
        try await audit(
            event, actor: actor, subject: subject, organisation: organisation, target: target,
            purpose: purpose.rawValue, outcome: outcome, on: database)
    }
}
