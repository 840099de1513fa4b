import Agenda
import Encountering
import Evaluation
import Fluent
import Foundation
import KanssaCore
import Learning

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
            let mayRunConsultations: Bool
            let maySeePulses: Bool
            let maySeeStaffChanges: Bool
            let mayKeepBarriers: Bool
            let maySeeCitizensVoice: Bool
            let maySeeDashboard: Bool
            let maySeeResearch: Bool
        }

        let displayName: String
        let places: [Place]
        /// A researcher somewhere: their projects, in any organisation, are on one page.
        let mayUseResearch: Bool
        /// What the person's own plan asks of them now; nil for those who have no plan of their own.
        var waiting: [WaitingForYou.Item]?
        /// What changed for them since they last came; nil for those who have no plan of their own.
        var news: News?
        /// What their caseload asks of them; nil for those who have none.
        var caseload: CaseloadWaiting.Model?
        /// What Learning asks of them: rounds to answer, set meetings, rounds closing, sessions;
        /// nil for those Learning asks nothing of (citizens, co-trainers).
        var learning: [LearningWaiting.Item]?
        /// What Encountering asks of them; nil when nothing does and they give no sessions.
        var encountering: [EncounteringWaiting.Item]?
        /// Staff pulses of their teams to answer; nil for those no pulse could ask.
        var evaluation: [EvaluationWaiting.Item]?
        /// A meeting on the person's own plan they may say how it went.
        var afterMeeting: CitizensVoice.Waiting?
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
                    mayManagePanels: Policy.decide(.managePanels(organisationID), for: principal).isAllowed,
                    mayRunConsultations: Policy.decide(.readConsultationFigures(organisationID), for: principal).isAllowed,
                    maySeePulses: Policy.decide(.seePulseFigures(organisationID), for: principal).isAllowed,
                    maySeeStaffChanges: Policy.decide(.seeStaffChanges(organisationID), for: principal).isAllowed,
                    mayKeepBarriers: Policy.decide(.keepBarriers(organisationID), for: principal).isAllowed,
                    maySeeCitizensVoice: Policy.decide(.seeCitizensVoice(organisationID), for: principal).isAllowed,
                    maySeeDashboard: Policy.decide(.seeDashboard(organisationID), for: principal).isAllowed,
                    maySeeResearch: Policy.decide(.seeResearchProjects(organisationID), for: principal).isAllowed
                )
            }
            mayUseResearch = Policy.decide(.seeOwnResearch, for: principal).isAllowed
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
            + (try await WaitingForYou.sharesWhoseHoldersLeft(planID: try plan.requireID(), now: now, on: database))
            + (try await WaitingForYou.sharesEnding(planID: try plan.requireID(), now: now, on: database))
    }

    /// What changed on a person's own plan since they last came.
    struct News: Equatable {
        let since: Date
        let noteCount: Int
        let noteAuthors: [String]
        /// The people who looked at their information, the most recent first, and how many in all.
        let readers: [String]
        let readerTotal: Int
        /// Who the named readers are, for the notices of someone new having looked.
        var readerIDs: [UUID] = []

        var isEmpty: Bool { noteCount == 0 && readerTotal == 0 }
    }

    /// When the person came before this time: the session before their latest one (their first:
    /// when the account was made).
    static func lastCame(_ principal: Principal, on database: any Database) async throws -> Date {
        guard let account = try await Account.find(principal.accountID, on: database) else { throw KanssaError.notSignedIn }
        return account.previousActiveAt ?? account.createdAt
    }

    /// New notes by others on the person's own plan and who looked at their information since
    /// they last came: three queries, however long the history.
    static func news(
        for principal: Principal, since: Date, on database: any Database
    ) async throws -> News? {
        guard Policy.decide(.useOwnPlan, for: principal).isAllowed else { return nil }
        let plan = try await PlanStore.existingPlan(of: principal.accountID, on: database)
        var notes: (count: Int, authorIDs: [UUID]) = (0, [])
        if let plan {
            notes = try await WaitingForYou.notes(on: try plan.requireID(), ownerID: principal.accountID, since: since, on: database)
        }
        let readers = try await AuditLog.readers(of: principal.accountID, since: since, limit: shownReaders, on: database)
        let names = try await Account.displayNames(of: notes.authorIDs + readers.actorIDs, on: database)
        return News(
            since: since, noteCount: notes.count, noteAuthors: notes.authorIDs.compactMap { names[$0] },
            readers: readers.actorIDs.compactMap { names[$0] }, readerTotal: readers.total, readerIDs: readers.actorIDs)
    }

    /// How many of the people who looked are named; the rest are counted.
    static let shownReaders = 5

    /// What the professional's caseload asks of them, if they may have one.
    static func caseload(
        for principal: Principal, since: Date, platform: Platform, now: Date, on database: any Database
    ) async throws -> CaseloadWaiting.Model? {
        guard Policy.decide(.useCaseload, for: principal).isAllowed else { return nil }
        return try await CaseloadWaiting.load(
            principal: principal, since: since, now: now, timeZone: platform.config.timeZone, on: database)
    }
}
