import Fluent
import Foundation
import KanssaCore

/// How far co-creation tools have spread: per team, how many of its professionals have used
/// each tool — the organisation's measure of "capacity to deploy new tools". Counts of people
/// only, and never for a group of fewer than five.
public struct PracticeAdoption: Sendable, Equatable {
    public static let smallestGroup = GroupFigures.smallestGroup
    public static let recentDays = 90

    public struct Team: Sendable, Equatable {
        public let name: String
        public let people: Int
        /// Nil when the team has fewer than five professionals.
        public let figures: Figures?
    }

    public struct Figures: Sendable, Equatable {
        /// People who logged any tool in the last 90 days.
        public let activeRecently: Int
        /// Per tool id: people who have used it at least once.
        public let usedBy: [String: Int]
    }

    public struct Month: Sendable, Equatable {
        public let month: String
        /// Professionals of the organisation who logged anything that month.
        public let people: Int
        /// Different tools anyone had used by the end of that month.
        public let toolsSoFar: Int
    }

    public let teams: [Team]
    public let professionals: Int
    /// The organisation's last twelve months; empty when it has fewer than five professionals.
    public let months: [Month]

    /// Four queries: the organisation's professionals, its teams, their members, and the (person,
    /// tool, day) of their entries — never what anyone wrote.
    public static func of(organisationID: UUID, timeZone: TimeZone, now: Date, on database: any Database) async throws -> PracticeAdoption {
        let professionals = Set(try await Membership.query(on: database).filter(\.$organisation.$id == organisationID)
            .filter(\.$role == .professional).all(\.$account.$id))
        let teams = try await KanssaCore.Team.query(on: database).filter(\.$organisation.$id == organisationID).sort(\.$name).all()
        let memberships = try await TeamMember.query(on: database).filter(\.$team.$id ~~ teams.compactMap(\.id)).all()
        let rows = try await PracticeEntry.query(on: database).filter(\.$accountID ~~ professionals)
            .field(\.$id).field(\.$accountID).field(\.$tool).field(\.$usedOn).sort(\.$usedOn).all()
        let recent = now.addingTimeInterval(-Double(recentDays) * 24 * 3600)
        var usedBy: [String: Set<UUID>] = [:]
        var active = Set<UUID>()
        for row in rows {
            usedBy[row.tool, default: []].insert(row.accountID)
            if row.usedOn >= recent { active.insert(row.accountID) }
        }
        let teamFigures = teams.compactMap { team -> Team? in
            guard let id = team.id else { return nil }
            let people = Set(memberships.filter { $0.$team.id == id }.map(\.$account.id)).intersection(professionals)
            guard people.count >= smallestGroup else { return Team(name: team.name, people: people.count, figures: nil) }
            return Team(name: team.name, people: people.count, figures: Figures(
                activeRecently: active.intersection(people).count,
                usedBy: usedBy.mapValues { $0.intersection(people).count }.filter { $0.value > 0 }))
        }
        var months: [Month] = []
        if professionals.count >= smallestGroup {
            var seen = Set<String>()
            var peopleInMonth: [String: Set<UUID>] = [:]
            var order: [String] = []
            var toolsBy: [String: Int] = [:]
            for row in rows {
                let month = PracticeLog.monthKey(row.usedOn, timeZone)
                if peopleInMonth[month] == nil { order.append(month) }
                peopleInMonth[month, default: []].insert(row.accountID)
                seen.insert(row.tool)
                toolsBy[month] = seen.count
            }
            months = order.suffix(12).map { Month(month: $0, people: peopleInMonth[$0]?.count ?? 0, toolsSoFar: toolsBy[$0] ?? 0) }
        }
        return PracticeAdoption(teams: teamFigures, professionals: professionals.count, months: months)
    }
}
