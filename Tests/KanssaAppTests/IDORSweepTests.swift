import Agenda
import Encountering
import Evaluation
import Fluent
import Foundation
@testable import KanssaApp
import KanssaCore
import Listening
import Learning
import Testing
import VaporTesting

/// Every route with an id in its path, tried by every person of one organisation with ids that
/// belong to someone else — another organisation, another citizen's plan, its goals, actions and
/// authorisations — alone and mixed with ids the person may use. Each try is refused (403 or
/// 404, or sent to sign in) and changes nothing. A new id-bearing route fails this test until
/// its ids are named here.
@Suite struct IDORSweepTests {
    /// Someone else's things: the other organisation and its administrator, and a plan of a
    /// person nobody here was authorised for, with a suggestion, an action and an authorisation.
    struct Foreign {
        let organisation: UUID
        let account: UUID
        let plan: UUID
        let goal: UUID
        let action: UUID
        let authorisation: UUID
        let tension: UUID
        let round: UUID
        /// A set of the other organisation, with a meeting, a challenge and a commitment.
        let set: UUID
        let meeting: UUID
        let challenge: UUID
        let commitment: UUID
        /// The other organisation's administrator coaching the member of both.
        let coaching: UUID
        /// A learning session of the other organisation.
        let session: UUID
        /// A panel of the other organisation, with a draft module and its section.
        let panel: UUID
        let module: UUID
        let section: UUID
        /// A session, begun an hour ago, of a module the other organisation's panel published.
        let encounterSession: UUID
        /// A consultation of the other organisation, being prepared, with an assumption.
        let consultation: UUID
        let assumption: UUID
        let question: UUID
        /// Someone's written answer to it, a theme of its codebook, and their coding of the answer.
        let answer: UUID
        let theme: UUID
        let coding: UUID
        /// A verdict on the assumption resting on that coding, and a decision resting on the verdict.
        let verdict: UUID
        let decision: UUID
        /// A theme the machine suggested from its answers, not yet decided about.
        let suggestion: UUID
        /// A staff pulse of its team, open now.
        let pulse: UUID
        /// Its admin's time in its team, ended an hour ago.
        let stint: UUID
        /// A barrier of its own, owned by its admin, with an action not yet done.
        let barrier: UUID
        let barrierAction: UUID
        /// A note linked to it as evidence.
        let barrierEvidence: UUID
        /// A research project of its own, with an export released to its researcher.
        let researchProject: UUID
        let researchExport: UUID
    }

