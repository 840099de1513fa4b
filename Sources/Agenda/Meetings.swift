import Fluent
import Foundation
import KanssaCore

/// Meetings as a plan records them: a day on which someone other than the owner wrote a note or
/// gave a rating with the owner present. What other modules read of them (Evaluation asks the
/// citizen afterwards how it went) goes through here.
public enum Meetings {
    public struct Meeting: Sendable, Equatable {
        public let professionalID: UUID
        /// The day, in the organisation's time zone ("2026-12-05").
        public let day: String
        /// The latest thing written that day.
        public let at: Date
    }

    /// The plan's meetings since `since`, newest first; one per person and day. Two queries.
    public static func held(onPlan planID: UUID, ownerID: UUID, since: Date, timeZone: TimeZone, on database: any Database) async throws -> [Meeting] {
        let notes = try await PlanNote.query(on: database).filter(\.$plan.$id == planID).filter(\.$withOwnerPresent == true)
            .filter(\.$createdAt >= since).filter(\.$authorID != ownerID).all().map { ($0.authorID, $0.createdAt) }
        let ratings = try await CheckIn.query(on: database).filter(\.$plan.$id == planID).filter(\.$withOwnerPresent == true)
            .filter(\.$createdAt >= since).filter(\.$ratedByID != ownerID).all().map { ($0.ratedByID, $0.createdAt) }
        var latest: [String: Meeting] = [:]
        for (person, at) in notes + ratings {
            let day = PlanActions.day(at, in: timeZone)
            let key = "\(person)/\(day)"
            if latest[key].map({ $0.at < at }) ?? true { latest[key] = Meeting(professionalID: person, day: day, at: at) }
        }
        return latest.values.sorted { ($0.at, $0.professionalID.uuidString) > ($1.at, $1.professionalID.uuidString) }
    }

    /// Where a person who met the owner works, as far as the plan tells: the organisation and
    /// team of a share of the plan that reaches them, else their own first organisation as
    /// staff. Three queries.
    public static func place(of personID: UUID, onPlan planID: UUID, at now: Date, on database: any Database) async throws -> (UUID, UUID?)? {
        let teams = try await TeamMember.query(on: database).filter(\.$account.$id == personID).all().map(\.$team.id)
        let shares = try await PlanAuthorisation.query(on: database).filter(\.$plan.$id == planID).filter(\.$revokedAt == nil)
            .filter(\.$expiresAt > now).filter(\.$granteeTeamID ~~ teams.map(Optional.some)).sort(\.$createdAt).all()
        if let teamID = shares.first?.granteeTeamID, let team = try await Team.find(teamID, on: database) {
            return (team.$organisation.id, teamID)
        }
        let memberships = try await Membership.query(on: database).filter(\.$account.$id == personID)
            .filter(\.$role ~~ [.professional, .coordinator]).sort(\.$createdAt).all()
        return memberships.first.map { ($0.$organisation.id, nil) }
    }
}
