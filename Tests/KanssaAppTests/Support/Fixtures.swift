import Agenda
import Fluent
import Foundation
@testable import KanssaApp
import Encountering
import Evaluation
import KanssaCore
import Listening
import Learning
import Vapor

/// Two organisations, a person in every role in the first, an administrator of the second, and
/// a person who belongs to both.
struct Fixtures {
    static let password = "correct horse battery"

    let here: UUID
    let elsewhere: UUID
    let outreachTeam: UUID
    let otherTeam: UUID
    let accounts: [Role: UUID]
    let adminElsewhere: UUID
    let memberOfBoth: UUID
    /// The citizen's plan, shared with the outreach team (where the professional works).
    let citizenPlan: UUID
    /// A goal of the citizen's own in that plan, and an action for it the professional planned.
    let citizenGoal: UUID
    let citizenAction: UUID
    /// A self-assessment round (the co-creation mind-set) for every professional of "Here".
    let round: UUID
    /// An action-learning set of "Here": the trainer facilitates, the professional and the member
    /// of both organisations are members. At its first meeting (two weeks ago) the professional
    /// presented a challenge and committed to an action; its second meeting is today.
    let set: UUID
    let firstMeeting: UUID
    let secondMeeting: UUID
    let challenge: UUID
    let commitment: UUID
    /// The trainer coaches the professional; it goes on.
    let coaching: UUID
    /// A learning session of "Here" the trainer ran an hour ago; the professional registered.
    let session: UUID
    /// A service-user panel of "Here": the co-trainer is in it, the professional is its staff
    /// contact. Its module is a draft with one section.
    let panel: UUID
    let module: UUID
    let section: UUID
    /// A module the same panel published, credited to the co-trainer as "Venla".
    let publishedModule: UUID
    /// A session of that module which began an hour ago: the trainer hosts it, the co-trainer
    /// delivers it, the coordinator registered and came.
    let encounterSession: UUID
    /// A consultation of "Here" being prepared by the outreach team, with one assumption written.
    let consultation: UUID
    /// Its public code.
    static let consultationCode = ConsultationCode(typed: "HERE23")!
    let assumption: UUID
    /// Its one question, "Would evening hours help you?" (yes / no).
    let question: UUID
    /// Another of the outreach team's consultations, open, with one answer written on paper
    /// that holds an e-mail address: something to moderate.
    let openConsultation: UUID
    let writtenAnswer: UUID
    /// A theme of its codebook, and the professional's coding of that answer with it.
    let theme: UUID
    let coding: UUID
    /// An assumption of the open consultation with a verdict resting on the professional's coding
    /// of a passage of that answer, and a decision resting on the verdict.
    let openAssumption: UUID
    let decision: UUID
    /// A staff pulse of the outreach team, opened a day ago (every four weeks, a week at a time).
    let pulse: UUID
    /// The coordinator's time in the outreach team, from 400 days ago until 30 days ago.
    let endedStint: UUID
    /// A barrier of "Here" the professional owns, with an action not yet done.
    let barrier: UUID
    let barrierAction: UUID
    /// A research project of "Here" the researcher was admitted to (staff changes and the
    /// practice log, the last year, ending in a year), with an export the coordinator released
    /// now and another waiting for a second person.
    let researchProject: UUID
    let researchExport: UUID
    let waitingExport: UUID

    static func login(_ role: Role) -> String { "\(role.rawValue)@here.test" }
    static let adminElsewhereLogin = "admin@elsewhere.test"
    static let memberOfBothLogin = "both@here.test"

