import Fluent
import Foundation

/// One role that an account holds in one organisation. A person with two roles in the same
/// organisation has two memberships. `@unchecked Sendable`: see ``Organisation``.
public final class Membership: Model, @unchecked Sendable {
    public static let schema = "memberships"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "account_id") public var account: Account
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "role") public var role: Role
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: UUID? = nil, accountID: UUID, organisationID: UUID, role: Role, createdAt: Date) {
        self.id = id
        self.$account.id = accountID
        self.$organisation.id = organisationID
        self.role = role
        self.createdAt = createdAt
    }
}
