import Fluent
import SQLKit

/// Who was in which team and when (``TeamStint``), begun from the team places held today.
public struct CreateTeamStints: AsyncMigration {
    public var name: String { "M025_CreateTeamStints" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(TeamStint.schema)
            .id()
            .field("team_id", .uuid, .required, .references(Team.schema, "id"))
            .field("account_id", .uuid, .references(Account.schema, "id"))
            .field("joined_at", .datetime, .required)
            .field("left_at", .datetime)
            .field("leave_reason", .string)
            .field("reason_by_id", .uuid, .references(Account.schema, "id"))
            .field("reason_at", .datetime)
            .create()
        // A team's figures read its stints by time; a person's are found when they move or leave.
        try await database.createIndex("team_stints_team_id", on: TeamStint.schema, columns: ["team_id", "joined_at"])
        try await database.createIndex("team_stints_account_id", on: TeamStint.schema, columns: ["account_id", "left_at"])
        try await database.createIndex("team_stints_reason_by_id", on: TeamStint.schema, columns: ["reason_by_id"])
        // Everyone in a team now has been since they were placed in it.
        for member in try await TeamMember.query(on: database).all() {
            try await TeamStint(teamID: member.$team.id, accountID: member.$account.id, joinedAt: member.createdAt).create(on: database)
        }
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(TeamStint.schema).delete()
    }
}
