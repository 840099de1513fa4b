import Fluent
import Foundation

/// Why someone's time in a team ended, as an admin records it.
public enum LeaveReason: String, Codable, Sendable, CaseIterable {
    /// Left the organisation's work.
    case left
    case movedTeam
    case longLeave
    /// The provider they worked for ended.
    case providerEnded
}

/// One person's unbroken time in one team: from joining to leaving, or still there. Written by
/// ``TeamMembership`` with every change of team places, so the register of who joined and left
/// is true without anyone keeping it. After an erasure the person's link goes; the dates stay,
/// as the team's figures are made of them. `@unchecked Sendable`: see ``Account``.
public final class TeamStint: Model, @unchecked Sendable {
    public static let schema = "team_stints"

    @ID(key: .id) public var id: UUID?
    @Field(key: "team_id") public var teamID: UUID
    @OptionalField(key: "account_id") public var accountID: UUID?
    @Field(key: "joined_at") public var joinedAt: Date
    @OptionalField(key: "left_at") public var leftAt: Date?
    @OptionalEnum(key: "leave_reason") public var leaveReason: LeaveReason?
    @OptionalField(key: "reason_by_id") public var reasonByID: UUID?
    @OptionalField(key: "reason_at") public var reasonAt: Date?

    public init() {}

    public init(teamID: UUID, accountID: UUID, joinedAt: Date) {
        self.teamID = teamID
        self.accountID = accountID
        self.joinedAt = joinedAt
    }
}
