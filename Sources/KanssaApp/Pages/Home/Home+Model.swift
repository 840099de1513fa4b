import Foundation
import KanssaCore

enum Home {
    /// The person's home: each organisation they belong to, with their roles there and what
    /// they can do next.
    struct Model: Equatable {
        struct Place: Equatable {
            let organisationID: UUID
            let organisationName: String
            let roles: [Role]
            let mayAdminister: Bool
            let mayInvite: Bool
            let maySeeTeamFigures: Bool
            /// Coordinators open rounds and see figures; researchers see figures.
            let maySeeRounds: Bool
            let mayAnswerRounds: Bool
            let mayOrganiseSets: Bool
            let maySeePractice: Bool
            let maySeeSessions: Bool
            let mayManagePanels: Bool
        }

        let displayName: String
        let places: [Place]
        var notice: Notice?

        init(principal: Principal, notice: Notice? = nil) {
            displayName = principal.displayName
            places = principal.organisationIDs.map { organisationID in
                let roles = principal.roles(in: organisationID).sorted()
                return Place(
                    organisationID: organisationID,
                    organisationName: principal.memberships.first { $0.organisationID == organisationID }?.organisationName ?? "",
                    roles: roles,
                    mayAdminister: Policy.decide(.administerOrganisation(organisationID), for: principal).isAllowed,
                    mayInvite: Policy.decide(.inviteAnyone(organisationID), for: principal).isAllowed,
                    maySeeTeamFigures: Policy.decide(.seeTeamFigures(organisationID), for: principal).isAllowed,
                    maySeeRounds: Policy.decide(.seeRoundFigures(organisationID), for: principal).isAllowed,
                    mayAnswerRounds: roles.contains(.professional),
                    mayOrganiseSets: Policy.decide(.organiseSets(organisationID), for: principal).isAllowed,
                    maySeePractice: Policy.decide(.seePracticeAdoption(organisationID), for: principal).isAllowed,
                    maySeeSessions: Policy.decide(.seeLearningSessions(organisationID), for: principal).isAllowed,
                    mayManagePanels: Policy.decide(.managePanels(organisationID), for: principal).isAllowed
                )
            }
            self.notice = notice
        }
    }
}
