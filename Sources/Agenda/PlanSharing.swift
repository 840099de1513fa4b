import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Who may see a plan, as its owner decided: authorising, revoking, and reading it back.
public enum PlanSharing {
    /// Everything the policy needs about a plan, or nil if there is no such plan: one query (the
    /// plan's owner, whether they restricted processing, and one row per authorisation), prepared
    /// once per connection on PostgreSQL — every request about someone else's plan asks it.
    public static func access(planID: UUID, at now: Date, on database: any Database) async throws -> PlanAccess? {
        let rows = try await database.rows(of: AccessToPlan(planID: planID))
        guard let plan = rows.first else { return nil }
        let grants = rows.compactMap { row -> PlanGrant? in
            guard let sections = row.sections, let expiresAt = row.expires_at else { return nil }
            return PlanGrant(
                granteeAccountID: row.grantee_account_id, granteeTeamID: row.grantee_team_id,
                storedSections: sections, expiresAt: expiresAt, revokedAt: row.revoked_at)
        }
        return PlanAccess(planID: planID, ownerID: plan.owner_id, grants: grants, isRestricted: !plan.unrestricted, now: now)
    }

    /// A plan's owner, whether they restricted processing, and the plan's authorisations (none:
    /// one row of NULLs beside the owner).
    struct AccessToPlan: FrequentQuery {
        struct Row: Decodable, Sendable {
            let owner_id: UUID
            let unrestricted: Bool
            let grantee_account_id: UUID?
            let grantee_team_id: UUID?
            let sections: String?
            let expires_at: Date?
            let revoked_at: Date?
        }

        static let sql = """
            SELECT p.owner_id,
                \(DataRequests.unrestricted("p.owner_id")) AS unrestricted,
                pa.grantee_account_id, pa.grantee_team_id, pa.sections, pa.expires_at, pa.revoked_at
            FROM plans p LEFT JOIN plan_authorisations pa ON pa.plan_id = p.id
            WHERE p.id = $1
            """
        let planID: UUID
        var parameters: [QueryParameter] { [.uuid(planID)] }
    }

    /// What the owners of these plans allowed, by plan: one query, read as plain rows — every
    /// request about a plan, and every caseload line, needs them.
    public static func grants(of planIDs: [UUID], on sql: any SQLDatabase) async throws -> [UUID: [PlanGrant]] {
        guard !planIDs.isEmpty else { return [:] }
        struct Row: Decodable {
            let plan_id: UUID
            let grantee_account_id: UUID?
            let grantee_team_id: UUID?
            let sections: String
            let expires_at: Date
            let revoked_at: Date?
        }
        return try await sql.select()
            .columns("plan_id", "grantee_account_id", "grantee_team_id", "sections", "expires_at", "revoked_at")
            .from(PlanAuthorisation.schema).where("plan_id", .in, planIDs)
            .all(decoding: Row.self)
            .reduce(into: [UUID: [PlanGrant]]()) { grants, row in
                grants[row.plan_id, default: []].append(PlanGrant(
                    granteeAccountID: row.grantee_account_id, granteeTeamID: row.grantee_team_id,
                    storedSections: row.sections, expiresAt: row.expires_at, revokedAt: row.revoked_at))
            }
    }

    /// A team a citizen can authorise: one of the teams of an organisation they belong to.
    public struct TeamChoice: Sendable, Equatable {
        public let teamID: UUID
        public let teamName: String
        public let organisationName: String
        public let legalBases: [LegalBasis]
        /// The organisation's own words for what each basis means, where it wrote them.
        public let explanations: [LegalBasis: String]

        public init(
            teamID: UUID, teamName: String, organisationName: String, legalBases: [LegalBasis], explanations: [LegalBasis: String] = [:]
        ) {
            self.teamID = teamID
            self.teamName = teamName
            self.organisationName = organisationName
            self.legalBases = legalBases
            self.explanations = explanations
        }
    }

