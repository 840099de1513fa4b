import Fluent
import Foundation

/// A one-time code that lets a person join an organisation in a role. Only a keyed digest of the
/// code is stored. `@unchecked Sendable`: see ``Organisation``.
public final class Invitation: Model, @unchecked Sendable {
    public static let schema = "invitations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code_digest") public var codeDigest: String
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "role") public var role: Role
    @OptionalParent(key: "team_id") public var team: Team?
    @Parent(key: "invited_by_id") public var invitedBy: Account
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "redeemed_at") public var redeemedAt: Date?
    @OptionalParent(key: "redeemed_by_id") public var redeemedBy: Account?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(
        id: UUID? = nil, codeDigest: String, organisationID: UUID, role: Role, teamID: UUID?,
        invitedByID: UUID, expiresAt: Date, createdAt: Date
    ) {
        self.id = id
        self.codeDigest = codeDigest
        self.$organisation.id = organisationID
        self.role = role
        self.$team.id = teamID
        self.$invitedBy.id = invitedByID
        self.expiresAt = expiresAt
        self.createdAt = createdAt
    }
}