    static func foreign(_ fixtures: Fixtures, on app: Application, now: Date) async throws -> Foreign {
        let owner = fixtures.memberOfBoth
        let plan = try await PlanStore.plan(of: owner, at: now, on: app.db)
        _ = try await PlanStore.saveAgenda(AgendaText(whatMatters: "Mine"), planID: try plan.requireID(), expectedVersion: 0,
                                           by: owner, at: now, on: app.db)
        let goal = Goal(planID: try plan.requireID(), text: "Someone else's suggestion", origin: .suggested,
                        status: .awaitingCitizen, suggestedByID: fixtures.adminElsewhere, createdByID: fixtures.adminElsewhere,
                        createdAt: now)
        try await goal.create(on: app.db)
        let action = try await PlanActions.add(
            ActionDraft(goalID: try goal.requireID(), text: "Someone else's action", owner: .citizen, dueOn: nil, status: .open),
            planID: try plan.requireID(), teamID: fixtures.otherTeam, by: fixtures.adminElsewhere, at: now, on: app.db)
        try await PlanSharing.authorise(
            planID: try plan.requireID(), teamID: fixtures.otherTeam, sections: Set(PlanSection.allCases), purpose: "Theirs",
            legalBasis: .consent, until: now.addingTimeInterval(3600 * 24 * 30), by: owner, at: now, on: app.db)
        let authorisation = try await PlanAuthorisation.query(on: app.db).filter(\.$plan.$id == plan.requireID()).first()!
        let other = Goal(planID: try plan.requireID(), text: "Their own goal", origin: .citizen, status: .active,
                         createdByID: owner, createdAt: now)
        try await other.create(on: app.db)
        let tension = GoalTension(planID: try plan.requireID(), firstGoalID: try goal.requireID(), secondGoalID: try other.requireID(),
                                  note: nil, createdByID: owner, createdAt: now, withOwnerPresent: false)
        try await tension.create(on: app.db)
        let round = AssessmentRound(
            organisationID: fixtures.elsewhere, teamID: nil, instrument: "co-creation-mindset", version: 1, label: "Theirs",
            openedByID: fixtures.adminElsewhere, openedAt: now, closesAt: now.addingTimeInterval(3600 * 24 * 30))
        try await round.create(on: app.db)
        let set = LearningSet(organisationID: fixtures.elsewhere, name: "Their set", facilitatorID: fixtures.adminElsewhere,
                              createdByID: fixtures.adminElsewhere, at: now)
        try await set.create(on: app.db)
        let setID = try set.requireID()
        let meeting = SetMeeting(setID: setID, startsAt: now.addingTimeInterval(-3600), place: "Their room")
        try await meeting.create(on: app.db)
        let challenge = SetChallenge(setID: setID, meetingID: try meeting.requireID(), presenterID: fixtures.adminElsewhere,
                                     summary: "Theirs", at: now)
        try await challenge.create(on: app.db)
        let commitment = SetCommitment(setID: setID, challengeID: try challenge.requireID(), presenterID: fixtures.adminElsewhere,
                                       text: "Theirs", at: now)
        try await commitment.create(on: app.db)
        let coaching = CoachingRelationship(organisationID: fixtures.elsewhere, coachID: fixtures.adminElsewhere,
                                            coacheeID: fixtures.memberOfBoth, at: now)
        try await coaching.create(on: app.db)
        let session = LearningSession(
            organisationID: fixtures.elsewhere,
            plan: SessionPlan(title: "Theirs", description: "Theirs", trainerID: fixtures.adminElsewhere, startsAt: now.addingTimeInterval(86400),
                              minutes: 60, place: "Theirs", materials: "", capacity: nil),
            createdByID: fixtures.adminElsewhere, at: now)
        try await session.create(on: app.db)
        let panel = Panel(organisationID: fixtures.elsewhere, name: "Their panel", staffContactID: fixtures.adminElsewhere, at: now)
        try await panel.create(on: app.db)
        try await PanelMember(panelID: try panel.requireID(), accountID: fixtures.memberOfBoth, creditName: "Theirs", at: now).create(on: app.db)
        let module = TrainingModule(organisationID: fixtures.elsewhere, panelID: try panel.requireID(), title: "Theirs", summary: "Theirs",
                                    language: "en", licence: "CC BY 4.0", createdByID: fixtures.memberOfBoth, at: now)
        try await module.create(on: app.db)
        let section = ModuleSection(moduleID: try module.requireID(), position: 1, kind: .tips, title: "Theirs", body: "Theirs",
                                    instrumentID: nil, writtenByID: fixtures.memberOfBoth, at: now)
        try await section.create(on: app.db)
        let published = TrainingModule(organisationID: fixtures.elsewhere, panelID: try panel.requireID(), title: "Theirs, published",
                                       summary: "Theirs", language: "en", licence: "CC BY 4.0", createdByID: fixtures.memberOfBoth, at: now)
        published.publishedAt = now
        try await published.create(on: app.db)
        let encounterSession = EncounterSession(
            moduleID: try published.requireID(), organisationID: fixtures.elsewhere,
            plan: EncounterSessionPlan(startsAt: now.addingTimeInterval(-3600), minutes: 150, mode: .online, place: "https://theirs.example",
                                       hostID: fixtures.adminElsewhere, coTrainerIDs: [fixtures.memberOfBoth], capacity: 10, followUpWeeks: 6),
            createdByID: fixtures.adminElsewhere, at: now)
        try await encounterSession.create(on: app.db)
        try await SessionCoTrainer(sessionID: try encounterSession.requireID(), accountID: fixtures.memberOfBoth).create(on: app.db)
        let theirs = EncounterRegistration(sessionID: try encounterSession.requireID(), accountID: fixtures.adminElsewhere, at: now)
        theirs.attended = true
        try await theirs.create(on: app.db)
        let consultation = Consultation(
            organisationID: fixtures.elsewhere, teamID: fixtures.otherTeam, title: "Theirs", purpose: "Theirs", audience: "Theirs",
            opensOn: "2026-06-01", closesOn: "2026-06-30", publicCode: ConsultationCode(typed: "XYZ789")!, createdByID: fixtures.adminElsewhere,
            at: now)
        try await consultation.create(on: app.db)
        let assumption = Assumption(
            consultationID: try consultation.requireID(), statement: "Theirs", heldBy: "Theirs", confidence: 50, ifWrong: "Theirs",
            addedAfterOpening: false, createdByID: fixtures.adminElsewhere, at: now)
        try await assumption.create(on: app.db)
        let question = Question(consultationID: try consultation.requireID(), position: 1, kind: .openText, text: "Theirs", choices: [],
                                conditionQuestionID: nil, conditionChoice: nil, at: now)
        try await question.create(on: app.db)
        let respondent = Respondent(consultationID: try consultation.requireID(), channel: .paper, codeDigest: nil, language: "en", groups: [],
                                    enteredByID: fixtures.adminElsewhere, at: now)
        try await respondent.create(on: app.db)
        let answer = Answer(respondentID: try respondent.requireID(), questionID: try question.requireID(), at: now)
        answer.text = "Theirs"
        try await answer.create(on: app.db)
        let theme = Theme(consultationID: try consultation.requireID(), parentID: nil, name: "Theirs", description: "", createdByID: fixtures.adminElsewhere,
                          at: now)
        try await theme.create(on: app.db)
        let coding = Coding(answerID: try answer.requireID(), themeID: try theme.requireID(), coderID: fixtures.adminElsewhere, passage: nil, at: now)
        try await coding.create(on: app.db)
        let verdict = Verdict(assumptionID: try assumption.requireID(), kind: .confirmed, reasoning: "Theirs", givenByID: fixtures.adminElsewhere,
                              at: now)
        try await verdict.create(on: app.db)
        try await VerdictEvidence(verdictID: try verdict.requireID(), codingID: try coding.requireID()).create(on: app.db)
        let decision = Decision(consultationID: try consultation.requireID(), kind: .keep, subject: "Theirs", reason: "Theirs",
                                ownerID: fixtures.adminElsewhere, dueOn: "2027-01-01", createdByID: fixtures.adminElsewhere, at: now)
        try await decision.create(on: app.db)
        try await DecisionGround(decisionID: try decision.requireID(), verdictID: try verdict.requireID()).create(on: app.db)
        let run = SuggestionRun(consultationID: try consultation.requireID(), language: "en", wanted: 2, requestedByID: fixtures.adminElsewhere, at: now)
        run.status = .done
        try await run.create(on: app.db)
        let suggestion = ThemeSuggestion(runID: try run.requireID(), consultationID: try consultation.requireID(), position: 0, words: ["theirs"],
                                         answerCount: 1, exampleIDs: [try answer.requireID()])
        try await suggestion.create(on: app.db)
        let pulse = PulseSchedule(organisationID: fixtures.elsewhere, label: "Their pulse", instrumentID: "staff-pulse", instrumentVersion: 1,
                                  everyWeeks: 4, openDays: 7, startsAt: now.addingTimeInterval(-3600), createdByID: fixtures.adminElsewhere, at: now)
        try await pulse.create(on: app.db)
        try await PulseTeam(scheduleID: try pulse.requireID(), teamID: fixtures.otherTeam).create(on: app.db)
        let stint = TeamStint(teamID: fixtures.otherTeam, accountID: fixtures.adminElsewhere, joinedAt: now.addingTimeInterval(-86_400))
        stint.leftAt = now.addingTimeInterval(-3600)
        try await stint.create(on: app.db)
        let barrier = Barrier(organisationID: fixtures.elsewhere, title: "Their barrier", description: "Theirs", kind: .morale,
                              teamID: fixtures.otherTeam, service: "", ownerID: fixtures.adminElsewhere, createdByID: fixtures.adminElsewhere, at: now)
        try await barrier.create(on: app.db)
        let barrierAction = BarrierAction(barrierID: try barrier.requireID(), text: "Their action", dueOn: "2027-02-01",
                                          addedByID: fixtures.adminElsewhere, at: now)
        try await barrierAction.create(on: app.db)
        let barrierEvidence = BarrierEvidence(barrierID: try barrier.requireID(), kind: .note, note: "Their note", addedByID: fixtures.adminElsewhere,
                                              at: now)
        try await barrierEvidence.create(on: app.db)
        let project = ResearchProject()
        (project.organisationID, project.researcherID, project.name, project.purpose) = (fixtures.elsewhere, fixtures.adminElsewhere, "Theirs", "Theirs")
        (project.fields, project.periodStart, project.periodEnd, project.endsOn) = ("staff-changes", "2025-01-01", "2026-12-31", "2027-12-31")
        (project.exactDates, project.salt, project.createdByID, project.createdAt) = (true, "their-salt", fixtures.adminElsewhere, now)
        try await project.create(on: app.db)
        let export = ResearchExport()
        (export.projectID, export.organisationID, export.fields, export.status) = (try project.requireID(), fixtures.elsewhere, "staff-changes", .requested)
        (export.requestedByID, export.requestedAt) = (fixtures.adminElsewhere, now)
        try await export.create(on: app.db)
        return Foreign(organisation: fixtures.elsewhere, account: fixtures.adminElsewhere, plan: try plan.requireID(),
                       goal: try goal.requireID(), action: action, authorisation: try authorisation.requireID(),
                       tension: try tension.requireID(), round: try round.requireID(),
                       set: setID, meeting: try meeting.requireID(), challenge: try challenge.requireID(),
                       commitment: try commitment.requireID(), coaching: try coaching.requireID(),
                       session: try session.requireID(), panel: try panel.requireID(), module: try module.requireID(),
                       section: try section.requireID(), encounterSession: try encounterSession.requireID(),
                       consultation: try consultation.requireID(), assumption: try assumption.requireID(),
                       question: try question.requireID(), answer: try answer.requireID(),
                       theme: try theme.requireID(), coding: try coding.requireID(), verdict: try verdict.requireID(),
                       decision: try decision.requireID(), suggestion: try suggestion.requireID(), pulse: try pulse.requireID(),
                       stint: try stint.requireID(), barrier: try barrier.requireID(), barrierAction: try barrierAction.requireID(),
                       barrierEvidence: try barrierEvidence.requireID(), researchProject: try project.requireID(), researchExport: try export.requireID())
    }