    /// The teams of every organisation the citizen belongs to. The wall between organisations
    /// holds: a citizen sees the teams of an organisation only once it has invited them.
    public static func teamChoices(for ownerID: UUID, on database: any Database) async throws -> [TeamChoice] {
        let organisationIDs = Set(try await Membership.query(on: database).filter(\.$account.$id == ownerID).all(\.$organisation.$id))
        let organisations = try await Organisation.query(on: database).filter(\.$id ~~ Array(organisationIDs)).all()
        let teams = try await Team.query(on: database).filter(\.$organisation.$id ~~ Array(organisationIDs)).all()
        let explanations = try await LegalBasisExplanation.of(Array(organisationIDs), on: database)
        let byID = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id!, $0) })
        return teams.compactMap { team in
            guard let organisation = byID[team.$organisation.id] else { return nil }
            return TeamChoice(
                teamID: team.id!, teamName: team.name, organisationName: organisation.name,
                legalBases: LegalBasis.list(organisation.legalBases), explanations: explanations[team.$organisation.id] ?? [:])
        }
        .sorted { ($0.organisationName, $0.teamName) < ($1.organisationName, $1.teamName) }
    }

    /// What a basis means in the words of an organisation of these choices that wrote some (the
    /// first, in the order the choices come); nil where none did, and Kanssa's own words show.
    public static func explanation(of basis: LegalBasis, _ teams: [TeamChoice], _ people: [PersonChoice]) -> String? {
        teams.lazy.compactMap { $0.explanations[basis] }.first ?? people.lazy.compactMap { $0.explanations[basis] }.first
    }

    /// Every basis the organisations of these choices configured, in a stable order: what a
    /// permission form offers.
    public static func legalBases(of teams: [TeamChoice], _ people: [PersonChoice]) -> [LegalBasis] {
        LegalBasis.allCases.filter { basis in
            teams.contains { $0.legalBases.contains(basis) } || people.contains { $0.legalBases.contains(basis) }
        }
    }

    /// SQL: the authorisation aliased `pa` names `section` among its sections (stored as a
    /// comma-separated list). For figures counted in the database over many plans.
    static func names(_ section: PlanSection) -> SQLQueryString {
        "(',' || pa.sections || ',') LIKE \(bind: "%,\(section.rawValue),%")"
    }

    /// SQL: the plan of the authorisation aliased `pa` belongs to someone who has not restricted
    /// the processing of their data.
    static var unrestricted: SQLQueryString {
        "EXISTS (SELECT 1 FROM plans rp WHERE rp.id = pa.plan_id AND \(unsafeRaw: DataRequests.unrestricted("rp.owner_id")))"
    }

    /// A person a citizen can authorise by name: a professional of an organisation the citizen
    /// belongs to.
    public struct PersonChoice: Sendable, Equatable {
        public let accountID: UUID
        public let name: String
        public let organisationName: String
        public let legalBases: [LegalBasis]
        public let explanations: [LegalBasis: String]

        public init(
            accountID: UUID, name: String, organisationName: String, legalBases: [LegalBasis], explanations: [LegalBasis: String] = [:]
        ) {
            self.accountID = accountID
            self.name = name
            self.organisationName = organisationName
            self.legalBases = legalBases
            self.explanations = explanations
        }
    }

    /// The professionals of every organisation the citizen belongs to, by name; the wall holds
    /// as for teams. Four queries.
    public static func personChoices(for ownerID: UUID, on database: any Database) async throws -> [PersonChoice] {
        let organisationIDs = Set(try await Membership.query(on: database).filter(\.$account.$id == ownerID).all(\.$organisation.$id))
        guard !organisationIDs.isEmpty else { return [] }
        let organisations = try await Organisation.query(on: database).filter(\.$id ~~ Array(organisationIDs)).all()
            .reduce(into: [UUID: Organisation]()) { $0[$1.id!] = $1 }
        let memberships = try await Membership.query(on: database)
            .filter(\.$organisation.$id ~~ Array(organisationIDs)).filter(\.$role == .professional).all()
        let names = try await Account.displayNames(of: memberships.map(\.$account.id).filter { $0 != ownerID }, on: database)
        let explanations = try await LegalBasisExplanation.of(Array(organisationIDs), on: database)
        return memberships.compactMap { membership in
            guard let name = names[membership.$account.id], let organisation = organisations[membership.$organisation.id] else { return nil }
            return PersonChoice(accountID: membership.$account.id, name: name, organisationName: organisation.name,
                                legalBases: LegalBasis.list(organisation.legalBases),
                                explanations: explanations[membership.$organisation.id] ?? [:])
        }
        .sorted { ($0.name, $0.organisationName, $0.accountID) < ($1.name, $1.organisationName, $1.accountID) }
    }

    public static func authorise(
        planID: UUID, teamID: UUID, sections: Set<PlanSection>, purpose: String, legalBasis: LegalBasis,
        until expiresAt: Date, by authorID: UUID, at now: Date, on database: any Database
    ) async throws {
        try await PlanAuthorisation(
            planID: planID, granteeAccountID: nil, granteeTeamID: teamID, sections: sections, purpose: purpose,
            legalBasis: legalBasis, expiresAt: expiresAt, createdByID: authorID, createdAt: now
        ).create(on: database)
    }

    /// Records a checked request on a plan. Returns how the grantee is named on the access trace
    /// ("team:<id>" or "person:<id>").
    public static func record(
        _ checked: AuthorisationRequest, planID: UUID, by authorID: UUID, withOwnerPresent: Bool = false, at now: Date,
        on database: any Database
    ) async throws -> String {
        let (account, team, traced): (UUID?, UUID?, String) = switch checked.grantee {
        case .team(let team): (nil, team.teamID, "team:\(team.teamID)")
        case .person(let person): (person.accountID, nil, "person:\(person.accountID)")
        }
        try await PlanAuthorisation(
            planID: planID, granteeAccountID: account, granteeTeamID: team, sections: checked.sections,
            purpose: checked.purpose, legalBasis: checked.legalBasis, expiresAt: checked.expiresAt, createdByID: authorID,
            createdAt: now, withOwnerPresent: withOwnerPresent
        ).create(on: database)
        return traced
    }

    /// Revokes an authorisation of this plan; false if there is none (or it belongs to another plan).
    public static func revoke(
        _ authorisationID: UUID, of planID: UUID, by authorID: UUID, at now: Date, on database: any Database
    ) async throws -> Bool {
        guard let authorisation = try await PlanAuthorisation.query(on: database)
            .filter(\.$id == authorisationID).filter(\.$plan.$id == planID).filter(\.$revokedAt == nil).first()
        else { return false }
        authorisation.revokedAt = now
        authorisation.revokedByID = authorID
        try await authorisation.update(on: database)
        return true
    }

    /// Undoes the owner's own taking back of a share, within `window` of it and while the share
    /// has not run out; false otherwise (or if it belongs to another plan).
    public static func restore(
        _ authorisationID: UUID, of planID: UUID, ownerID: UUID, window: TimeInterval, at now: Date, on database: any Database
    ) async throws -> Bool {
        guard let authorisation = try await PlanAuthorisation.query(on: database)
            .filter(\.$id == authorisationID).filter(\.$plan.$id == planID).filter(\.$revokedAt != nil).first(),
            let revokedAt = authorisation.revokedAt, now.timeIntervalSince(revokedAt) <= window, authorisation.expiresAt > now,
            authorisation.revokedByID == nil || authorisation.revokedByID == ownerID
        else { return false }
        authorisation.revokedAt = nil
        authorisation.revokedByID = nil
        try await authorisation.update(on: database)
        return true
    }
}
