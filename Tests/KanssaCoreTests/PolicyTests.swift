import Foundation
import KanssaCore
import Testing

/// The policy as a table: for each action, every role in the organisation, a member of another
/// organisation, and nobody signed in. The expected answers are written out, not derived.
@Suite struct PolicyTests {
    static let here = UUID()
    static let elsewhere = UUID()

    enum Who: String, CaseIterable, CustomTestStringConvertible {
        case anonymous, citizen, coTrainer, professional, coordinator, trainer, researcher, admin, adminOfAnotherOrganisation
        var testDescription: String { rawValue }

        var principal: Principal? {
            let role: Role
            var organisation = PolicyTests.here
            switch self {
            case .anonymous: return nil
            case .citizen: role = .citizen
            case .coTrainer: role = .coTrainer
            case .professional: role = .professional
            case .coordinator: role = .coordinator
            case .trainer: role = .trainer
            case .researcher: role = .researcher
            case .admin: role = .admin
            case .adminOfAnotherOrganisation: role = .admin; organisation = PolicyTests.elsewhere
            }
            return Principal(
                accountID: UUID(), displayName: rawValue, language: "en",
                memberships: [MembershipGrant(organisationID: organisation, organisationName: "x", role: role)])
        }
    }

    static let someoneElsesSet = SetAccess(setID: UUID(), organisationID: here, facilitatorID: UUID(), memberIDs: [UUID(), UUID(), UUID(), UUID()])

    static let someoneElsesCoaching = CoachingAccess(coachingID: UUID(), organisationID: here, coachID: UUID(), coacheeID: UUID(),
                                                     isActive: true, coachMayReadAfterEnd: true)

    static let someoneElsesSession = SessionAccess(sessionID: UUID(), organisationID: here, trainerID: UUID(), registeredIDs: [UUID()],
                                                   absentIDs: [])

    static let someonesPanel = PanelAccess(panelID: UUID(), organisationID: here, memberIDs: [UUID()], staffContactID: UUID())
    static let someoneElsesModule = ModuleAccess(moduleID: UUID(), panel: someonesPanel, isPublished: false)
    static let someoneElsesPublishedModule = ModuleAccess(moduleID: UUID(), panel: someonesPanel, isPublished: true)

    /// A session of someone else's panel's published module in "here": nobody of the table gives it or registered.
    static let someoneElsesEncounterSession = EncounterSessionAccess(
        sessionID: UUID(), organisationID: here, panel: someonesPanel, hostID: UUID(), coTrainerIDs: [UUID()], registeredIDs: [UUID()],
        attendedIDs: [], absentIDs: [])

