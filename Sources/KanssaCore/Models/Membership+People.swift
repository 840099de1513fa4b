import Fluent
import Foundation

/// Someone who holds some of the asked roles in some of the asked organisations.
public struct OrganisationPerson: Sendable, Equatable {
    public let id: UUID
    public let name: String
    /// The asked roles they hold there.
    public let roles: Set<Role>
    /// One of those organisations (the first found), for a choice that needs one.
    public let organisationID: UUID
}

extension Membership {
    /// The people, with accounts not disabled, who hold any of `roles` in any of `organisationIDs`,
    /// by name: how a form lists whom it can name (a facilitator, a coach, a panel's members).
    /// Two queries.
    public static func people(
        holding roles: Set<Role>, in organisationIDs: [UUID], on database: any Database
    ) async throws -> [OrganisationPerson] {
        let memberships = try await Membership.query(on: database).filter(\.$organisation.$id ~~ organisationIDs)
            .filter(\.$role ~~ Array(roles)).all()
        var held: [UUID: (roles: Set<Role>, organisation: UUID)] = [:]
        for membership in memberships {
            let id = membership.$account.id
            held[id, default: ([], membership.$organisation.id)].roles.insert(membership.role)
        }
        let accounts = try await Account.query(on: database).filter(\.$id ~~ Array(held.keys)).filter(\.$disabledAt == nil).all()
        return accounts.compactMap { account in
            guard let id = account.id, let person = held[id] else { return nil }
            return OrganisationPerson(id: id, name: account.displayName, roles: person.roles, organisationID: person.organisation)
        }
        .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
    }
}
