import Agenda
import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Turnover seen from the citizen's side: plans that lost the last person who could see them
/// when someone left a team, and how long until someone new could. A plan "has someone" at a
/// moment when a share in force then names a person still in a team (or one never in a team,
/// whom no leaving can take away), or a team with someone in it. Only a leaving starts a loss:
/// a share the owner took back, or one that ran out, is the owner's choice.
public enum Continuity {
    /// One plan's loss: when its last person went, and when someone could see it again.
    public struct Loss: Sendable, Equatable {
        public let at: Date
        public let regainedAt: Date?
    }

    /// What one period shows of the losses that began in it.
    public struct Figures: Sendable, Equatable {
        public let plans: Int
        /// Days until someone new, of those who have someone again: the middle and the longest.
        public let medianDays: Double?
        public let longestDays: Double?
        /// Plans still without anyone.
        public let waiting: Int
    }

    /// A share as continuity needs it.
    public struct Share: Sendable, Equatable {
        public let plan: UUID
        public let account: UUID?
        public let team: UUID?
        public let from: Date
        /// When it stopped being in force: taken back or run out.
        public let until: Date

        public init(plan: UUID, account: UUID?, team: UUID?, from: Date, until: Date) {
            self.plan = plan
            self.account = account
            self.team = team
            self.from = from
            self.until = until
        }

        func isInForce(at moment: Date) -> Bool { from <= moment && moment < until }
    }

    /// A stint as continuity needs it.
    public struct Stint: Sendable, Equatable {
        public let team: UUID
        public let account: UUID?
        public let joinedAt: Date
        public let leftAt: Date?

        public init(team: UUID, account: UUID?, joinedAt: Date, leftAt: Date?) {
            self.team = team
            self.account = account
            self.joinedAt = joinedAt
            self.leftAt = leftAt
        }

        func isPresent(at moment: Date) -> Bool { joinedAt <= moment && (leftAt.map { $0 > moment } ?? true) }

        /// The stints of these teams, read as four plain columns: an organisation of thousands of
        /// staff has as many stints, and a Fluent model is decoded field by field through reflection
        /// (a profile of the dashboard at 10,000 staff spent over a third of its time there). One query.
        public static func of(teams: [UUID], on database: any Database) async throws -> [Stint] {
            guard !teams.isEmpty else { return [] }
            guard let sql = database as? any SQLDatabase else {
                return try await TeamStint.query(on: database).filter(\.$teamID ~~ teams).all()
                    .map { Stint(team: $0.teamID, account: $0.accountID, joinedAt: $0.joinedAt, leftAt: $0.leftAt) }
            }
            struct Row: Decodable { let team_id: UUID; let account_id: UUID?; let joined_at: Date; let left_at: Date? }
            return try await sql.select().column("team_id").column("account_id").column("joined_at").column("left_at")
                .from(TeamStint.schema).where("team_id", .in, teams).all(decoding: Row.self)
                .map { Stint(team: $0.team_id, account: $0.account_id, joinedAt: $0.joined_at, leftAt: $0.left_at) }
        }
    }

