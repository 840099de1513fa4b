/// What happened, as stored in the audit log. Raw values are history: never rename one.
public enum AuditEvent: String, Codable, Sendable, CaseIterable {
    case signedIn = "sign-in"
    case signInFailed = "sign-in-failed"
    case signInThrottled = "sign-in-throttled"
    case signedOut = "sign-out"
    case sessionExpired = "session-expired"
    case requestDenied = "request-denied"
    case invitationCreated = "invitation-created"
    case invitationRedeemed = "invitation-redeemed"
    case invitationRefused = "invitation-refused"
    case rolesChanged = "roles-changed"
    case teamsChanged = "teams-changed"
    case accountDisabled = "account-disabled"
    case accountCreated = "account-created"
    case teamCreated = "team-created"
    case personalDataRead = "personal-data-read"
    case personalDataChanged = "personal-data-changed"
    case planShared = "plan-shared"
    case planShareRevoked = "plan-share-revoked"
    case personalDataExported = "personal-data-exported"
}

public enum AuditOutcome: String, Codable, Sendable {
    case allowed
    case denied
}