    static let table: [(action: Action, allowed: Set<Who>)] = [
        (.useOwnAccount, [.citizen, .coTrainer, .professional, .coordinator, .trainer, .researcher, .admin, .adminOfAnotherOrganisation]),
        (.useOwnPlan, [.citizen, .coTrainer]),
        (.restrictOrEraseOwnData, [.citizen, .coTrainer]),
        (.useCaseload, [.professional]),
        (.seeTeamFigures(here), [.coordinator]),
        (.openRounds(here), [.coordinator]),
        (.seeRoundFigures(here), [.coordinator, .researcher]),
        (.answerRound(organisation: here, team: nil), [.professional]),
        (.answerRound(organisation: here, team: UUID()), []),
        (.answerRound(organisation: elsewhere, team: nil), []),
        (.useLearning, [.professional, .coordinator, .trainer]),
        (.organiseSets(here), [.coordinator]),
        (.organiseSets(elsewhere), []),
        (.keepPracticeLog, [.professional]),
        (.seePracticeAdoption(here), [.coordinator, .researcher]),
        (.seePracticeAdoption(elsewhere), []),
        (.extendToolCatalogue(here), [.coordinator]),
        (.startCoaching, [.professional]),
        (.importInstruments(here), [.coordinator]),
        (.importInstruments(elsewhere), []),
        (.managePanels(here), [.coordinator]),
        (.useEncountering, [.coTrainer, .professional, .coordinator, .trainer, .researcher, .admin, .adminOfAnotherOrganisation]),
        // Someone else's panel: no role writes for it; its organisation's coordinators comment on and read its drafts.
        (.writeForPanel(someoneElsesModule.panel), []),
        (.writeModule(someoneElsesModule), []),
        (.commentOnModule(someoneElsesModule), [.coordinator]),
        (.readModule(someoneElsesModule), [.coordinator]),
        (.readModule(someoneElsesPublishedModule), [.coTrainer, .professional, .coordinator, .trainer, .researcher, .admin,
                                                    .adminOfAnotherOrganisation]),
        // Adapting a published module for a panel of one's organisation: its coordinators (on the panel's behalf); a draft, nobody.
        (.adaptModule(someoneElsesPublishedModule, into: someonesPanel), [.coordinator]),
        (.adaptModule(someoneElsesModule, into: someonesPanel), []),
        (.adaptModule(someoneElsesPublishedModule, into: PanelAccess(panelID: UUID(), organisationID: elsewhere, memberIDs: [UUID()],
                                                                    staffContactID: UUID())), []),
        (.scheduleEncounterSession(someoneElsesPublishedModule), [.coordinator]),
        (.scheduleEncounterSession(someoneElsesModule), []),
        (.readEncounterSession(someoneElsesEncounterSession), [.professional, .coordinator]),
        (.registerForEncounterSession(someoneElsesEncounterSession), [.professional, .coordinator]),
        (.hostEncounterSession(someoneElsesEncounterSession), [.coordinator]),
        (.printAttendanceCertificate(someoneElsesEncounterSession), []),
        (.giveEncounterFeedback(someoneElsesEncounterSession), []),
        (.readEncounterFeedback(someoneElsesEncounterSession), [.coordinator]),
        (.readModuleFeedback(someoneElsesPublishedModule), [.coordinator]),
        (.reflectOnEncounterSession(someoneElsesEncounterSession), []),
        (.readCoTrainerReflections(someoneElsesEncounterSession), []),
        (.seeOwnDeliveryStatement, [.coTrainer]),
        (.seeLearningSessions(here), [.professional, .coordinator, .trainer]),
        (.seeLearningSessions(elsewhere), []),
        (.runLearningSessions(here), [.coordinator, .trainer]),
        (.attendLearningSessions(here), [.professional, .coordinator]),
        (.nameTrainer(organisation: here, trainerID: UUID()), [.coordinator]),
        // Someone else's session: the organisation's coordinators manage it; feedback only from those registered.
        (.manageLearningSession(someoneElsesSession), [.coordinator]),
        (.giveSessionFeedback(someoneElsesSession), []),
        // A coaching record: no role reads it; only being its coach or coachee counts (below).
        (.readCoaching(someoneElsesCoaching), []),
        (.writeCoaching(someoneElsesCoaching), []),
        (.ownCoaching(someoneElsesCoaching), []),
        // What is said in a set: no role reads it — not the coordinator, the admin or a
        // researcher of its organisation. Only being inside the set counts (below).
        (.takePartInSet(someoneElsesSet), []),
        (.presentInSet(someoneElsesSet), []),
        (.answerForChallenge(someoneElsesSet, presenterID: UUID()), []),
        (.facilitateSet(someoneElsesSet), []),
        (.recordPermission(ownerID: UUID(), ownerOrganisations: [here], granteeOrganisations: [here]), [.professional]),
        (.recordPermission(ownerID: UUID(), ownerOrganisations: [elsewhere], granteeOrganisations: [here]), []),
        (.recordPermission(ownerID: UUID(), ownerOrganisations: [here], granteeOrganisations: [elsewhere]), []),
        (.administerOrganisation(here), [.admin]),
        (.manageMembers(here), [.admin]),
        (.inviteAnyone(here), [.professional, .coordinator, .admin]),
        (.invite(organisation: here, role: .citizen), [.professional, .coordinator, .admin]),
        (.invite(organisation: here, role: .coTrainer), [.coordinator, .admin]),
        (.invite(organisation: here, role: .professional), [.admin]),
        (.invite(organisation: here, role: .coordinator), [.admin]),
        (.invite(organisation: here, role: .trainer), [.admin]),
        (.invite(organisation: here, role: .researcher), [.admin]),
        (.invite(organisation: here, role: .admin), [.admin]),
        // Research: nobody of the table asked for the export or is the project's researcher.
        (.seeResearchProjects(here), [.coordinator, .admin]),
        (.admitResearchers(here), [.admin]),
        (.decideResearchExport(organisation: here, requestedBy: UUID()), [.coordinator, .admin]),
        (.seeOwnResearch, [.researcher]),
        (.useResearchProject(organisation: here, researcher: UUID(), ended: false), []),
        (.downloadResearchExport(organisation: here, researcher: UUID(), ended: false, released: true, expired: false), []),
    ]