    static func make(on app: Application) async throws -> Fixtures {
        let db = app.db
        let now = app.platform.dependencies.now()
        let hash = try Bcrypt.hash(password, cost: 4)
        func organisation(_ name: String) async throws -> UUID {
            let organisation = Organisation(name: name, defaultLanguage: "en", createdAt: now)
            try await organisation.create(on: db)
            return try organisation.requireID()
        }
        func team(_ organisationID: UUID, _ name: String) async throws -> UUID {
            let team = Team(organisationID: organisationID, name: name, createdAt: now)
            try await team.create(on: db)
            return try team.requireID()
        }
        func account(_ login: String, _ name: String, _ organisationID: UUID, _ role: Role, team: UUID? = nil) async throws -> UUID {
            let account = Account(login: login, displayName: name, preferredLanguage: "en", passwordHash: hash, createdAt: now)
            try await account.create(on: db)
            let id = try account.requireID()
            try await Enrolment.grant(accountID: id, organisationID: organisationID, role: role, teamID: team, at: now, on: db)
            return id
        }
        let here = try await organisation("Here")
        let elsewhere = try await organisation("Elsewhere")
        let outreach = try await team(here, "Outreach")
        _ = try await team(here, "Employment")
        let otherTeam = try await team(elsewhere, "Their team")
        var accounts: [Role: UUID] = [:]
        for role in Role.allCases {
            accounts[role] = try await account(login(role), "The \(role.rawValue)", here, role, team: role == .professional ? outreach : nil)
        }
        let adminElsewhere = try await account(adminElsewhereLogin, "Admin Elsewhere", elsewhere, .admin, team: otherTeam)
        let both = try await account(memberOfBothLogin, "Member of both", here, .professional)
        try await Enrolment.grant(accountID: both, organisationID: elsewhere, role: .citizen, at: now, on: db)
        let plan = try await PlanStore.plan(of: accounts[.citizen]!, at: now, on: db)
        try await PlanSharing.authorise(
            planID: try plan.requireID(), teamID: outreach, sections: [.agenda, .goals, .actions, .checkIns, .timeline], purpose: "Finding work together",
            legalBasis: .publicTask, until: now.addingTimeInterval(30 * 24 * 3600), by: accounts[.citizen]!, at: now, on: db)
        let goal = Goal(planID: try plan.requireID(), text: "Work again", origin: .citizen, status: .active,
                        createdByID: accounts[.citizen]!, createdAt: now)
        try await goal.create(on: db)
        let action = try await PlanActions.add(
            ActionDraft(goalID: try goal.requireID(), text: "Call the job centre", owner: .professional(accounts[.professional]!),
                        dueOn: nil, status: .open),
            planID: try plan.requireID(), teamID: outreach, by: accounts[.professional]!, at: now, on: db)
        let round = AssessmentRound(
            organisationID: here, teamID: nil, instrument: "co-creation-mindset", version: 1, label: "Before the programme",
            openedByID: accounts[.coordinator]!, openedAt: now, closesAt: now.addingTimeInterval(30 * 24 * 3600))
        try await round.create(on: db)
        let set = LearningSet(organisationID: here, name: "Thursday set", facilitatorID: accounts[.trainer]!,
                              createdByID: accounts[.coordinator]!, at: now)
        try await set.create(on: db)
        let setID = try set.requireID()
        for member in [accounts[.professional]!, both] { try await SetMember(setID: setID, accountID: member, at: now).create(on: db) }
        let first = SetMeeting(setID: setID, startsAt: now.addingTimeInterval(-14 * 24 * 3600), place: "Room 2")
        try await first.create(on: db)
        let second = SetMeeting(setID: setID, startsAt: now, place: "Room 2")
        try await second.create(on: db)
        let challenge = SetChallenge(setID: setID, meetingID: try first.requireID(), presenterID: accounts[.professional]!,
                                     summary: "A man on my caseload misses every appointment", at: now)
        try await challenge.create(on: db)
        let commitment = SetCommitment(setID: setID, challengeID: try challenge.requireID(), presenterID: accounts[.professional]!,
                                       text: "Ask him what time suits him", at: now)
        try await commitment.create(on: db)
        let coaching = CoachingRelationship(organisationID: here, coachID: accounts[.trainer]!, coacheeID: accounts[.professional]!, at: now)
        try await coaching.create(on: db)
        let session = LearningSession(
            organisationID: here,
            plan: SessionPlan(title: "Person-centred practice", description: "A day on plans in people's own words",
                              trainerID: accounts[.trainer]!, startsAt: now.addingTimeInterval(-3600), minutes: 120, place: "Room 1",
                              materials: "https://example.org/slides", capacity: nil),
            createdByID: accounts[.coordinator]!, at: now)
        try await session.create(on: db)
        try await SessionRegistration(sessionID: try session.requireID(), accountID: accounts[.professional]!, at: now).create(on: db)
        let panel = Panel(organisationID: here, name: "Youth panel", staffContactID: accounts[.professional]!, at: now)
        try await panel.create(on: db)
        try await PanelMember(panelID: try panel.requireID(), accountID: accounts[.coTrainer]!, creditName: "Venla", at: now).create(on: db)
        let module = TrainingModule(organisationID: here, panelID: try panel.requireID(), title: "Meeting young people",
                                    summary: "What we wish professionals knew", language: "en", licence: "CC BY 4.0",
                                    createdByID: accounts[.coTrainer]!, at: now)
        try await module.create(on: db)
        let section = ModuleSection(moduleID: try module.requireID(), position: 1, kind: .goodEncounter, title: "The nurse who sat down",
                                    body: "She sat down next to me.", instrumentID: nil, writtenByID: accounts[.coTrainer]!, at: now)
        try await section.create(on: db)
        let published = TrainingModule(organisationID: here, panelID: try panel.requireID(), title: "Kohtaa minut",
                                       summary: "Kohtaamisen koulutus", language: "fi", licence: "CC BY 4.0",
                                       createdByID: accounts[.coTrainer]!, at: now)
        published.publishedAt = now
        try await published.create(on: db)
        try await ModuleSection(moduleID: try published.requireID(), position: 1, kind: .tips, title: "Vinkit", body: "Istu alas.",
                                instrumentID: nil, writtenByID: accounts[.coTrainer]!, at: now).create(on: db)
        try await ModuleCredit(moduleID: try published.requireID(), name: "Venla", role: .author, panelName: "Youth panel",
                               organisationName: "Here", inherited: false, position: 0).create(on: db)
        let encounterSession = EncounterSession(
            moduleID: try published.requireID(), organisationID: here,
            plan: EncounterSessionPlan(startsAt: now.addingTimeInterval(-3600), minutes: 150, mode: .inPerson, place: "Youth centre",
                                       hostID: accounts[.trainer]!, coTrainerIDs: [accounts[.coTrainer]!], capacity: 20, followUpWeeks: 6),
            createdByID: accounts[.coordinator]!, at: now)
        try await encounterSession.create(on: db)
        try await SessionCoTrainer(sessionID: try encounterSession.requireID(), accountID: accounts[.coTrainer]!).create(on: db)
        let attended = EncounterRegistration(sessionID: try encounterSession.requireID(), accountID: accounts[.coordinator]!, at: now)
        attended.attended = true
        try await attended.create(on: db)
        let consultation = Consultation(
            organisationID: here, teamID: outreach, title: "What young people want from us", purpose: "To stop guessing",
            audience: "People aged 16 to 24", opensOn: "2026-06-01", closesOn: "2026-06-30", groups: ["Has children", "Works"],
            publicCode: Fixtures.consultationCode, createdByID: accounts[.professional]!, at: now)
        try await consultation.create(on: db)
        let assumption = Assumption(
            consultationID: try consultation.requireID(), statement: "They want evening opening hours", heldBy: "Outreach", confidence: 70,
            ifWrong: "Keep daytime hours", addedAfterOpening: false, createdByID: accounts[.professional]!, at: now)
        try await assumption.create(on: db)
        let question = Question(consultationID: try consultation.requireID(), position: 1, kind: .singleChoice,
                                text: "Would evening hours help you?", choices: ["Yes", "No"], conditionQuestionID: nil, conditionChoice: nil,
                                at: now)
        try await question.create(on: db)
        let asking = Consultation(
            organisationID: here, teamID: outreach, title: "How was your visit?", purpose: "To do better", audience: "Visitors",
            opensOn: "2026-05-01", closesOn: "2026-12-31", publicCode: ConsultationCode(typed: "VST234")!, createdByID: accounts[.professional]!,
            at: now)
        try await asking.create(on: db)
        let written = Question(consultationID: try asking.requireID(), position: 1, kind: .openText, text: "What should we change?", choices: [],
                               conditionQuestionID: nil, conditionChoice: nil, at: now)
        try await written.create(on: db)
        asking.state = .open
        try await asking.update(on: db)
        let respondent = Respondent(consultationID: try asking.requireID(), channel: .paper, codeDigest: nil, language: "en", groups: [],
                                    enteredByID: accounts[.professional]!, at: now)
        try await respondent.create(on: db)
        let answer = Answer(respondentID: try respondent.requireID(), questionID: try written.requireID(), at: now)
        answer.text = "Longer hours. Write to me at visitor@example.org"
        try await answer.create(on: db)
        let theme = Theme(consultationID: try asking.requireID(), parentID: nil, name: "Opening hours", description: "When we are open",
                          createdByID: accounts[.professional]!, at: now)
        try await theme.create(on: db)
        let coding = Coding(answerID: try answer.requireID(), themeID: try theme.requireID(), coderID: accounts[.professional]!, passage: nil, at: now)
        try await coding.create(on: db)
        let openAssumption = Assumption(
            consultationID: try asking.requireID(), statement: "Visitors want longer opening hours", heldBy: "Outreach", confidence: 60,
            ifWrong: "Keep the hours", addedAfterOpening: false, createdByID: accounts[.professional]!, at: now)
        try await openAssumption.create(on: db)
        let evidence = Coding(answerID: try answer.requireID(), themeID: try theme.requireID(), coderID: accounts[.professional]!,
                              passage: Passage(start: 0, end: 12), at: now)
        try await evidence.create(on: db)
        let verdict = Verdict(assumptionID: try openAssumption.requireID(), kind: .confirmed, reasoning: "They asked for it",
                              givenByID: accounts[.coordinator]!, at: now)
        try await verdict.create(on: db)
        try await VerdictEvidence(verdictID: try verdict.requireID(), codingID: try evidence.requireID()).create(on: db)
        let decision = Decision(consultationID: try asking.requireID(), kind: .change, subject: "Opening hours", reason: "Visitors asked",
                                ownerID: accounts[.professional]!, dueOn: "2027-03-31", createdByID: accounts[.coordinator]!, at: now)
        try await decision.create(on: db)
        try await DecisionGround(decisionID: try decision.requireID(), verdictID: try verdict.requireID()).create(on: db)
        let pulse = PulseSchedule(organisationID: here, label: "Monthly pulse", instrumentID: "staff-pulse", instrumentVersion: 1,
                                  everyWeeks: 4, openDays: 7, startsAt: now.addingTimeInterval(-24 * 3600),
                                  createdByID: accounts[.coordinator]!, at: now)
        try await pulse.create(on: db)
        try await PulseTeam(scheduleID: try pulse.requireID(), teamID: outreach).create(on: db)
        let ended = TeamStint(teamID: outreach, accountID: accounts[.coordinator]!, joinedAt: now.addingTimeInterval(-400 * 86_400))
        ended.leftAt = now.addingTimeInterval(-30 * 86_400)
        try await ended.create(on: db)
        let barrier = Barrier(organisationID: here, title: "Caseloads too high", description: "No time for agenda conversations",
                              kind: .workload, teamID: outreach, service: "", ownerID: accounts[.professional]!,
                              createdByID: accounts[.coordinator]!, at: now)
        try await barrier.create(on: db)
        let barrierAction = BarrierAction(barrierID: try barrier.requireID(), text: "Cap new cases", dueOn: "2027-01-31",
                                          addedByID: accounts[.coordinator]!, at: now)
        try await barrierAction.create(on: db)
        let project = ResearchProject()
        (project.organisationID, project.researcherID, project.name, project.purpose) = (here, accounts[.researcher]!, "Turnover study", "To learn")
        (project.fields, project.periodStart, project.periodEnd, project.endsOn) = ("staff-changes,practice-log", "2025-06-01", "2026-05-31", "2027-05-31")
        (project.exactDates, project.salt, project.createdByID, project.createdAt) = (false, "fixture-salt", accounts[.admin]!, now)
        try await project.create(on: db)
        var exports: [UUID] = []
        for status in [ResearchExportStatus.released, .requested] {
            let export = ResearchExport()
            (export.projectID, export.organisationID, export.fields) = (try project.requireID(), here, "staff-changes")
            (export.requestedByID, export.requestedAt, export.status) = (accounts[.researcher]!, now, status)
            if status == .released { (export.decidedByID, export.decidedAt) = (accounts[.coordinator]!, now) }
            try await export.create(on: db)
            exports.append(try export.requireID())
        }
        return Fixtures(
            here: here, elsewhere: elsewhere, outreachTeam: outreach, otherTeam: otherTeam, accounts: accounts,
            adminElsewhere: adminElsewhere, memberOfBoth: both, citizenPlan: try plan.requireID(),
            citizenGoal: try goal.requireID(), citizenAction: action, round: try round.requireID(),
            set: setID, firstMeeting: try first.requireID(), secondMeeting: try second.requireID(), challenge: try challenge.requireID(),
            commitment: try commitment.requireID(), coaching: try coaching.requireID(),
            session: try session.requireID(), panel: try panel.requireID(), module: try module.requireID(),
            section: try section.requireID(), publishedModule: try published.requireID(),
            encounterSession: try encounterSession.requireID(), consultation: try consultation.requireID(),
            assumption: try assumption.requireID(), question: try question.requireID(), openConsultation: try asking.requireID(),
            writtenAnswer: try answer.requireID(), theme: try theme.requireID(), coding: try coding.requireID(),
            openAssumption: try openAssumption.requireID(), decision: try decision.requireID(), pulse: try pulse.requireID(),
            endedStint: try ended.requireID(), barrier: try barrier.requireID(), barrierAction: try barrierAction.requireID(),
            researchProject: try project.requireID(), researchExport: exports[0], waitingExport: exports[1])
    }
}
