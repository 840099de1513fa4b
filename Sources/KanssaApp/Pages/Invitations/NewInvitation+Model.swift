import Fluent
import Foundation
import KanssaCore

enum NewInvitation {
    /// The form to invite someone: the roles this person may invite, and the organisation's teams.
    struct Model: Equatable {
        struct TeamChoice: Equatable {
            let id: UUID
            let name: String
        }

        let organisationID: UUID
        let organisationName: String
        let roles: [Role]
        let teams: [TeamChoice]
        var selectedRole: Role?
        var selectedTeam: UUID?
        var errors: [FieldError] = []
    }

    static func load(organisationID: UUID, principal: Principal, on database: any Database) async throws -> Model {
        guard let organisation = try await Organisation.find(organisationID, on: database) else {
            throw KanssaError.notFound
        }
        let teams = try await Team.query(on: database)
            .filter(\.$organisation.$id == organisationID)
            .sort(\.$name)
            .all()
            .map { Model.TeamChoice(id: $0.id!, name: $0.name) }
        let roles = Policy.invitableRoles(by: principal.roles(in: organisationID))
        return Model(
            organisationID: organisationID, organisationName: organisation.name, roles: roles, teams: teams,
            selectedRole: roles.first)
    }
}

enum CreatedInvitation {
    /// The code, shown once: it is not stored and cannot be shown again.
    struct Model: Equatable {
        let organisationID: UUID
        let organisationName: String
        let code: InvitationCode
        let role: Role
        let teamName: String?
        let expiresAt: Date
    }
}