    /// For each path parameter, the ids to try: someone else's, and (where there is one) an id
    /// the person may use, so that mixed paths are tried too.
    static func candidates(_ parameter: String, _ foreign: Foreign, _ fixtures: Fixtures) -> [String]? {
        if parameter == "kind" { return ["help"] }  // which about page: no id
        // A consultation's public code is printed on posters: no secret, tried here only to mix
        // with the other organisation's ids.
        if parameter == "code" { return ["XYZ789", Fixtures.consultationCode.value] }
        if parameter == "language" { return ["fi"] }  // which language of a consultation: no id
        if parameter == "field" { return [ResearchField.staffChanges.rawValue] }  // which table of an export: no id
        return ids(parameter, foreign, fixtures)?.map(\.uuidString)
    }

    static func ids(_ parameter: String, _ foreign: Foreign, _ fixtures: Fixtures) -> [UUID]? {
        switch parameter {
        case "organisation": [foreign.organisation]
        case "account": [foreign.account]
        case "plan": [foreign.plan, fixtures.citizenPlan]
        case "goal": [foreign.goal]
        case "action": [foreign.action, foreign.barrierAction, fixtures.barrierAction]
        case "authorisation": [foreign.authorisation]
        case "tension": [foreign.tension]
        case "round": [foreign.round, fixtures.round]
        // Ids of the other organisation's set, and of a set here with ids of the other set inside it.
        case "set": [foreign.set, fixtures.set]
        case "meeting": [foreign.meeting, fixtures.secondMeeting]
        case "challenge": [foreign.challenge, fixtures.challenge]
        case "commitment": [foreign.commitment, fixtures.commitment]
        case "coaching": [foreign.coaching]
        case "session": [foreign.session]
        case "panel": [foreign.panel, fixtures.panel]
        case "module": [foreign.module, fixtures.module]
        case "section": [foreign.section, fixtures.section]
        case "encounterSession": [foreign.encounterSession, fixtures.encounterSession]
        case "consultation": [foreign.consultation, fixtures.consultation]
        case "assumption": [foreign.assumption, fixtures.assumption]
        case "question": [foreign.question, fixtures.question]
        case "answer": [foreign.answer, fixtures.writtenAnswer]
        case "coding": [foreign.coding, fixtures.coding]
        case "decision": [foreign.decision, fixtures.decision]
        case "suggestion": [foreign.suggestion]
        case "pulse": [foreign.pulse, fixtures.pulse]
        case "stint": [foreign.stint, fixtures.endedStint]
        case "barrier": [foreign.barrier, fixtures.barrier]
        case "evidence": [foreign.barrierEvidence]
        case "project": [foreign.researchProject, fixtures.researchProject]
        case "export": [foreign.researchExport, fixtures.waitingExport]
        default: nil
        }
    }

