import Fluent
import Foundation
import KanssaCore
import SQLKit

/// What a citizen's own plan asks of them now, most pressing first: their things to do that are
/// overdue, days coming on which two services expect something of them at once, suggestions from
/// professionals waiting for their answer, and their things to do due within a week. Read from the
/// plan's whole picture, so it costs no query of its own however long the plan's history.
public enum WaitingForYou {
    public enum Item: Sendable, Equatable {
        case overdue(action: String, dueOn: String)
        case clash(dueOn: String, services: Int)
        case suggestion(goal: String, from: String?)
        case dueSoon(action: String, dueOn: String)
        /// A share of the plan that runs out soon: the person may want it longer, or not.
        case shareEnding(share: UUID, grantee: String, granteeAccountID: UUID?, isTeam: Bool, on: Date)
        /// Someone the plan is shared with left their team (or everyone in a team it is shared with
        /// left): the person may want to share it with someone else.
        case sharedWithLeft(share: UUID, grantee: String, granteeAccountID: UUID?, isTeam: Bool, on: Date)
    }

    /// How many days ahead a thing to do counts as due soon.
    public static let daysAhead = 7

    public static func items(in picture: WholePicture.Model, now: Date, timeZone: TimeZone) -> [Item] {
        let today = PlanActions.day(now, in: timeZone)
        let weekAhead = PlanActions.day(now.addingTimeInterval(TimeInterval(daysAhead) * 86_400), in: timeZone)
        let mine = picture.services.flatMap(\.lines)
            .filter { $0.status == .open && $0.ownerKind == .citizen && $0.dueOn != nil }
            .sorted { ($0.dueOn ?? "", $0.text) < ($1.dueOn ?? "", $1.text) }
        let overdue = mine.filter(\.isOverdue).map { Item.overdue(action: $0.text, dueOn: $0.dueOn ?? "") }
        let clashes = picture.clashes.filter { $0.day >= today }.sorted { $0.day < $1.day }
            .map { Item.clash(dueOn: $0.day, services: Set($0.lines.map(\.service)).count) }
        let suggestions = picture.goals.filter { $0.status == .awaitingCitizen }
            .map { Item.suggestion(goal: $0.text, from: $0.suggestedBy) }
        let dueSoon = mine.filter { !$0.isOverdue && ($0.dueOn ?? "") <= weekAhead }
            .map { Item.dueSoon(action: $0.text, dueOn: $0.dueOn ?? "") }
        return overdue + clashes + suggestions + dueSoon
    }

    /// How many days ahead a share counts as ending soon.
    public static let shareDaysAhead = 14

    /// Shares of the plan in force that run out within ``shareDaysAhead`` days, soonest first,
    /// with whom they are: three queries at most, bounded by the plan's shares.
    public static func sharesEnding(planID: UUID, now: Date, on database: any Database) async throws -> [Item] {
        let ending = try await PlanAuthorisation.query(on: database)
            .filter(\.$plan.$id == planID).filter(\.$revokedAt == nil)
            .filter(\.$expiresAt > now).filter(\.$expiresAt <= now.addingTimeInterval(TimeInterval(shareDaysAhead) * 86_400))
            .sort(\.$expiresAt).all()
        guard !ending.isEmpty else { return [] }
        let teams = try await Team.granteeNames(of: Set(ending.compactMap(\.granteeTeamID)), on: database)
        let people = try await Account.displayNames(of: ending.compactMap(\.granteeAccountID), on: database)
        return ending.map { share in
            .shareEnding(
                share: share.id!,
                grantee: share.granteeTeamID.flatMap { teams[$0] } ?? share.granteeAccountID.flatMap { people[$0] } ?? "–",
                granteeAccountID: share.granteeAccountID, isTeam: share.granteeTeamID != nil, on: share.expiresAt)
        }
    }

    /// Shares of the plan in force with someone who has left every team they were in, or with a
    /// team everyone has left — known from the teams' stints (``TeamStint``); someone never in a
    /// team has not left one. Four queries at most, bounded by the plan's shares.
    public static func sharesWhoseHoldersLeft(planID: UUID, now: Date, on database: any Database) async throws -> [Item] {
        let shares = try await PlanAuthorisation.query(on: database)
            .filter(\.$plan.$id == planID).filter(\.$revokedAt == nil).filter(\.$expiresAt > now).sort(\.$createdAt).all()
        guard !shares.isEmpty else { return [] }
        let people = Array(Set(shares.compactMap(\.granteeAccountID)))
        let teams = Array(Set(shares.compactMap(\.granteeTeamID)))
        var stints: [TeamStint] = []
        if !people.isEmpty { stints += try await TeamStint.query(on: database).filter(\.$accountID ~~ people).all() }
        if !teams.isEmpty { stints += try await TeamStint.query(on: database).filter(\.$teamID ~~ teams).all() }
        /// When the last of these stints ended, if they all have.
        func allLeft(_ stints: [TeamStint]) -> Date? {
            guard !stints.isEmpty, stints.allSatisfy({ $0.leftAt != nil }) else { return nil }
            return stints.compactMap(\.leftAt).max()
        }
        let left = shares.compactMap { share -> (PlanAuthorisation, Date)? in
            let held = share.granteeTeamID.map { team in stints.filter { $0.teamID == team } }
                ?? stints.filter { $0.accountID != nil && $0.accountID == share.granteeAccountID }
            return allLeft(held).map { (share, $0) }
        }
        guard !left.isEmpty else { return [] }
        let teamNames = try await Team.granteeNames(of: Set(left.compactMap(\.0.granteeTeamID)), on: database)
        let names = try await Account.displayNames(of: left.compactMap(\.0.granteeAccountID), on: database)
        return left.map { share, on in
            .sharedWithLeft(
                share: share.id!,
                grantee: share.granteeTeamID.flatMap { teamNames[$0] } ?? share.granteeAccountID.flatMap { names[$0] } ?? "–",
                granteeAccountID: share.granteeAccountID, isTeam: share.granteeTeamID != nil, on: on)
        }
    }

    /// What others wrote on the plan after `since`: how many notes, and their authors, the most
    /// recent first. One query, on the plan's notes index.
    public static func notes(
        on planID: UUID, ownerID: UUID, since: Date, on database: any Database
    ) async throws -> (count: Int, authorIDs: [UUID]) {
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        struct Row: Decodable { let author_id: UUID; let notes: Int }
        let rows = try await sql.raw("""
            SELECT author_id, COUNT(*) AS notes, MAX(created_at) AS last_note FROM plan_notes
            WHERE plan_id = \(bind: planID) AND created_at > \(bind: since) AND author_id <> \(bind: ownerID)
            GROUP BY author_id ORDER BY last_note DESC, author_id
            """).all(decoding: Row.self)
        return (rows.reduce(0) { $0 + $1.notes }, rows.map(\.author_id))
    }
}
