import Foundation

/// Why the platform itself processes personal data. Stored by raw value; never rename one.
/// Modules add the purposes of their own processing (with the legal basis the organisation
/// configured) when they come.
public enum Purpose: String, Sendable, CaseIterable {
    case security
    case organisationAdministration = "organisation-administration"
    case ownProfile = "own-profile"
    case ownPlan = "own-plan"
    /// Working with a citizen on the plan they shared.
    case caseWork = "case-work"
    case enrolment
    case operatorCommand = "operator-command"
    /// Carrying out a person's request about their data, and the organisations' retention rules.
    case dataProtection = "data-protection"
    /// Professionals' own learning: self-assessments, and figures about groups.
    case learning
    /// Training written and given by service users: panels, modules, their sessions.
    case encountering
    /// Consultations: what people said, how the team read it, what it decided.
    case listening
    /// How the conditions of change are going: staff pulses, staff changes, barriers.
    case evaluation
    /// Pseudonymised exports to researchers an organisation admitted to a project.
    case research
}

extension AuditRecord {
    public init(
        actorID: UUID?, subjectID: UUID? = nil, organisationID: UUID? = nil, event: AuditEvent,
        target: String, purpose: Purpose, outcome: AuditOutcome = .allowed, requestID: String
    ) {
        self.init(
            actorID: actorID, subjectID: subjectID, organisationID: organisationID, event: event, target: target,
            purpose: purpose.rawValue, outcome: outcome, requestID: requestID)
    }
}
