import Foundation

/// A consultation as the policy sees it: the organisation that asks, and the team that runs it.
public struct ConsultationAccess: Sendable, Hashable {
    public let consultationID: UUID
    public let organisationID: UUID
    public let teamID: UUID

    public init(consultationID: UUID, organisationID: UUID, teamID: UUID) {
        self.consultationID = consultationID
        self.organisationID = organisationID
        self.teamID = teamID
    }
}
