import Fluent
import Foundation

/// An account's place in a team. `@unchecked Sendable`: see ``Organisation``.
public final class TeamMember: Model, @unchecked Sendable {
    public static let schema = "team_members"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "team_id") public var team: Team
    @Parent(key: "account_id") public var account: Account
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: UUID? = nil, teamID: UUID, accountID: UUID, createdAt: Date) {
        self.id = id
        self.$team.id = teamID
        self.$account.id = accountID
        self.createdAt = createdAt
    }
}