    /// The project's researcher asks and downloads — never once the project ended, never an
    /// export nobody else released or whose seven days passed; nobody releases their own request.
    @Test func researchersUseTheirOwnProjectsAndExportsNeedASecondPerson() {
        let researcher = Who.researcher.principal!, coordinator = Who.coordinator.principal!
        let mine = researcher.accountID
        #expect(Policy.decide(.useResearchProject(organisation: Self.here, researcher: mine, ended: false), for: researcher).isAllowed)
        #expect(!Policy.decide(.useResearchProject(organisation: Self.here, researcher: mine, ended: true), for: researcher).isAllowed)
        #expect(!Policy.decide(.useResearchProject(organisation: Self.elsewhere, researcher: mine, ended: false), for: researcher).isAllowed)
        let download = { (ended: Bool, released: Bool, expired: Bool) in
            Policy.decide(.downloadResearchExport(organisation: Self.here, researcher: mine, ended: ended, released: released, expired: expired),
                          for: researcher).isAllowed
        }
        #expect(download(false, true, false))
        #expect(!download(false, false, false))
        #expect(!download(false, true, true))
        #expect(!download(true, true, false))
        #expect(!Policy.decide(.decideResearchExport(organisation: Self.here, requestedBy: coordinator.accountID), for: coordinator).isAllowed)
        #expect(Policy.decide(.decideResearchExport(organisation: Self.here, requestedBy: mine), for: coordinator).isAllowed)
        #expect(!Policy.decide(.decideResearchExport(organisation: Self.here, requestedBy: mine), for: researcher).isAllowed)
    }

    @Test(arguments: Who.allCases)
    func everyRoleGetsTheAnswerTheTableGives(who: Who) {
        for row in Self.table {
            let decision = Policy.decide(row.action, for: who.principal)
            #expect(decision.isAllowed == row.allowed.contains(who), "\(who) \(row.action)")
        }
    }

    /// Inside a set: members read, ask, present, and answer for their own challenges only; the
    /// facilitator reads, asks and facilitates but presents nothing; a member who left is outside.
    @Test func onlyThoseInsideASetTakePartInIt() {
        func person(_ id: UUID, _ role: Role) -> Principal {
            Principal(accountID: id, displayName: "x", language: "en",
                      memberships: [MembershipGrant(organisationID: Self.here, organisationName: "x", role: role)])
        }
        let member = UUID(), other = UUID(), facilitator = UUID(), former = UUID()
        let set = SetAccess(setID: UUID(), organisationID: Self.here, facilitatorID: facilitator, memberIDs: [member, other, UUID(), UUID()])
        let asMember = person(member, .professional), asFacilitator = person(facilitator, .trainer), asFormer = person(former, .professional)
        #expect(Policy.decide(.takePartInSet(set), for: asMember).isAllowed)
        #expect(Policy.decide(.presentInSet(set), for: asMember).isAllowed)
        #expect(Policy.decide(.answerForChallenge(set, presenterID: member), for: asMember).isAllowed)
        #expect(!Policy.decide(.answerForChallenge(set, presenterID: other), for: asMember).isAllowed)
        #expect(!Policy.decide(.facilitateSet(set), for: asMember).isAllowed)
        #expect(Policy.decide(.takePartInSet(set), for: asFacilitator).isAllowed)
        #expect(Policy.decide(.facilitateSet(set), for: asFacilitator).isAllowed)
        #expect(!Policy.decide(.presentInSet(set), for: asFacilitator).isAllowed)
        #expect(!Policy.decide(.answerForChallenge(set, presenterID: facilitator), for: asFacilitator).isAllowed)
        for action in [Action.takePartInSet(set), .presentInSet(set), .answerForChallenge(set, presenterID: former), .facilitateSet(set)] {
            #expect(!Policy.decide(action, for: asFormer).isAllowed)
        }
    }