    /// Everything about the other person and organisation a successful try could change.
    static func fingerprint(_ foreign: Foreign, on app: Application) async throws -> [String] {
        let goal = try await Goal.find(foreign.goal, on: app.db)
        let action = try await PlanAction.find(foreign.action, on: app.db)
        let authorisation = try await PlanAuthorisation.find(foreign.authorisation, on: app.db)
        let plan = try await Plan.find(foreign.plan, on: app.db)
        return [
            "goal \(goal?.status.rawValue ?? "-")", "action \(action?.version ?? -1) \(action?.text ?? "-")",
            "authorisation \(authorisation?.revokedAt == nil)", "plan \(plan?.version ?? -1)",
            "goals \(try await Goal.query(on: app.db).filter(\.$plan.$id == foreign.plan).count())",
            "actions \(try await PlanAction.query(on: app.db).filter(\.$plan.$id == foreign.plan).count())",
            "check-ins \(try await CheckIn.query(on: app.db).filter(\.$plan.$id == foreign.plan).count())",
            "notes \(try await PlanNote.query(on: app.db).filter(\.$plan.$id == foreign.plan).count())",
            "tensions \(try await GoalTension.query(on: app.db).filter(\.$plan.$id == foreign.plan).count())",
            "answers \(try await AssessmentAnswer.query(on: app.db).filter(\.$roundID == foreign.round).count())",
            "set \(try await SetMeeting.query(on: app.db).filter(\.$setID == foreign.set).count())"
                + " \(try await SetChallenge.query(on: app.db).filter(\.$setID == foreign.set).count())"
                + " \(try await SetQuestion.query(on: app.db).filter(\.$challengeID == foreign.challenge).count())"
                + " \(try await SetCommitment.query(on: app.db).filter(\.$setID == foreign.set).count())"
                + " \(try await SetCommitment.find(foreign.commitment, on: app.db)?.reportedAt == nil)"
                + " \(try await SetAttendance.query(on: app.db).count())"
                + " \(try await SetMember.query(on: app.db).filter(\.$setID == foreign.set).filter(\.$leftAt == nil).count())",
            "session \(try await SessionRegistration.query(on: app.db).filter(\.$sessionID == foreign.session).count())"
                + " \(try await SessionFeedback.query(on: app.db).filter(\.$sessionID == foreign.session).count())",
            "module \(try await TrainingModule.find(foreign.module, on: app.db).map { "\($0.version) \($0.title) \($0.publishedAt == nil)" } ?? "-")"
                + " \(try await ModuleSection.query(on: app.db).filter(\.$moduleID == foreign.module).count())"
                + " \(try await ModuleComment.query(on: app.db).filter(\.$moduleID == foreign.module).count())"
                + " \(try await PanelMember.query(on: app.db).filter(\.$panelID == foreign.panel).all().map(\.creditName))"
                + " \(try await TrainingModule.query(on: app.db).filter(\.$panelID == foreign.panel).count())",
            "encounter session \(try await EncounterRegistration.query(on: app.db).filter(\.$sessionID == foreign.encounterSession).all().map { "\($0.attended ?? false)" })"
                + " \(try await SessionCoTrainer.query(on: app.db).filter(\.$sessionID == foreign.encounterSession).all().map { "\($0.minutes ?? -1)" })"
                + " \(try await EncounterSession.query(on: app.db).count())"
                + " \(try await SessionFeedbackAnswer.query(on: app.db).count()) \(try await SessionFollowUp.query(on: app.db).count())"
                + " \(try await CoTrainerReflection.query(on: app.db).count())",
            "coaching \(try await CoachingSession.query(on: app.db).filter(\.$relationshipID == foreign.coaching).count())"
                + " \(try await CoachingRelationship.find(foreign.coaching, on: app.db).map { "\($0.endedAt == nil) \($0.coachMayReadAfterEnd)" } ?? "-")",
            "consultation \(try await Consultation.find(foreign.consultation, on: app.db).map { "\($0.state.rawValue) \($0.title)" } ?? "-")"
                + " \(try await Assumption.query(on: app.db).filter(\.$consultationID == foreign.consultation).all().map { "\($0.statement) \($0.confidence)" })"
                + " \(try await Consultation.query(on: app.db).count())"
                + " \(try await Question.query(on: app.db).filter(\.$consultationID == foreign.consultation).all().map { "\($0.kind.rawValue) \($0.text)" })"
                + " \(try await Respondent.query(on: app.db).count()) \(try await Answer.query(on: app.db).all().map { "\($0.hidden) \($0.moderation)" })"
                + " \(try await ModerationStep.query(on: app.db).count())"
                + " \(try await Theme.query(on: app.db).count()) \(try await Coding.query(on: app.db).count())"
                + " \(try await Verdict.query(on: app.db).count()) \(try await VerdictEvidence.query(on: app.db).count())"
                + " \(try await Decision.query(on: app.db).all().map { "\($0.status) \($0.subject)" })"
                + " \(try await DecisionGround.query(on: app.db).count()) \(try await DecisionUpdate.query(on: app.db).count())"
                + " \(try await ThemeSuggestion.query(on: app.db).all().map(\.decision)) \(try await SuggestionRun.query(on: app.db).count())",
            "pulse \(try await PulseSchedule.find(foreign.pulse, on: app.db).map { "\($0.stoppedAt == nil) \($0.label)" } ?? "-")",
            "stint \(try await TeamStint.find(foreign.stint, on: app.db).map { "\($0.leaveReason?.rawValue ?? "none")" } ?? "-")"
                + " \(try await PulseSchedule.query(on: app.db).count()) \(try await PulseAnswer.query(on: app.db).count())"
                + " \(try await PulseResponse.query(on: app.db).count())",
            "barrier \(try await Barrier.find(foreign.barrier, on: app.db).map { "\($0.title) \($0.status) \($0.ownerID)" } ?? "-")"
                + " \(try await BarrierEvidence.query(on: app.db).count()) \(try await BarrierReview.query(on: app.db).count())"
                + " \(try await BarrierAction.query(on: app.db).all().map { "\($0.text) \($0.doneAt == nil)" }.sorted())",
            "research \(try await ResearchExport.query(on: app.db).all().map { "\($0.status)" }.sorted())"
                + " \(try await ResearchProject.query(on: app.db).all().map { "\($0.endedAt == nil)" })",
            "teams \(try await Team.query(on: app.db).filter(\.$organisation.$id == foreign.organisation).count())",
            "memberships \(try await Membership.query(on: app.db).filter(\.$account.$id == foreign.account).all().map(\.role.rawValue).sorted())",
            "invitations \(try await Invitation.query(on: app.db).count())",
            "disabled \(try await Account.find(foreign.account, on: app.db)?.disabledAt == nil)",
        ]
    }

