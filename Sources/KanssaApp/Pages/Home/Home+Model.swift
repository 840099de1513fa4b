import Agenda
import Fluent
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
        /// What the person's own plan asks of them now; nil for those who have no plan of their own.
        var waiting: [WaitingForYou.Item]?
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

    /// What is waiting for the person in their own plan, if they may have one: read from the plan's
    /// whole picture (kept in memory while nothing on it changes). A plan is not made by looking.
    static func waiting(
        for principal: Principal, platform: Platform, now: Date, on database: any Database
    ) async throws -> [WaitingForYou.Item]? {
        guard Policy.decide(.useOwnPlan, for: principal).isAllowed else { return nil }
        guard let plan = try await PlanStore.existingPlan(of: principal.accountID, on: database) else { return [] }
        let timeZone = platform.config.timeZone
        let picture = try await platform.wholePictures.picture(
            of: plan, ownerName: principal.displayName, showGoals: true, now: now, timeZone: timeZone, on: database)
        return WaitingForYou.items(in: picture, now: now, timeZone: timeZone)
    }
}
