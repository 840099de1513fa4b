import Foundation

/// Everything a request can ask to do that the policy decides. Each route names one.
public enum Action: Sendable, Hashable {
    /// See one's own home page, information and access trace; change one's own profile.
    case useOwnAccount
    /// Restrict the processing of one's own data, or ask for its erasure: people services are for.
    /// Staff accounts hold what others rely on (notes they wrote in plans, say); their
    /// organisation's administrator closes them.
    case restrictOrEraseOwnData
    /// Read and write one's own whole-person plan: for people services are for (citizens and
    /// co-trainers), in any organisation.
    case useOwnPlan
    /// Read a section of someone's plan (any section when nil): the owner, or those the owner
    /// authorised for it, until the authorisation ends.
    case readPlan(PlanAccess, section: PlanSection?)
    /// Add to a section of someone else's plan — suggest a goal, plan an action, rate a life
    /// area, write a note: someone whom the owner authorised for that section and for what it
    /// builds on (``PlanSection/contributionNeeds``). The owner writes on their own plan through
    /// `useOwnPlan`. Nobody but the owner writes the agenda or the strengths.
    case contribute(PlanAccess, to: PlanSection)
    /// Change the words of a suggestion still waiting for the owner's answer: the person who
    /// suggested it, while they may still contribute goals.
    case rewordSuggestion(PlanAccess, suggestedByID: UUID?)
    /// Change an action in someone else's plan: someone who may contribute actions, and only to
    /// an action they wrote, they do, or that comes from one of their teams — one service does not
    /// rewrite another's. The owner changes any action of their own plan through `useOwnPlan`.
    case changeAction(PlanAccess, ActionStake)
    /// Record, in a meeting with the citizen present, the citizen's permission for oneself or one
    /// of one's teams: a professional of an organisation both the citizen and the grantee belong
    /// to, never for their own plan. Only the citizen authorises anyone else.
    case recordPermission(ownerID: UUID, ownerOrganisations: Set<UUID>, granteeOrganisations: Set<UUID>)
    /// See an organisation's figures about its teams' work with plans — aggregates only, never
    /// of fewer than five plans: its coordinators.
    case seeTeamFigures(UUID)
    /// Open self-assessment rounds for an organisation's professionals or one of its teams, and
    /// see how many have answered: its coordinators.
    case openRounds(UUID)
    /// See a round's figures — aggregates of five people or more, never anyone's answers: the
    /// organisation's coordinators and researchers.
    case seeRoundFigures(UUID)
    /// Answer a round, privately: the professionals it asks (of its organisation, or its team).
    case answerRound(organisation: UUID, team: UUID?)
    /// See one's own learning — the rounds one is asked to answer, one's own results, the
    /// action-learning sets one is in: professionals, and the coordinators and trainers who
    /// facilitate sets.
    case useLearning
    /// Set up an organisation's action-learning sets and see, for each, its attendance and how
    /// many challenges, commitments and report-backs there were — never what was said: its
    /// coordinators.
    case organiseSets(UUID)
    /// Read what is said in a set and add a question to a challenge: its members and facilitator
    /// only, while they are in it. Nobody else, whatever their role.
    case takePartInSet(SetAccess)
    /// Present a challenge of one's own at a meeting: the set's members.
    case presentInSet(SetAccess)
    /// Commit to actions after presenting, and report back on them: the presenter, while a member.
    case answerForChallenge(SetAccess, presenterID: UUID)
    /// Schedule a set's meetings and record who came: its facilitator.
    case facilitateSet(SetAccess)
    /// Keep one's own practice log — which co-creation tools one used, with whom, what happened,
    /// what one learned — read by oneself only: professionals.
    case keepPracticeLog
    /// See how far tools have spread in an organisation's teams — counts of people, in groups of
    /// five or more, never an entry: its coordinators and researchers.
    case seePracticeAdoption(UUID)
    /// Add a tool or method to the organisation's catalogue: its coordinators.
    case extendToolCatalogue(UUID)
    /// Ask a colleague to coach one: professionals.
    case startCoaching
    /// Read a coaching record: the coachee always; the coach while the relationship goes on, and
    /// after it ends only if the coachee allows. Nobody else.
    case readCoaching(CoachingAccess)
    /// Write a session into the record, or end the relationship: coach or coachee, while it goes on.
    case writeCoaching(CoachingAccess)
    /// Decide whether the coach may keep reading after the relationship ends: the coachee, who
    /// owns the record.
    case ownCoaching(CoachingAccess)
    /// Import an instrument the organisation holds a licence for, and see its instruments: its
    /// coordinators, who open rounds with them.
    case importInstruments(UUID)
    /// See an organisation's learning sessions — when, where, what, materials: its
    /// professionals, coordinators and trainers.
    case seeLearningSessions(UUID)
    /// Put on a learning session: an organisation's coordinators and trainers.
    case runLearningSessions(UUID)
    /// Name someone as the trainer of a session one puts on: a coordinator names anyone who can
    /// train; a trainer who is not a coordinator names only themselves.
    case nameTrainer(organisation: UUID, trainerID: UUID)
    /// Register for a session, or cancel: the organisation's professionals and coordinators.
    case attendLearningSessions(UUID)
    /// Record who came, and read the feedback (without names): the session's trainer and the
    /// organisation's coordinators.
    case manageLearningSession(SessionAccess)
    /// Give feedback on a session: someone registered for it whom the trainer did not record as absent.
    case giveSessionFeedback(SessionAccess)
    /// Set up an organisation's service-user panels — its co-trainers and their staff contact: its
    /// coordinators.
    case managePanels(UUID)
    /// See Encountering: one's panels and modules, and the modules published anywhere: co-trainers
    /// and staff of any organisation.
    case useEncountering
    /// Start a module for a panel: its co-trainers.
    case writeForPanel(PanelAccess)
    /// Read a module: once published, anyone who uses Encountering, in any organisation; before,
    /// its panel, their staff contact and the organisation's coordinators.
    case readModule(ModuleAccess)
    /// Write, change and publish a module's text: its panel's co-trainers, and nobody else — staff
    /// comment, they do not edit.
    case writeModule(ModuleAccess)
    /// Comment on a module: the panel's staff contact and the organisation's coordinators.
    case commentOnModule(ModuleAccess)
    /// Adapt a published module for a panel — a copy the panel then translates and changes: the
    /// panel's co-trainers, and the coordinators of the panel's organisation on its behalf. Any
    /// organisation may adapt another's.
    case adaptModule(ModuleAccess, into: PanelAccess)
    /// Put on a session of a published module — its day, place, host, co-trainers, places: the
    /// panel's staff contact and the coordinators of the module's organisation.
    case scheduleEncounterSession(ModuleAccess)
    /// See a session: those who give it (host, co-trainers, their panel and its contact), and the
    /// professionals and coordinators of its organisation, who may take part.
    case readEncounterSession(EncounterSessionAccess)
    /// Register for a session, or cancel: the professionals and coordinators of its organisation
    /// who do not give it.
    case registerForEncounterSession(EncounterSessionAccess)
    /// Record who came and what the co-trainers' time was recognised with: the host and the
    /// organisation's coordinators.
    case hostEncounterSession(EncounterSessionAccess)
    /// Print a certificate of attendance: those recorded as having come.
    case printAttendanceCertificate(EncounterSessionAccess)
    /// See and print one's own statement of sessions delivered: co-trainers.
    case seeOwnDeliveryStatement
    /// Give feedback on a session, answer its self-reflection and, weeks later, its follow-up:
    /// those registered whom the host did not record as absent.
    case giveEncounterFeedback(EncounterSessionAccess)
    /// Read a session's feedback — counts, and ratings and words without names once five have
    /// answered: those who give it and the organisation's coordinators.
    case readEncounterFeedback(EncounterSessionAccess)
    /// Read the feedback of all of a module's sessions together: its panel, their staff contact
    /// and the coordinators of its organisation.
    case readModuleFeedback(ModuleAccess)
    /// Write one's own reflection on a session delivered ("were we heard?"): its co-trainers.
    case reflectOnEncounterSession(EncounterSessionAccess)
    /// Read the co-trainers' reflections on a session: its co-trainers and their panel — not staff.
    case readCoTrainerReflections(EncounterSessionAccess)
    /// See the list of plans shared with one: professionals, in any organisation.
    /// See an organisation's consultations and start one (Listening): its coordinators and professionals.
    case runConsultations(UUID)
    /// Start a consultation run by a team: the organisation's coordinators, and the team's professionals.
    case startConsultation(organisation: UUID, team: UUID)
    /// Work on one consultation (its ledger, opening and closing it): the team that runs it, and
    /// the organisation's coordinators.
    case workOnConsultation(ConsultationAccess)
    /// See an organisation's consultations by their figures, and how sure staff were across them:
    /// those who run consultations, and its researchers — who see figures only, never answers,
    /// ledgers or decisions.
    case readConsultationFigures(UUID)
    /// See one consultation's figures: those who work on it, and its organisation's researchers.
    case seeConsultationFigures(ConsultationAccess)
    /// Schedule staff pulses for an organisation's teams, and stop them (Evaluation): its coordinators.
    case schedulePulses(UUID)
    /// See an organisation's pulses and their figures — aggregates of five or more, never anyone's
    /// answers: its coordinators and researchers.
    case seePulseFigures(UUID)
    /// Answer a pulse that asks these teams: staff of the organisation who work in one of them.
    case answerPulse(organisation: UUID, teams: Set<UUID>)
    /// See each team's turnover, stability and tenure (Evaluation): the organisation's
    /// coordinators and admins. Who joined and left by name is for admins only (`manageMembers`).
    case seeStaffChanges(UUID)
    /// Keep an organisation's barrier register (Evaluation): record barriers, change them, see
    /// them all — its coordinators.
    case keepBarriers(UUID)
    /// Follow one barrier — see it, link evidence, add and finish actions, review it: those who
    /// keep the register, and the barrier's owner while they are staff of the organisation.
    case followBarrier(organisation: UUID, ownerID: UUID)
    /// See what citizens said after meetings, as counts of five or more (Evaluation): the
    /// organisation's coordinators and researchers. A professional sees their own (`useCaseload`).
    case seeCitizensVoice(UUID)
    /// See the organisation's dashboard and pilot report (Evaluation): its coordinators.
    case seeDashboard(UUID)
    /// See an organisation's research projects and the exports asked for: its coordinators and
    /// admins — never an export's contents.
    case seeResearchProjects(UUID)
    /// Admit a researcher to a research project: the organisation's admins.
    case admitResearchers(UUID)
    /// Release or refuse an export: a coordinator or admin of the organisation who did not ask for it.
    case decideResearchExport(organisation: UUID, requestedBy: UUID)
    /// See one's own research projects: anyone who is a researcher somewhere.
    case seeOwnResearch
    /// Ask for an export of a project: its researcher, while a researcher of the organisation
    /// and until the project's end date.
    case useResearchProject(organisation: UUID, researcher: UUID, ended: Bool)
    /// Download a table of an export: as `useResearchProject`, and only once another person
    /// released it and within seven days of that.
    case downloadResearchExport(organisation: UUID, researcher: UUID, ended: Bool, released: Bool, expired: Bool)
    case useCaseload
    /// See an organisation's teams, members and invitations; add teams.
    case administerOrganisation(UUID)
    /// Change a member's roles or teams, or disable an account, in an organisation.
    case manageMembers(UUID)
    /// Open the invitation form of an organisation (to invite someone in any role one may).
    case inviteAnyone(UUID)
    /// Create an invitation for one role.
    case invite(organisation: UUID, role: Role)
    /// Open the page where staff give someone a code to set a new password: whoever may invite.
    case openPasswordResets(UUID)
    /// Give a code to set a new password to a member with these roles in the organisation:
    /// only someone who could have invited them in every one of those roles, and not oneself.
    /// Never to someone who also belongs to another organisation: its staff may not open an
    /// account another organisation relies on.
    case issuePasswordReset(organisation: UUID, account: UUID, roles: Set<Role>, belongsElsewhere: Bool)
}
