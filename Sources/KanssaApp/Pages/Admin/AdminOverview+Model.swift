import Fluent
import Foundation
import KanssaCore
import SQLKit

enum AdminOverview {
    /// An organisation as its administrator sees it: teams, members (a page at a time) and
    /// invitations still open.
    struct Model: Equatable {
        struct TeamLine: Equatable {
            let name: String
            let memberCount: Int
        }

        struct MemberLine: Equatable {
            let accountID: UUID
            let displayName: String
            let login: String
            let roles: [Role]
            let teams: [String]
            let isDisabled: Bool
        }

        struct InvitationLine: Equatable {
            let role: Role
            let teamName: String?
            let invitedBy: String
            let expiresAt: Date
        }

        let organisationID: UUID
        let organisationName: String
        let teams: [TeamLine]
        let members: Paged<MemberLine>
        /// What the member list is searched for: part of a name or a login.
        var search = ""
        let openInvitations: [InvitationLine]
        var newTeamName = ""
        var errors: [FieldError] = []
        var notice: Notice?
    }

    /// A fixed number of queries whatever the organisation's size: members are fetched a page at a
    /// time, with their roles and teams for that page only.
    static func load(
        organisationID: UUID, page: ListPage, search: String = "", now: Date, on database: any Database
    ) async throws -> Model {
        guard let organisation = try await Organisation.find(organisationID, on: database) else {
            throw KanssaError.notFound
        }
        let members = try await MemberDirectory.page(organisationID: organisationID, page: page, search: search, on: database)
        let teams = try await Team.query(on: database)
            .filter(\.$organisation.$id == organisationID)
            .sort(\.$name)
            .all()
        let teamIDs = teams.compactMap(\.id)
        let teamCounts = try await TeamMember.query(on: database)
            .filter(\.$team.$id ~~ teamIDs)
            .all(\.$team.$id)
            .reduce(into: [UUID: Int]()) { $0[$1, default: 0] += 1 }
        let invitations = try await Invitation.query(on: database)
            .filter(\.$organisation.$id == organisationID)
            .filter(\.$redeemedAt == nil)
            .filter(\.$expiresAt > now)
            .with(\.$invitedBy)
            .with(\.$team)
            .sort(\.$expiresAt)
            .range(0..<50)
            .all()
        return Model(
            organisationID: organisationID,
            organisationName: organisation.name,
            teams: teams.map { Model.TeamLine(name: $0.name, memberCount: teamCounts[$0.id!] ?? 0) },
            members: members,
            search: search,
            openInvitations: invitations.map {
                Model.InvitationLine(role: $0.role, teamName: $0.team?.name, invitedBy: $0.invitedBy.displayName, expiresAt: $0.expiresAt)
            }
        )
    }
}

/// The members of an organisation, for administrators.
enum MemberDirectory {
    private struct Row: Decodable {
        let id: UUID
        let display_name: String
        let login: String
        let disabled_at: Date?
    }

    /// One page of the members, those whose name or login holds `search` (ignoring case and
    /// accents) when it is given. Four queries.
    static func page(
        organisationID: UUID, page: ListPage, search: String = "", on database: any Database
    ) async throws -> Paged<AdminOverview.Model.MemberLine> {
        guard let sql = database as? any SQLDatabase else { throw KanssaError.notFound }
        let matching: SQLQueryString = search.isEmpty ? "" : """
             AND (a.search_name LIKE \(bind: likeContaining(Account.searchKey(search))) ESCAPE '\\' \
            OR a.login LIKE \(bind: likeContaining(search.lowercased())) ESCAPE '\\')
            """
        let total = try await sql.raw("""
            SELECT COUNT(*) AS n FROM accounts a
            WHERE a.id IN (SELECT account_id FROM memberships WHERE organisation_id = \(bind: organisationID))\(matching)
            """).first(decodingColumn: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("""
            SELECT a.id, a.display_name, a.login, a.disabled_at FROM accounts a
            WHERE a.id IN (SELECT account_id FROM memberships WHERE organisation_id = \(bind: organisationID))\(matching)
            ORDER BY a.display_name, a.id LIMIT \(bind: page.size) OFFSET \(bind: page.offset)
            """).all(decoding: Row.self)
        let ids = rows.map(\.id)
        let roles = try await Membership.query(on: database)
            .filter(\.$organisation.$id == organisationID)
            .filter(\.$account.$id ~~ ids)
            .all()
            .reduce(into: [UUID: [Role]]()) { $0[$1.$account.id, default: []].append($1.role) }
        let teams = try await TeamMember.query(on: database)
            .join(Team.self, on: \TeamMember.$team.$id == \Team.$id)
            .filter(Team.self, \.$organisation.$id == organisationID)
            .filter(\.$account.$id ~~ ids)
            .all()
            .reduce(into: [UUID: [String]]()) { result, member in
                if let team = try? member.joined(Team.self) { result[member.$account.id, default: []].append(team.name) }
            }
        let lines = rows.map {
            AdminOverview.Model.MemberLine(
                accountID: $0.id, displayName: $0.display_name, login: $0.login,
                roles: (roles[$0.id] ?? []).sorted(), teams: (teams[$0.id] ?? []).sorted(),
                isDisabled: $0.disabled_at != nil)
        }
        return Paged(items: lines, page: page, total: total)
    }
}