    /// Fields enough for any form to reach the point where it looks its ids up.
    static func form(_ foreign: Foreign) -> [(String, String)] {
        [("answer", "endorse"), ("actionText", "Taken over"), ("actionGoal", foreign.goal.uuidString), ("actionOwner", "citizen"),
         ("actionStatus", "done"), ("version", "0"), ("reason", "Taken over"), ("themes[]", "x"), ("from", foreign.consultation.uuidString), ("note", "Written in"), ("goal", "Suggested in"), ("rating-home", "1"),
         ("roles[]", "admin"), ("name", "Team taken over"), ("role", "admin"), ("team", ""),
         ("tensionFirst", foreign.goal.uuidString), ("tensionSecond", foreign.action.uuidString), ("item-wp1", "5"), ("submit", "no"),
         ("date", "2027-01-05"), ("time", "10:00"), ("place", "Taken over"), ("present[]", foreign.account.uuidString),
         ("summary", "Taken over"), ("question-\(foreign.challenge)", "Taken over?"), ("kind-\(foreign.challenge)", "clarifying"),
         ("commitment-\(foreign.challenge)", "Taken over"), ("happened-\(foreign.commitment)", "Taken over"),
         ("learned-\(foreign.commitment)", "Taken over"), ("held-on", "2026-05-01"), ("goal", "Taken over"), ("allow", "yes"), ("action", "register"), ("usefulness", "5"),
         ("credit-\(foreign.panel)", "Taken over"), ("title-\(foreign.panel)", "Taken over"), ("summary-\(foreign.panel)", "Taken over"),
         ("language-\(foreign.panel)", "en"), ("title", "Taken over"), ("summary", "Taken over"), ("language", "en"), ("licence", "x"),
         ("kind", "tips"), ("section-title", "Taken over"), ("body", "Taken over"), ("reviewed[]", "yes"), ("comment", "Taken over"),
         ("hours-\(foreign.account)", "3"), ("present[]", foreign.account.uuidString), ("mode", "in-person"), ("host", foreign.account.uuidString),
         ("co-trainers[]", foreign.account.uuidString), ("capacity", "10"), ("follow-up", "6"),
         ("changed", "5"), ("heard", "Taken over"), ("will-do", "Taken over"), ("outcome", "did"), ("text", "Taken over"),
         ("person", foreign.account.uuidString), ("statement", "Taken over"), ("heldBy", "Taken over"), ("confidence", "99"),
         ("ifWrong", "Taken over"), ("purpose", "Taken over"), ("audience", "Taken over"), ("opensOn", "2026-06-01"),
         ("closesOn", "2026-06-30"), ("kind", "open-text"), ("choices", ""),
         ("reasoning", "Taken over"), ("evidence[]", foreign.coding.uuidString), ("subject", "Taken over"),
         ("owner", foreign.account.uuidString), ("dueOn", "2027-01-05"), ("grounds[]", foreign.verdict.uuidString), ("status", "done"),
         ("pulse", "\(foreign.pulse)/workload"), ("staff-team", foreign.organisation.uuidString), ("theme", foreign.theme.uuidString),
         ("decision", foreign.decision.uuidString), ("review-status", "resolved"), ("review-note", "Taken over"),
         ("action-text", "Taken over"), ("action-due", "2027-01-05"), ("description", "Taken over"),
         ("decision", "release"), ("choice", "reject"), ("fields-\(foreign.researchProject)[]", "staff-changes"), ("researcher", foreign.account.uuidString)]
    }

