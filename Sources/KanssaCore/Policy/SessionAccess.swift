import Foundation

/// A learning session as the policy sees it: whose organisation, who runs it, who registered,
/// and who the trainer recorded as absent.
public struct SessionAccess: Sendable, Hashable {
    public let sessionID: UUID
    public let organisationID: UUID
    public let trainerID: UUID
    /// People registered now (not cancelled).
    public let registeredIDs: Set<UUID>
    /// Registered people recorded as not having come.
    public let absentIDs: Set<UUID>

    public init(sessionID: UUID, organisationID: UUID, trainerID: UUID, registeredIDs: Set<UUID>, absentIDs: Set<UUID>) {
        self.sessionID = sessionID
        self.organisationID = organisationID
        self.trainerID = trainerID
        self.registeredIDs = registeredIDs
        self.absentIDs = absentIDs
    }
}
