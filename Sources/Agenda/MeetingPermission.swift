import Fluent
import Foundation
import KanssaCore
import SQLKit

/// A permission a professional records in a meeting, with the citizen present and agreeing —
/// for a citizen who is not using Kanssa themselves that day. It can only let in the
/// professional or one of their own teams, of an organisation the citizen belongs to; it is
/// recorded as made by the professional with the citizen present, and the citizen sees it so on
/// their receipt and can take it back like any other.
public enum MeetingPermission {
    public struct Model: Sendable, Equatable {
        /// The professional's own teams, in the organisations where they work as a professional.
        public let teams: [PlanSharing.TeamChoice]
        /// The professional themselves: one choice, whatever organisations they work in.
        public let people: [PlanSharing.PersonChoice]
        /// The organisation of each team offered.
        public let organisationOfTeam: [UUID: UUID]
        /// The organisations where the professional works as one.
        public let organisations: Set<UUID>
        public var citizenLogin = ""
        public var draft = Sharing.Draft()
        public var ownerPresent = false
        public var errors: [FieldError] = []
        /// Set once everything was checked: asked to confirm, naming the person.
        public var confirmation: Confirmation?

        public init(teams: [PlanSharing.TeamChoice], people: [PlanSharing.PersonChoice], organisationOfTeam: [UUID: UUID],
                    organisations: Set<UUID>) {
            self.teams = teams
            self.people = people
            self.organisationOfTeam = organisationOfTeam
            self.organisations = organisations
        }

        /// The organisations the chosen grantee belongs to: a team's own, or every one where the
        /// professional works.
        public func granteeOrganisations(of grantee: AuthorisationRequest.Grantee) -> Set<UUID> {
            switch grantee {
            case .team(let team): organisationOfTeam[team.teamID].map { [$0] } ?? []
            case .person: organisations
            }
        }

        public var legalBases: [LegalBasis] {
            PlanSharing.legalBases(of: teams, people)
        }
    }

    /// Two queries: the organisations and the teams of the professional.
    public static func load(for principal: Principal, on database: any Database) async throws -> Model {
        let organisationIDs = Set(principal.memberships.filter { $0.role == .professional }.map(\.organisationID))
        guard !organisationIDs.isEmpty else {
            return Model(teams: [], people: [], organisationOfTeam: [:], organisations: [])
        }
        let organisations = try await Organisation.query(on: database).filter(\.$id ~~ Array(organisationIDs)).all()
            .sorted { $0.name < $1.name }
        let byID = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id!, $0) })
        let teams = try await Team.query(on: database)
            .filter(\.$id ~~ Array(principal.teamIDs)).filter(\.$organisation.$id ~~ Array(organisationIDs)).all()
        let choices = teams.compactMap { team -> PlanSharing.TeamChoice? in
            guard let organisation = byID[team.$organisation.id] else { return nil }
            return PlanSharing.TeamChoice(teamID: team.id!, teamName: team.name, organisationName: organisation.name,
                                          legalBases: LegalBasis.list(organisation.legalBases))
        }
        .sorted { ($0.organisationName, $0.teamName) < ($1.organisationName, $1.teamName) }
        let me = PlanSharing.PersonChoice(
            accountID: principal.accountID, name: principal.displayName,
            organisationName: organisations.map(\.name).joined(separator: ", "),
            legalBases: LegalBasis.allCases.filter { basis in organisations.contains { LegalBasis.list($0.legalBases).contains(basis) } })
        return Model(
            teams: choices, people: [me],
            organisationOfTeam: Dictionary(uniqueKeysWithValues: teams.map { ($0.id!, $0.$organisation.id) }),
            organisations: organisationIDs)
    }

    /// A checked permission, for the professional to confirm before it is recorded.
    public struct Confirmation: Sendable, Equatable {
        public let citizenName: String
        public let request: AuthorisationRequest

        public init(citizenName: String, request: AuthorisationRequest) {
            self.citizenName = citizenName
            self.request = request
        }
    }

    /// Someone who may own a plan in one of `organisations`, found by the name they sign in with.
    public struct Citizen: Sendable, Equatable {
        public let accountID: UUID
        public let name: String
        /// The organisations among those asked about in which they are a citizen or co-trainer.
        public let organisations: Set<UUID>
    }

    /// The citizen (or co-trainer) of one of `organisations` who signs in with `login`; nil when
    /// there is none — the same answer whether nobody signs in so, they belong elsewhere, or they
    /// have restricted the processing of their data, so the form tells nothing more. One query.
    public static func citizen(login: String, in organisations: Set<UUID>, on database: any Database) async throws -> Citizen? {
        let typed = login.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !typed.isEmpty, !organisations.isEmpty, let sql = database as? any SQLDatabase else { return nil }
        let rows = try await sql.raw("""
            SELECT a.id, a.display_name, m.organisation_id FROM accounts a
            JOIN memberships m ON m.account_id = a.id
            WHERE a.login = \(bind: typed) AND a.disabled_at IS NULL AND \(unsafeRaw: DataRequests.unrestricted("a.id"))
              AND m.role IN ('citizen', 'co-trainer') AND m.organisation_id IN (\(binds: Array(organisations)))
            """).all(decoding: Row.self)
        guard let first = rows.first else { return nil }
        return Citizen(accountID: first.id, name: first.display_name, organisations: Set(rows.map(\.organisation_id)))
    }

    private struct Row: Decodable {
        let id: UUID
        let display_name: String
        let organisation_id: UUID
    }
}