    @Test func nobodyReachesAnotherPersonsThingsThroughAnyId() async throws {
        try await withApp { app, world in
            let fixtures = try await Fixtures.make(on: app)
            let foreign = try await Self.foreign(fixtures, on: app, now: world.now)
            let before = try await Self.fingerprint(foreign, on: app)
            var tried = 0
            for route in app.routes.all {
                let parameters = route.path.compactMap { component -> String? in
                    if case .parameter(let name) = component { return name }
                    return nil
                }
                guard !parameters.isEmpty else { continue }
                // An organisation's accessibility statement, privacy notice and help are public, as the law asks.
                if route.method == .GET, route.path.map(\.description).suffix(2) == ["about", ":kind"] { continue }
                // So is its "You said, we did" index of consultations that have opened.
                if route.method == .GET, route.path.last?.description == "you-said-we-did" { continue }
                var paths = [""]
                for component in route.path {
                    switch component {
                    case .constant(let text): paths = paths.map { $0 + "/" + text }
                    case .parameter(let name):
                        let ids = try #require(Self.candidates(name, foreign, fixtures), "no ids to try for :\(name) in \(route.path)")
                        paths = paths.flatMap { path in ids.map { path + "/" + $0 } }
                    default: Issue.record("unexpected path component in \(route.path)")
                    }
                }
                // Only paths with at least one foreign id: the person's own are tried by RouteAccessTests.
                let foreignIDs = [foreign.organisation, foreign.account, foreign.plan, foreign.goal, foreign.action, foreign.authorisation,
                                  foreign.tension, foreign.round, foreign.set, foreign.meeting, foreign.challenge, foreign.commitment,
                                  foreign.coaching, foreign.session, foreign.panel, foreign.module, foreign.section,
                                  foreign.consultation, foreign.assumption, foreign.question, foreign.answer,
                                  foreign.coding, foreign.encounterSession, foreign.theme, foreign.verdict, foreign.decision,
                                  foreign.suggestion, foreign.pulse, foreign.stint, foreign.barrier, foreign.barrierAction,
                                  foreign.researchProject, foreign.researchExport]
                for path in paths where foreignIDs.contains(where: { path.contains($0.uuidString) }) {
                    for role in Role.allCases {
                        var browser = Browser(app)
                        try await browser.signIn(Fixtures.login(role))
                        try await browser.get("/me")
                        let response = route.method == .GET
                            ? try await browser.get(path) : try await browser.post(path, Self.form(foreign))
                        let refused = [.forbidden, .notFound].contains(response.status)
                            || (response.headers.first(name: .location) ?? "").hasPrefix("/sign-in")
                        #expect(refused, "\(route.method) \(path) as \(role.rawValue): \(response.status)")
                        tried += 1
                    }
                }
            }
            #expect(tried > 100)
            #expect(try await Self.fingerprint(foreign, on: app) == before)
        }
    }
}
