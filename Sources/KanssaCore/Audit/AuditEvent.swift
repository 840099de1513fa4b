/// What happened, as stored in the audit log. Raw values are history: never rename one.
public enum AuditEvent: String, Codable, Sendable, CaseIterable {
    case signedIn = "sign-in"
    case signInFailed = "sign-in-failed"
    case signInThrottled = "sign-in-throttled"
    /// A day's cap on failed sign-ins to one account was reached (on that person's trace).
    case signInCapReached = "sign-in-cap-reached"
    case signedOut = "sign-out"
    case sessionExpired = "session-expired"
    case requestDenied = "request-denied"
    case invitationCreated = "invitation-created"
    case invitationRedeemed = "invitation-redeemed"
    case invitationRefused = "invitation-refused"
    case rolesChanged = "roles-changed"
    case teamsChanged = "teams-changed"
    case accountDisabled = "account-disabled"
    /// The person changed their own password; their other sessions ended.
    case passwordChanged = "password-changed"
    case passwordResetIssued = "password-reset-issued"
    case accountCreated = "account-created"
    case teamCreated = "team-created"
    case personalDataRead = "personal-data-read"
    case personalDataChanged = "personal-data-changed"
    case planShared = "plan-shared"
    case planShareRevoked = "plan-share-revoked"
    case personalDataExported = "personal-data-exported"
    /// A person asked for their data's processing to be restricted, or for its erasure.
    case dataRequestMade = "data-request-made"
    /// A person lifted their restriction or withdrew their erasure request.
    case dataRequestEnded = "data-request-ended"
    /// The retention job erased records (counts only: the person is gone from the log).
    case personalDataErased = "personal-data-erased"
    case retentionRulesChanged = "retention-rules-changed"
    case lifeAreasChanged = "life-areas-changed"
    case sharingReasonsChanged = "sharing-reasons-changed"
    case aboutPageChanged = "about-page-changed"
    case roundOpened = "round-opened"
    case learningSetCreated = "learning-set-created"
    case practiceToolAdded = "practice-tool-added"
    case learningSessionCreated = "learning-session-created"
    case instrumentImported = "instrument-imported"
    case panelCreated = "panel-created"
    case modulePublished = "module-published"
    case moduleAdapted = "module-adapted"
    case encounterSessionScheduled = "encounter-session-scheduled"
    /// A consultation's answers or codings taken out of Kanssa (CSV, REFI-QDA).
    case consultationExported = "consultation-exported"
    case pulseScheduled = "pulse-scheduled"
    case pulseStopped = "pulse-stopped"
    /// Why someone's time in a team ended, recorded by an admin.
    case leaveReasonRecorded = "leave-reason-recorded"
    case barrierRecorded = "barrier-recorded"
    /// A barrier changed: what it is, its evidence, an action or a review.
    case barrierChanged = "barrier-changed"
    /// An admin admitted a researcher to a research project of the organisation.
    case researchProjectAdmitted = "research-project-admitted"
    /// An admin ended a research project before its end date.
    case researchProjectEnded = "research-project-ended"
    /// A researcher asked for an export; another person released or refused it.
    case researchExportRequested = "research-export-requested"
    case researchExportReleased = "research-export-released"
    case researchExportRefused = "research-export-refused"
    /// A researcher downloaded one table of a released export.
    case researchExportDownloaded = "research-export-downloaded"
}

public enum AuditOutcome: String, Codable, Sendable {
    case allowed
    case denied
}