    /// The coachee owns the record: they always read it and decide whether the coach reads it
    /// after the relationship ends; while it goes on, both write; after, nobody does.
    @Test func theCoacheeOwnsTheCoachingRecord() {
        let coach = UUID(), coachee = UUID()
        func access(active: Bool, after: Bool) -> CoachingAccess {
            CoachingAccess(coachingID: UUID(), organisationID: Self.here, coachID: coach, coacheeID: coachee, isActive: active,
                           coachMayReadAfterEnd: after)
        }
        func person(_ id: UUID) -> Principal {
            Principal(accountID: id, displayName: "x", language: "en",
                      memberships: [MembershipGrant(organisationID: Self.here, organisationName: "x", role: .professional)])
        }
        let going = access(active: true, after: false), ended = access(active: false, after: false), endedOpen = access(active: false, after: true)
        #expect(Policy.decide(.readCoaching(going), for: person(coach)).isAllowed)
        #expect(Policy.decide(.writeCoaching(going), for: person(coach)).isAllowed)
        #expect(!Policy.decide(.ownCoaching(going), for: person(coach)).isAllowed)
        #expect(!Policy.decide(.readCoaching(ended), for: person(coach)).isAllowed)
        #expect(Policy.decide(.readCoaching(endedOpen), for: person(coach)).isAllowed)
        #expect(!Policy.decide(.writeCoaching(endedOpen), for: person(coach)).isAllowed)
        for state in [going, ended, endedOpen] {
            #expect(Policy.decide(.readCoaching(state), for: person(coachee)).isAllowed)
            #expect(Policy.decide(.ownCoaching(state), for: person(coachee)).isAllowed)
            #expect(!Policy.decide(.readCoaching(state), for: person(UUID())).isAllowed)
        }
        #expect(!Policy.decide(.writeCoaching(ended), for: person(coachee)).isAllowed)
    }

    @Test func aTrainerNamesOnlyThemselvesAsTrainer() {
        let trainer = Who.trainer.principal!
        #expect(Policy.decide(.nameTrainer(organisation: Self.here, trainerID: trainer.accountID), for: trainer).isAllowed)
        #expect(!Policy.decide(.nameTrainer(organisation: Self.elsewhere, trainerID: trainer.accountID), for: trainer).isAllowed)
    }

    /// A co-trainer adapts a module published by any organisation, for their own panel only.
    @Test func coTrainersAdaptPublishedModulesForTheirOwnPanel() {
        let coTrainer = Principal(accountID: UUID(), displayName: "c", language: "en",
                                  memberships: [MembershipGrant(organisationID: Self.elsewhere, organisationName: "x", role: .coTrainer)])
        let theirPanel = PanelAccess(panelID: UUID(), organisationID: Self.elsewhere, memberIDs: [coTrainer.accountID], staffContactID: UUID())
        #expect(Policy.decide(.adaptModule(Self.someoneElsesPublishedModule, into: theirPanel), for: coTrainer).isAllowed)
        #expect(!Policy.decide(.adaptModule(Self.someoneElsesModule, into: theirPanel), for: coTrainer).isAllowed)
        #expect(!Policy.decide(.adaptModule(Self.someoneElsesPublishedModule, into: Self.someonesPanel), for: coTrainer).isAllowed)
    }

