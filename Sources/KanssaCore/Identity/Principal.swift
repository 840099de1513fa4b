import Foundation

/// The signed-in person a request acts for, with the roles they hold in each organisation.
/// Built from the database, and kept across requests only while the server hears of every change
/// to it (KanssaApp's `KeptSessions`), so a change of role or a disabled account takes effect on
/// the next request — on another server, as soon as PostgreSQL's notice reaches it.
public struct Principal: Sendable, Equatable {
    public let accountID: UUID
    public let displayName: String
    public let language: String
    public let memberships: [MembershipGrant]
    /// The teams this person belongs to, in any organisation.
    public let teamIDs: Set<UUID>

    public init(
        accountID: UUID, displayName: String, language: String, memberships: [MembershipGrant], teamIDs: Set<UUID> = []
    ) {
        self.accountID = accountID
        self.displayName = displayName
        self.language = language
        self.memberships = memberships
        self.teamIDs = teamIDs
    }

    public func roles(in organisationID: UUID) -> Set<Role> {
        Set(memberships.filter { $0.organisationID == organisationID }.map(\.role))
    }

    /// The organisations this person belongs to, in a stable order.
    public var organisationIDs: [UUID] {
        var seen = Set<UUID>()
        return memberships.map(\.organisationID).filter { seen.insert($0).inserted }
    }
}

/// One role in one organisation.
public struct MembershipGrant: Sendable, Equatable, Hashable {
    public let organisationID: UUID
    public let organisationName: String
    public let role: Role

    public init(organisationID: UUID, organisationName: String, role: Role) {
        self.organisationID = organisationID
        self.organisationName = organisationName
        self.role = role
    }
}
