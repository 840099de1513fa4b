import Foundation

/// The one place that decides who may do what (DESIGN.md §4). Handlers ask; they never decide.
/// Pure and synchronous: everything it needs is in the principal and the action, so it is tested
/// as a table.
public enum Policy {
    public static func decide(_ action: Action, for principal: Principal?) -> Decision {
        guard let principal else { return .deny(.notSignedIn) }
        let allowed: Bool
        switch action {
        case .useOwnAccount:
            allowed = true
        case .restrictOrEraseOwnData:
            allowed = !principal.memberships.isEmpty && !principal.memberships.contains { $0.role.isStaff }
        case .useOwnPlan:
            allowed = principal.memberships.contains { $0.role == .citizen || $0.role == .coTrainer }
        case .readPlan(let access, let section):
            allowed = access.ownerID == principal.accountID || access.admits(principal, to: section)
        case .contribute(let access, let section):
            let needs = section.contributionNeeds
            allowed = access.ownerID != principal.accountID && !needs.isEmpty
                && needs.allSatisfy { access.admits(principal, to: $0) }
        case .rewordSuggestion(let access, let suggester):
            allowed = suggester == principal.accountID && decide(.contribute(access, to: .goals), for: principal).isAllowed
        case .changeAction(let access, let stake):
            allowed = decide(.contribute(access, to: .actions), for: principal).isAllowed
                && (stake.createdByID == principal.accountID || stake.ownerAccountID == principal.accountID
                    || stake.teamID.map(principal.teamIDs.contains) == true)
        case .recordPermission(let ownerID, let ownerOrganisations, let granteeOrganisations):
            allowed = ownerID != principal.accountID
                && ownerOrganisations.intersection(granteeOrganisations).contains { principal.roles(in: $0).contains(.professional) }
        case .seeTeamFigures(let organisation):
            allowed = principal.roles(in: organisation).contains(.coordinator)
        case .openRounds(let organisation):
            allowed = principal.roles(in: organisation).contains(.coordinator)
        case .seeRoundFigures(let organisation):
            allowed = !principal.roles(in: organisation).isDisjoint(with: [.coordinator, .researcher])
        case .answerRound(let organisation, let team):
            allowed = principal.roles(in: organisation).contains(.professional) && (team.map(principal.teamIDs.contains) ?? true)
        case .useLearning:
            allowed = principal.memberships.contains { [.professional, .coordinator, .trainer].contains($0.role) }
        case .organiseSets(let organisation):
            allowed = principal.roles(in: organisation).contains(.coordinator)
        case .takePartInSet(let set):
            allowed = set.isInside(principal.accountID)
        case .presentInSet(let set):
            allowed = set.memberIDs.contains(principal.accountID)
        case .answerForChallenge(let set, let presenter):
            allowed = presenter == principal.accountID && set.memberIDs.contains(principal.accountID)
        case .facilitateSet(let set):
            allowed = set.facilitatorID == principal.accountID
        case .keepPracticeLog:
            allowed = principal.memberships.contains { $0.role == .professional }
        case .seePracticeAdoption(let organisation):
            allowed = !principal.roles(in: organisation).isDisjoint(with: [.coordinator, .researcher])
        case .extendToolCatalogue(let organisation):
            allowed = principal.roles(in: organisation).contains(.coordinator)
        case .startCoaching:
            allowed = principal.memberships.contains { $0.role == .professional }
        case .readCoaching(let coaching):
            allowed = coaching.coacheeID == principal.accountID
                || (coaching.coachID == principal.accountID && (coaching.isActive || coaching.coachMayReadAfterEnd))
        case .writeCoaching(let coaching):
            allowed = coaching.isActive && [coaching.coacheeID, coaching.coachID].contains(principal.accountID)
        case .ownCoaching(let coaching):
            allowed = coaching.coacheeID == principal.accountID
        case .importInstruments(let organisation):
            allowed = principal.roles(in: organisation).contains(.coordinator)
        case .seeLearningSessions(let organisation):
            allowed = !principal.roles(in: organisation).isDisjoint(with: [.professional, .coordinator, .trainer])
        case .runLearningSessions(let organisation):
            allowed = !principal.roles(in: organisation).isDisjoint(with: [.coordinator, .trainer])
        case .nameTrainer(let organisation, let trainer):
            let roles = principal.roles(in: organisation)
            allowed = roles.contains(.coordinator) || (roles.contains(.trainer) && trainer == principal.accountID)
        case .attendLearningSessions(let organisation):
            allowed = !principal.roles(in: organisation).isDisjoint(with: [.professional, .coordinator])
        case .manageLearningSession(let session):
            allowed = session.trainerID == principal.accountID || principal.roles(in: session.organisationID).contains(.coordinator)
        case .giveSessionFeedback(let session):
            allowed = session.registeredIDs.contains(principal.accountID) && !session.absentIDs.contains(principal.accountID)
        case .managePanels(let organisation):
            allowed = principal.roles(in: organisation).contains(.coordinator)
        case .useEncountering:
            allowed = principal.memberships.contains { $0.role == .coTrainer || $0.role.isStaff }
        case .writeForPanel(let panel):
            allowed = panel.memberIDs.contains(principal.accountID)
        case .readModule(let module):
            allowed = (module.isPublished && decide(.useEncountering, for: principal).isAllowed)
                || decide(.writeModule(module), for: principal).isAllowed || decide(.commentOnModule(module), for: principal).isAllowed
        case .writeModule(let module):
            allowed = module.panel.memberIDs.contains(principal.accountID)
        case .commentOnModule(let module):
            allowed = module.panel.staffContactID == principal.accountID
                || principal.roles(in: module.panel.organisationID).contains(.coordinator)
        case .adaptModule(let module, let panel):
            allowed = module.isPublished
                && (panel.memberIDs.contains(principal.accountID) || principal.roles(in: panel.organisationID).contains(.coordinator))
        case .scheduleEncounterSession(let module):
            allowed = module.isPublished
                && (module.panel.staffContactID == principal.accountID || principal.roles(in: module.panel.organisationID).contains(.coordinator))
        case .readEncounterSession(let session):
            allowed = session.isGivenBy(principal.accountID)
                || !principal.roles(in: session.organisationID).isDisjoint(with: [.professional, .coordinator])
        case .registerForEncounterSession(let session):
            allowed = !session.isGivenBy(principal.accountID)
                && !principal.roles(in: session.organisationID).isDisjoint(with: [.professional, .coordinator])
        case .hostEncounterSession(let session):
            allowed = session.hostID == principal.accountID || principal.roles(in: session.organisationID).contains(.coordinator)
        case .printAttendanceCertificate(let session):
            allowed = session.attendedIDs.contains(principal.accountID)
        case .seeOwnDeliveryStatement:
            allowed = principal.memberships.contains { $0.role == .coTrainer }
        case .giveEncounterFeedback(let session):
            allowed = session.registeredIDs.contains(principal.accountID) && !session.absentIDs.contains(principal.accountID)
        case .readEncounterFeedback(let session):
            allowed = session.isGivenBy(principal.accountID) || principal.roles(in: session.organisationID).contains(.coordinator)
        case .readModuleFeedback(let module):
            allowed = decide(.writeModule(module), for: principal).isAllowed || decide(.commentOnModule(module), for: principal).isAllowed
        case .reflectOnEncounterSession(let session):
            allowed = session.coTrainerIDs.contains(principal.accountID)
        case .readCoTrainerReflections(let session):
            allowed = session.coTrainerIDs.contains(principal.accountID) || session.panel.memberIDs.contains(principal.accountID)
        case .runConsultations(let organisation):
            allowed = !principal.roles(in: organisation).isDisjoint(with: [.coordinator, .professional])
        case .startConsultation(let organisation, let team):
            let roles = principal.roles(in: organisation)
            allowed = roles.contains(.coordinator) || (roles.contains(.professional) && principal.teamIDs.contains(team))
        case .workOnConsultation(let consultation):
            allowed = decide(.startConsultation(organisation: consultation.organisationID, team: consultation.teamID), for: principal).isAllowed
        case .readConsultationFigures(let organisation):
            allowed = !principal.roles(in: organisation).isDisjoint(with: [.coordinator, .professional, .researcher])
        case .seeConsultationFigures(let consultation):
            allowed = decide(.workOnConsultation(consultation), for: principal).isAllowed
                || principal.roles(in: consultation.organisationID).contains(.researcher)
        case .schedulePulses(let organisation):
            allowed = principal.roles(in: organisation).contains(.coordinator)
        case .seePulseFigures(let organisation):
            allowed = !principal.roles(in: organisation).isDisjoint(with: [.coordinator, .researcher])
        case .seeStaffChanges(let organisation):
            allowed = !principal.roles(in: organisation).isDisjoint(with: [.coordinator, .admin])
        case .seeCitizensVoice(let organisation):
            allowed = !principal.roles(in: organisation).isDisjoint(with: [.coordinator, .researcher])
        case .keepBarriers(let organisation), .seeDashboard(let organisation):
            allowed = principal.roles(in: organisation).contains(.coordinator)
        case .seeResearchProjects(let organisation):
            allowed = !principal.roles(in: organisation).isDisjoint(with: [.coordinator, .admin])
        case .admitResearchers(let organisation):
            allowed = principal.roles(in: organisation).contains(.admin)
        case .decideResearchExport(let organisation, let requestedBy):
            allowed = requestedBy != principal.accountID && !principal.roles(in: organisation).isDisjoint(with: [.coordinator, .admin])
        case .seeOwnResearch:
            allowed = principal.memberships.contains { $0.role == .researcher }
        case .useResearchProject(let organisation, let researcher, let ended):
            allowed = researcher == principal.accountID && principal.roles(in: organisation).contains(.researcher) && !ended
        case .downloadResearchExport(let organisation, let researcher, let ended, let released, let expired):
            allowed = released && !expired
                && decide(.useResearchProject(organisation: organisation, researcher: researcher, ended: ended), for: principal).isAllowed
        case .followBarrier(let organisation, let owner):
            let roles = principal.roles(in: organisation)
            allowed = roles.contains(.coordinator)
                || (owner == principal.accountID && !roles.isDisjoint(with: [.professional, .coordinator, .admin]))
        case .answerPulse(let organisation, let teams):
            allowed = !principal.roles(in: organisation).isDisjoint(with: [.professional, .coordinator, .trainer])
                && !teams.isDisjoint(with: principal.teamIDs)
        case .useCaseload:
            allowed = principal.memberships.contains { $0.role == .professional }
        case .administerOrganisation(let organisation), .manageMembers(let organisation):
            allowed = principal.roles(in: organisation).contains(.admin)
        case .inviteAnyone(let organisation), .openPasswordResets(let organisation):
            allowed = !invitableRoles(by: principal.roles(in: organisation)).isEmpty
        case .issuePasswordReset(let organisation, let account, let roles, let belongsElsewhere):
            allowed = account != principal.accountID && !roles.isEmpty && !belongsElsewhere
                && roles.isSubset(of: invitableRoles(by: principal.roles(in: organisation)))
        case .invite(let organisation, let role):
            allowed = invitableRoles(by: principal.roles(in: organisation)).contains(role)
        }
        return allowed ? .allow : .deny(.notPermitted)
    }

    /// Who may invite whom: an admin invites anyone; a coordinator, the people of a service-user
    /// panel and citizens; a professional, the citizens they work with.
    public static func invitableRoles(by roles: Set<Role>) -> [Role] {
        var invitable = Set<Role>()
        for role in roles {
            switch role {
            case .admin: invitable.formUnion(Role.allCases)
            case .coordinator: invitable.formUnion([.citizen, .coTrainer])
            case .professional: invitable.insert(.citizen)
            case .citizen, .coTrainer, .trainer, .researcher: break
            }
        }
        return invitable.sorted()
    }
}