    /// Inside a session: who gives it does not register; who registered gives feedback unless
    /// recorded absent; only who came prints a certificate; the co-trainers' reflections stay with
    /// their panel, not the host.
    @Test func everyoneInASessionHasTheirOwnPart() {
        func person(_ id: UUID) -> Principal {
            Principal(accountID: id, displayName: "p", language: "en",
                      memberships: [MembershipGrant(organisationID: Self.here, organisationName: "x", role: .professional)])
        }
        let (host, coTrainer, came, absent, registered) = (UUID(), UUID(), UUID(), UUID(), UUID())
        let panel = PanelAccess(panelID: UUID(), organisationID: Self.here, memberIDs: [coTrainer], staffContactID: UUID())
        let session = EncounterSessionAccess(sessionID: UUID(), organisationID: Self.here, panel: panel, hostID: host, coTrainerIDs: [coTrainer],
                                             registeredIDs: [came, absent, registered], attendedIDs: [came], absentIDs: [absent])
        #expect(!Policy.decide(.registerForEncounterSession(session), for: person(host)).isAllowed)
        #expect(Policy.decide(.hostEncounterSession(session), for: person(host)).isAllowed)
        #expect(Policy.decide(.giveEncounterFeedback(session), for: person(came)).isAllowed)
        #expect(Policy.decide(.giveEncounterFeedback(session), for: person(registered)).isAllowed)
        #expect(!Policy.decide(.giveEncounterFeedback(session), for: person(absent)).isAllowed)
        #expect(Policy.decide(.printAttendanceCertificate(session), for: person(came)).isAllowed)
        #expect(!Policy.decide(.printAttendanceCertificate(session), for: person(registered)).isAllowed)
        #expect(Policy.decide(.readEncounterFeedback(session), for: person(host)).isAllowed)
        #expect(!Policy.decide(.readEncounterFeedback(session), for: person(came)).isAllowed)
        #expect(Policy.decide(.reflectOnEncounterSession(session), for: person(coTrainer)).isAllowed)
        #expect(!Policy.decide(.readCoTrainerReflections(session), for: person(host)).isAllowed)
    }

    @Test func nobodyRecordsAPermissionForTheirOwnPlan() {
        let principal = Who.professional.principal!
        let own = Action.recordPermission(ownerID: principal.accountID, ownerOrganisations: [Self.here], granteeOrganisations: [Self.here])
        #expect(!Policy.decide(own, for: principal).isAllowed)
    }

    @Test func anonymousIsDeniedAsNotSignedIn() {
        #expect(Policy.decide(.useOwnAccount, for: nil) == .deny(.notSignedIn))
        #expect(Policy.decide(.administerOrganisation(Self.here), for: nil) == .deny(.notSignedIn))
    }

    @Test func signedInWithoutRoleIsDeniedAsNotPermitted() {
        let citizen = Who.citizen.principal
        #expect(Policy.decide(.administerOrganisation(Self.here), for: citizen) == .deny(.notPermitted))
    }

    @Test func rolesInOneOrganisationGiveNothingInAnother() {
        let admin = Who.admin.principal
        #expect(!Policy.decide(.administerOrganisation(Self.elsewhere), for: admin).isAllowed)
        #expect(!Policy.decide(.inviteAnyone(Self.elsewhere), for: admin).isAllowed)
    }

    @Test func aPasswordCodeGoesOnlyToWhomOneCouldInviteAndBelongsNowhereElse() {
        let someone = UUID()
        let professional = Principal(accountID: UUID(), displayName: "P", language: "en",
                                     memberships: [MembershipGrant(organisationID: Self.here, organisationName: "Here", role: .professional)])
        #expect(Policy.decide(.issuePasswordReset(organisation: Self.here, account: someone, roles: [.citizen], belongsElsewhere: false),
                              for: professional).isAllowed)
        #expect(!Policy.decide(.issuePasswordReset(organisation: Self.here, account: someone, roles: [.citizen], belongsElsewhere: true),
                               for: professional).isAllowed)
        #expect(!Policy.decide(.issuePasswordReset(organisation: Self.here, account: someone, roles: [.citizen, .professional],
                                                   belongsElsewhere: false), for: professional).isAllowed)
        #expect(!Policy.decide(.issuePasswordReset(organisation: Self.here, account: professional.accountID, roles: [.citizen],
                                                   belongsElsewhere: false), for: professional).isAllowed)
        #expect(!Policy.decide(.issuePasswordReset(organisation: Self.elsewhere, account: someone, roles: [.citizen], belongsElsewhere: false),
                               for: professional).isAllowed)
    }

    @Test func invitableRolesCombineAcrossRoles() {
        #expect(Policy.invitableRoles(by: [.professional, .coordinator]) == [.citizen, .coTrainer])
        #expect(Policy.invitableRoles(by: [.researcher, .trainer]).isEmpty)
        #expect(Policy.invitableRoles(by: [.admin]) == Role.allCases)
    }
}