    /// Each plan's losses that began after `start` and by `end` (as staff figures count leavers), from its shares and the stints of those
    /// they name, as of `now`.
    public static func losses(shares: [Share], stints: [Stint], from start: Date, to end: Date, now: Date) -> [Loss] {
        let byTeam = Dictionary(grouping: stints, by: \.team)
        let byAccount = Dictionary(grouping: stints.filter { $0.account != nil }, by: { $0.account! })
        func hasSomeone(_ shares: [Share], at moment: Date) -> Bool {
            shares.contains { share in
                guard share.isInForce(at: moment) else { return false }
                if let team = share.team { return (byTeam[team] ?? []).contains { $0.isPresent(at: moment) } }
                guard let account = share.account else { return false }
                let own = byAccount[account] ?? []
                return own.isEmpty || own.contains { $0.isPresent(at: moment) }
            }
        }
        var losses: [Loss] = []
        for (_, planShares) in Dictionary(grouping: shares, by: \.plan) {
            let named = Set(planShares.compactMap(\.account)), teams = Set(planShares.compactMap(\.team))
            let relevant = stints.filter { teams.contains($0.team) || $0.account.map(named.contains) ?? false }
            // Moments someone left, in the period; a loss is one after which nobody is left.
            let leavings = Set(relevant.compactMap(\.leftAt).filter { $0 > start && $0 <= end }).sorted()
            // Moments someone may have come: a share begun, someone joining a team.
            let comings = Set(planShares.map(\.from) + relevant.map(\.joinedAt)).sorted()
            var after = Date.distantPast
            for moment in leavings where moment > after {
                guard hasSomeone(planShares, at: moment.addingTimeInterval(-1)), !hasSomeone(planShares, at: moment) else { continue }
                let regained = comings.first { $0 > moment && $0 <= now && hasSomeone(planShares, at: $0) }
                losses.append(Loss(at: moment, regainedAt: regained))
                after = regained ?? .distantFuture
            }
        }
        return losses.sorted { $0.at < $1.at }
    }

    /// The figures of a period's losses.
    public static func figures(_ losses: [Loss]) -> Figures {
        let days = losses.compactMap { loss in loss.regainedAt.map { $0.timeIntervalSince(loss.at) / 86_400 } }.sorted()
        let median: Double? = days.isEmpty ? nil
            : days.count % 2 == 1 ? days[days.count / 2] : (days[days.count / 2 - 1] + days[days.count / 2]) / 2
        return Figures(plans: losses.count, medianDays: median, longestDays: days.last, waiting: losses.filter { $0.regainedAt == nil }.count)
    }

    /// The organisation's continuity per period: plans shared with its teams or with people in
    /// them that lost their last person when someone left one of them. Three queries: the plans
    /// touched by a leaving, their shares, and the stints of everyone those shares name.
    public static func load(teams: [UUID], stints teamStints: [Stint], periods: [StaffChanges.Period], now: Date,
                            on database: any Database) async throws -> [Figures] {
        guard let first = periods.first?.start, let last = periods.last?.end else { return [] }
        let leavings = teamStints.filter { $0.leftAt.map { $0 > first && $0 <= last } ?? false }
        guard !leavings.isEmpty else { return periods.map { _ in figures([]) } }
        let leftTeams = Array(Set(leavings.map(\.team))), leavers = Array(Set(leavings.compactMap(\.account)))
        let touched = try await PlanAuthorisation.query(on: database).group(.or) { group in
            group.filter(\.$granteeTeamID ~~ leftTeams)
            if !leavers.isEmpty { group.filter(\.$granteeAccountID ~~ leavers) }
        }.field(\.$plan.$id).unique().all(\.$plan.$id)
        guard !touched.isEmpty else { return periods.map { _ in figures([]) } }
        let authorisations = try await PlanAuthorisation.query(on: database).filter(\.$plan.$id ~~ touched).all()
        let shares = authorisations.map { share in
            Share(plan: share.$plan.id, account: share.granteeAccountID, team: share.granteeTeamID, from: share.createdAt,
                  until: min(share.expiresAt, share.revokedAt ?? .distantFuture))
        }
        // Stints of every team and person named, in this organisation or another.
        let named = Array(Set(shares.compactMap(\.account))), sharedTeams = Array(Set(shares.compactMap(\.team)))
        let stints = try await TeamStint.query(on: database).group(.or) { group in
            group.filter(\.$teamID ~~ sharedTeams)
            if !named.isEmpty { group.filter(\.$accountID ~~ named) }
        }.all().map { Stint(team: $0.teamID, account: $0.accountID, joinedAt: $0.joinedAt, leftAt: $0.leftAt) }
        let ours = Set(teams)
        return periods.map { period in
            // Only losses begun by someone leaving one of this organisation's teams.
            let begun = losses(shares: shares, stints: stints, from: period.start, to: period.end, now: now).filter { loss in
                leavings.contains { $0.leftAt == loss.at && ours.contains($0.team) }
            }
            return figures(begun)
        }
    }
}
