import Fluent
import Foundation
import KanssaCore

enum MemberDetail {
    /// One member of an organisation, as its administrator manages them.
    struct Model: Equatable {
        struct TeamChoice: Equatable {
            let id: UUID
            let name: String
            let isMember: Bool
        }

        let organisationID: UUID
        let organisationName: String
        let accountID: UUID
        let displayName: String
        let login: String
        let roles: [Role]
        let teams: [TeamChoice]
        let isDisabled: Bool
        /// Only an account that belongs to this organisation alone can be disabled from here.
        let mayDisable: Bool
        var errors: [FieldError] = []
        var notice: Notice?
    }

    /// Nil when the account is not a member of the organisation: the wall between organisations
    /// makes it look like no such page.
    static func load(
        organisationID: UUID, accountID: UUID, actorID: UUID, on database: any Database
    ) async throws -> Model? {
        let memberships = try await Membership.query(on: database)
            .filter(\.$account.$id == accountID)
            .with(\.$organisation)
            .all()
        let here = memberships.filter { $0.$organisation.id == organisationID }
        guard let first = here.first, let account = try await Account.find(accountID, on: database) else { return nil }
        let teams = try await Team.query(on: database)
            .filter(\.$organisation.$id == organisationID)
            .sort(\.$name)
            .all()
        let memberOf = Set(try await TeamMember.query(on: database)
            .filter(\.$account.$id == accountID)
            .filter(\.$team.$id ~~ teams.compactMap(\.id))
            .all(\.$team.$id))
        return Model(
            organisationID: organisationID,
            organisationName: first.organisation.name,
            accountID: accountID,
            displayName: account.displayName,
            login: account.login,
            roles: here.map(\.role).sorted(),
            teams: teams.map { .init(id: $0.id!, name: $0.name, isMember: memberOf.contains($0.id!)) },
            isDisabled: account.disabledAt != nil,
            mayDisable: account.disabledAt == nil && accountID != actorID
                && memberships.allSatisfy { $0.$organisation.id == organisationID }
        )
    }
}
