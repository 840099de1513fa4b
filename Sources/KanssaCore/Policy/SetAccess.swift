import Foundation

/// Who is inside an action-learning set as it is now: its facilitator and its current members.
/// What is said in a set stays in the set, so this is all the policy needs to decide who reads it.
public struct SetAccess: Sendable, Hashable {
    public let setID: UUID
    public let organisationID: UUID
    public let facilitatorID: UUID
    /// Members who have not left.
    public let memberIDs: Set<UUID>

    public init(setID: UUID, organisationID: UUID, facilitatorID: UUID, memberIDs: Set<UUID>) {
        self.setID = setID
        self.organisationID = organisationID
        self.facilitatorID = facilitatorID
        self.memberIDs = memberIDs
    }

    public func isInside(_ accountID: UUID) -> Bool {
        accountID == facilitatorID || memberIDs.contains(accountID)
    }
}