/// Reading a plan: the owner, and whoever the owner authorised, for the sections named, until
/// the date, unless revoked.
@Suite struct PlanPolicyTests {
    let owner = UUID(), colleague = UUID(), team = UUID(), plan = UUID()
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func person(_ id: UUID, teams: Set<UUID> = []) -> Principal {
        Principal(accountID: id, displayName: "p", language: "en", memberships: [], teamIDs: teams)
    }

    func access(_ grants: [PlanGrant], restricted: Bool = false) -> PlanAccess {
        PlanAccess(planID: plan, ownerID: owner, grants: grants, isRestricted: restricted, now: now)
    }

    func grant(sections: Set<PlanSection> = [.goals], expires: TimeInterval = 3600, revoked: Bool = false, toTeam: Bool = true) -> PlanGrant {
        PlanGrant(granteeAccountID: toTeam ? nil : colleague, granteeTeamID: toTeam ? team : nil, sections: sections,
                  expiresAt: now.addingTimeInterval(expires), isRevoked: revoked)
    }

    @Test func theOwnerReadsEverySectionWithoutAnyGrant() {
        for section in [nil] + PlanSection.allCases.map(Optional.some) {
            #expect(Policy.decide(.readPlan(access([]), section: section), for: person(owner)).isAllowed)
        }
    }

    @Test func aTeamMemberReadsOnlyTheSectionsGranted() {
        let member = person(colleague, teams: [team])
        let shared = access([grant(sections: [.goals])])
        #expect(Policy.decide(.readPlan(shared, section: .goals), for: member).isAllowed)
        #expect(Policy.decide(.readPlan(shared, section: nil), for: member).isAllowed)
        #expect(!Policy.decide(.readPlan(shared, section: .agenda), for: member).isAllowed)
    }

    @Test func revokedExpiredAndOtherTeamsGetNothing() {
        let member = person(colleague, teams: [team])
        #expect(!Policy.decide(.readPlan(access([grant(revoked: true)]), section: nil), for: member).isAllowed)
        #expect(!Policy.decide(.readPlan(access([grant(expires: 0)]), section: nil), for: member).isAllowed)
        #expect(!Policy.decide(.readPlan(access([grant()]), section: nil), for: person(colleague, teams: [UUID()])).isAllowed)
        #expect(!Policy.decide(.readPlan(access([grant()]), section: nil), for: nil).isAllowed)
    }

    @Test func aPersonalGrantAdmitsThatPersonOnly() {
        let shared = access([grant(toTeam: false)])
        #expect(Policy.decide(.readPlan(shared, section: .goals), for: person(colleague)).isAllowed)
        #expect(!Policy.decide(.readPlan(shared, section: .goals), for: person(UUID(), teams: [team])).isAllowed)
    }
}

