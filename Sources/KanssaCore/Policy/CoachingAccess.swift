import Foundation

/// A coaching relationship as the policy sees it: who coaches whom, whether it goes on, and
/// whether the coachee — who owns the record — lets the coach keep reading after it ends.
public struct CoachingAccess: Sendable, Hashable {
    public let coachingID: UUID
    public let organisationID: UUID
    public let coachID: UUID
    public let coacheeID: UUID
    public let isActive: Bool
    public let coachMayReadAfterEnd: Bool

    public init(coachingID: UUID, organisationID: UUID, coachID: UUID, coacheeID: UUID, isActive: Bool, coachMayReadAfterEnd: Bool) {
        self.coachingID = coachingID
        self.organisationID = organisationID
        self.coachID = coachID
        self.coacheeID = coacheeID
        self.isActive = isActive
        self.coachMayReadAfterEnd = coachMayReadAfterEnd
    }
}
