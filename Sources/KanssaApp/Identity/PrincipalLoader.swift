import Fluent
import Foundation
import KanssaCore

/// Who a person is, read from the database outside any request: for work done on their behalf
/// (writing their digest) with the same roles and teams a request of theirs would have.
enum PrincipalLoader {
    /// Three queries; nil for an account that is gone or disabled.
    static func load(_ accountID: UUID, on database: any Database) async throws -> Principal? {
        guard let account = try await Account.find(accountID, on: database), account.disabledAt == nil else { return nil }
        let memberships = try await Membership.query(on: database).filter(\.$account.$id == accountID).with(\.$organisation).all()
            .map { MembershipGrant(organisationID: $0.$organisation.id, organisationName: $0.organisation.name, role: $0.role) }
            .sorted { ($0.organisationName, $0.role) < ($1.organisationName, $1.role) }
        let teams = try await TeamMember.query(on: database).filter(\.$account.$id == accountID).all().map(\.$team.id)
        return Principal(accountID: accountID, displayName: account.displayName, language: account.preferredLanguage,
                         memberships: memberships, teamIDs: Set(teams))
    }
}