extension PlanPolicyTests {
    @Test func onlyTheSuggesterRewordsASuggestionAndOnlyWhileTheyMaySuggest() {
        let member = person(colleague, teams: [team])
        let shared = access([grant(sections: [.goals])])
        #expect(Policy.decide(.rewordSuggestion(shared, suggestedByID: colleague), for: member).isAllowed)
        #expect(!Policy.decide(.rewordSuggestion(shared, suggestedByID: UUID()), for: member).isAllowed, "someone else's")
        #expect(!Policy.decide(.rewordSuggestion(shared, suggestedByID: nil), for: member).isAllowed, "the owner's own goal")
        #expect(!Policy.decide(.rewordSuggestion(access([grant(sections: [.goals], revoked: true)]), suggestedByID: colleague),
                               for: member).isAllowed)
        #expect(!Policy.decide(.rewordSuggestion(shared, suggestedByID: owner), for: person(owner)).isAllowed)
    }

    @Test func aRestrictedPlanAdmitsNobodyButItsOwnerWhateverTheGrants() {
        let member = person(colleague, teams: [team])
        let restricted = access([grant(sections: Set(PlanSection.allCases))], restricted: true)
        for section in PlanSection.allCases {
            #expect(!Policy.decide(.readPlan(restricted, section: section), for: member).isAllowed, "\(section)")
            #expect(!Policy.decide(.contribute(restricted, to: section), for: member).isAllowed, "\(section)")
            #expect(Policy.decide(.readPlan(restricted, section: section), for: person(owner)).isAllowed, "\(section)")
        }
        #expect(!Policy.decide(.readPlan(restricted, section: nil), for: member).isAllowed)
        #expect(!Policy.decide(.changeAction(restricted, ActionStake(teamID: team, createdByID: colleague, ownerAccountID: colleague)),
                               for: member).isAllowed)
        #expect(Policy.decide(.readPlan(access([grant(sections: Set(PlanSection.allCases))]), section: .goals), for: member).isAllowed)
    }

    /// (section contributed to, sections granted, allowed?)
    static let contributions: [(PlanSection, Set<PlanSection>, Bool)] = [
        (.goals, [.goals], true),
        (.goals, [.agenda, .timeline], false),
        (.actions, [.actions, .goals], true),
        (.actions, [.actions], false),  // an action serves a goal: the goals must be shared too
        (.actions, [.goals], false),
        (.checkIns, [.checkIns], true),
        (.checkIns, [.goals, .actions], false),
        (.timeline, [.timeline], true),
        (.timeline, [.goals], false),
        (.agenda, Set(PlanSection.allCases), false),  // only the owner writes their agenda
        (.strengths, Set(PlanSection.allCases), false),
    ]

    @Test(arguments: contributions)
    func othersContributeOnlyToWhatTheyWereAuthorisedFor(section: PlanSection, granted: Set<PlanSection>, allowed: Bool) {
        let member = person(colleague, teams: [team])
        #expect(Policy.decide(.contribute(access([grant(sections: granted)]), to: section), for: member).isAllowed == allowed)
        #expect(!Policy.decide(.contribute(access([grant(sections: granted, revoked: true)]), to: section), for: member).isAllowed)
        #expect(!Policy.decide(.contribute(access([grant(sections: granted, expires: 0)]), to: section), for: member).isAllowed)
        #expect(!Policy.decide(.contribute(access([grant(sections: granted)]), to: section), for: nil).isAllowed)
    }

    @Test(arguments: PlanSection.allCases)
    func theOwnerNeverContributesThroughThisRule(section: PlanSection) {
        // The owner writes their own plan through `useOwnPlan`.
        #expect(!Policy.decide(.contribute(access([]), to: section), for: person(owner)).isAllowed)
    }
}

extension PlanPolicyTests {
    @Test func anActionIsChangedByWhoWroteItWhoDoesItOrItsServiceNeverAnotherService() {
        let member = person(colleague, teams: [team])
        let shared = access([grant(sections: [.actions, .goals])])
        let stranger = UUID()
        #expect(Policy.decide(.changeAction(shared, ActionStake(teamID: team, createdByID: stranger, ownerAccountID: nil)), for: member).isAllowed)
        #expect(Policy.decide(.changeAction(shared, ActionStake(teamID: nil, createdByID: colleague, ownerAccountID: nil)), for: member).isAllowed)
        #expect(Policy.decide(.changeAction(shared, ActionStake(teamID: UUID(), createdByID: stranger, ownerAccountID: colleague)), for: member).isAllowed)
        // Another service's action, or the citizen's own.
        #expect(!Policy.decide(.changeAction(shared, ActionStake(teamID: UUID(), createdByID: stranger, ownerAccountID: nil)), for: member).isAllowed)
        #expect(!Policy.decide(.changeAction(shared, ActionStake(teamID: nil, createdByID: owner, ownerAccountID: nil)), for: member).isAllowed)
        // Their own action, once the citizen has taken the actions back.
        let narrowed = access([grant(sections: [.goals])])
        #expect(!Policy.decide(.changeAction(narrowed, ActionStake(teamID: team, createdByID: colleague, ownerAccountID: colleague)), for: member).isAllowed)
        #expect(!Policy.decide(.changeAction(access([grant(sections: [.actions, .goals], revoked: true)]),
                                             ActionStake(teamID: team, createdByID: colleague, ownerAccountID: nil)), for: member).isAllowed)
    }
}
