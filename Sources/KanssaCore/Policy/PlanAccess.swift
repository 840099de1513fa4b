import Foundation

/// The parts of a whole-person plan a citizen can share separately.
/// Stored by raw value; never rename one.
public enum PlanSection: String, Codable, Sendable, CaseIterable, Hashable {
    /// What matters to the citizen, and the one-page profile.
    case agenda
    /// Strengths and assets: skills, interests, people, places, groups, community resources.
    case strengths
    case goals
    /// Actions, each serving one of the goals, with owner, due date and the service they come from.
    case actions
    /// Ratings of each life area over time, the citizen's and professionals' side by side.
    case checkIns = "check-ins"
    /// Notes and events, all of them visible to the citizen: there are no hidden notes.
    case timeline

    /// What someone other than the owner must be authorised for to add to this section; empty
    /// when only the owner writes it. An action serves a goal, so planning one needs the goals.
    public var contributionNeeds: Set<PlanSection> {
        switch self {
        case .agenda, .strengths: []
        case .goals: [.goals]
        case .actions: [.actions, .goals]
        case .checkIns: [.checkIns]
        case .timeline: [.timeline]
        }
    }

    /// Parses a stored list ("agenda,goals"); unknown entries are dropped.
    public static func set(_ stored: String) -> Set<PlanSection> {
        Set(stored.split(separator: ",").compactMap { PlanSection(rawValue: String($0)) })
    }

    public static func stored(_ sections: Set<PlanSection>) -> String {
        sections.map(\.rawValue).sorted().joined(separator: ",")
    }
}

/// What a citizen allowed: a person or a team, some sections, until a date, unless revoked.
public struct PlanGrant: Sendable, Hashable {
    public let granteeAccountID: UUID?
    public let granteeTeamID: UUID?
    public let sections: Set<PlanSection>
    public let expiresAt: Date
    public let isRevoked: Bool

    public init(granteeAccountID: UUID?, granteeTeamID: UUID?, sections: Set<PlanSection>, expiresAt: Date, isRevoked: Bool) {
        self.granteeAccountID = granteeAccountID
        self.granteeTeamID = granteeTeamID
        self.sections = sections
        self.expiresAt = expiresAt
        self.isRevoked = isRevoked
    }

    /// Whether this grant lets `principal` read `section` (any section when nil) at `now`.
    public func admits(_ principal: Principal, to section: PlanSection?, at now: Date) -> Bool {
        guard !isRevoked, now < expiresAt else { return false }
        if let section, !sections.contains(section) { return false }
        if let account = granteeAccountID, account == principal.accountID { return true }
        if let team = granteeTeamID, principal.teamIDs.contains(team) { return true }
        return false
    }
}

/// Everything the policy needs to decide about one plan: whose it is, what its owner allowed,
/// whether the owner has restricted the processing of their data, and the time of the request.
/// Loaded fresh on every request, so a revocation or a restriction counts at once.
public struct PlanAccess: Sendable, Hashable {
    public let planID: UUID
    public let ownerID: UUID
    public let grants: [PlanGrant]
    /// The owner asked for restriction or erasure: no grant admits anyone until it is lifted.
    public let isRestricted: Bool
    public let now: Date

    public init(planID: UUID, ownerID: UUID, grants: [PlanGrant], isRestricted: Bool, now: Date) {
        self.planID = planID
        self.ownerID = ownerID
        self.grants = grants
        self.isRestricted = isRestricted
        self.now = now
    }

    /// Whether a grant of this plan admits `principal` to `section` now.
    func admits(_ principal: Principal, to section: PlanSection?) -> Bool {
        !isRestricted && grants.contains { $0.admits(principal, to: section, at: now) }
    }
}

/// Who stands behind an action in a plan: the service it comes from (none: the citizen's own),
/// who wrote it and who does it.
public struct ActionStake: Sendable, Hashable {
    public let teamID: UUID?
    public let createdByID: UUID
    public let ownerAccountID: UUID?

    public init(teamID: UUID?, createdByID: UUID, ownerAccountID: UUID?) {
        self.teamID = teamID
        self.createdByID = createdByID
        self.ownerAccountID = ownerAccountID
    }
}
