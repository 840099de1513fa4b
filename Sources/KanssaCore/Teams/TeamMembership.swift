import Fluent
import Foundation

/// The one way team places change: each join and each leave is also a stint begun or ended
/// (``TeamStint``), in the same transaction as the caller's, so the register of who joined and
/// left which team is true without anyone keeping it.
public enum TeamMembership {
    /// Places the person in the team, unless they are in it already.
    public static func join(_ teamID: UUID, accountID: UUID, at now: Date, on database: any Database) async throws {
        let inTeam = try await TeamMember.query(on: database).filter(\.$team.$id == teamID).filter(\.$account.$id == accountID).count() > 0
        guard !inTeam else { return }
        try await TeamMember(teamID: teamID, accountID: accountID, createdAt: now).create(on: database)
        try await TeamStint(teamID: teamID, accountID: accountID, joinedAt: now).create(on: database)
    }

    /// Takes the person out of these teams (of all their teams when nil), ending their stints.
    public static func leave(_ teamIDs: [UUID]?, accountID: UUID, at now: Date, on database: any Database) async throws {
        if let teamIDs, teamIDs.isEmpty { return }
        let places = TeamMember.query(on: database).filter(\.$account.$id == accountID)
        let stints = TeamStint.query(on: database).filter(\.$accountID == accountID).filter(\.$leftAt == nil)
        if let teamIDs {
            places.filter(\.$team.$id ~~ teamIDs)
            stints.filter(\.$teamID ~~ teamIDs)
        }
        try await places.delete()
        try await stints.set(\.$leftAt, to: now).update()
    }

    /// Unlinks an erased person from their stints: the dates stay for the teams' figures.
    public static func forget(accountID: UUID, on database: any Database) async throws {
        try await TeamStint.query(on: database).filter(\.$accountID == accountID).set(\.$accountID, to: nil).update()
        try await TeamStint.query(on: database).filter(\.$reasonByID == accountID).set(\.$reasonByID, to: nil).update()
    }
}
