import Agenda
@testable import Encountering
@testable import Evaluation
import Foundation
@testable import KanssaApp
import KanssaCore
@testable import Learning
@testable import Listening
@preconcurrency import Plot
import SnapshotTesting
import Testing

/// Every page, rendered from a fixed view model and compared with the HTML committed under
/// `__Snapshots__`. A change to a page shows up as a readable diff in review.
@Suite struct PageSnapshotTests {
    static let organisation = UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!
    static let other = UUID(uuidString: "00000000-0000-0000-0000-00000000000B")!
    static let account = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!
    static let team = UUID(uuidString: "00000000-0000-0000-0000-0000000000C1")!
    static let when = Date(timeIntervalSince1970: 1_780_000_000)

    static func chrome(_ language: String = "en", signedIn: Bool = true) throws -> Chrome {
        let t = try Catalogs.bundled().localizer(for: language, timeZone: TimeZone(identifier: "Europe/Helsinki")!)
        return Chrome(
            t: t, csrfToken: "TOKEN", signedInName: signedIn ? "Aino Laine" : nil, home: SiteRoute.home.url,
            navigation: signedIn ? [
                .init(label: t(.navHome), url: SiteRoute.home.url, isCurrent: true),
                .init(label: t(.navMyInformation), url: SiteRoute.myInformation().url, isCurrent: false),
            ] : [],
            signOut: SiteRoute.signOut.url, languageSwitch: SiteRoute.language.url,
            languages: [.init(code: "en", name: "English"), .init(code: "fi", name: "Suomi")],
            returnPath: "/", stylesheet: SiteRoute.stylesheet.url)
    }

    static func principal() -> Principal {
        Principal(accountID: account, displayName: "Aino Laine", language: "en", memberships: [
            MembershipGrant(organisationID: organisation, organisationName: "City of Turku – Youth Services", role: .professional),
            MembershipGrant(organisationID: organisation, organisationName: "City of Turku – Youth Services", role: .admin),
            MembershipGrant(organisationID: other, organisationName: "Municipality of Houten", role: .citizen),
        ])
    }

    @Test func staffPulses() throws {
        let day = 86_400.0
        var list = PulseList.Model(
            organisationID: Self.organisation, organisationName: "Hull Children's Services",
            teams: [.init(id: Self.team.uuidString, name: "Team North"), .init(id: Self.other.uuidString, name: "Team South")],
            lines: [
                .init(id: Self.other, label: "Monthly pulse", teams: ["Team North", "Team South"], everyWeeks: 4, openDays: 7,
                      state: .open(closesAt: Self.when, answered: 12)),
                .init(id: Self.account, label: "Pilot pulse", teams: ["Team North"], everyWeeks: 2, openDays: 3, state: .stopped(Self.when)),
            ])
        list.maySchedule = true
        list.pickedTeams = [Self.team.uuidString]
        list.draft = ["label": "", "every": "4", "open": "7", "starts": ""]
        list.errors = [FieldError(field: "label", message: try Self.chrome().t(.errorPulseLabel))]
        expectPage(PulseList.View(model: list, chrome: try Self.chrome()).render(), named: "pulses")

        let periods = (0..<3).map { Pulses.Period(index: $0, opensAt: Self.when.addingTimeInterval(Double($0) * 28 * day),
                                                 closesAt: Self.when.addingTimeInterval((Double($0) * 28 + 7) * day)) }
        let group = [PulseFigures.point([4, 4, 3, 5, 4, 3]), PulseFigures.point([3, 3, 2, 4, 3, 2, 3]), PulseFigures.point([2, 2, 1, 3, 2])]
        let figures = PulseFigures.Model(
            scheduleID: Self.other, organisationID: Self.organisation, label: "Monthly pulse", instrumentTitle: "Staff pulse",
            periods: periods, answered: [6, 7, 5], openPeriod: nil,
            conditions: [
                .init(id: "workload", name: "Workload", group: .init(teamID: nil, name: "", points: group),
                      teams: [.init(teamID: Self.team, name: "Team North", points: [group[0], nil, nil])]),
                .init(id: "morale", name: "Morale", group: .init(teamID: nil, name: "", points: [group[1], nil, group[1]]), teams: []),
            ])
        let page = PulseFiguresPage.Model(figures: figures, organisationName: "Hull Children's Services", teamID: nil, isStopped: false, mayStop: true)
        expectPage(PulseFiguresPage.View(model: page, chrome: try Self.chrome()).render(), named: "pulse-figures")

        let instrument = try Instruments.staffPulse()
        var answering = PulseAnswerPage.Model(
            scheduleID: Self.other, label: "Monthly pulse", instrument: instrument, language: "fi", state: .open(closesAt: Self.when),
            teams: [.init(id: Self.team.uuidString, name: "Team North"), .init(id: Self.other.uuidString, name: "Team South")])
        answering.answers = ["wl1": 2]
        answering.errors = [FieldError(field: "team", message: try Self.chrome("fi").t(.errorPulseTeam))]
        expectPage(PulseAnswerPage.View(model: answering, chrome: try Self.chrome("fi")).render(), named: "pulse-answer-fi")
    }

    func expectPage(
        _ html: HTML, named name: String, fileID: StaticString = #fileID, file: StaticString = #filePath,
        line: UInt = #line, column: UInt = #column
    ) {
        assertSnapshot(of: html.render(indentedBy: .spaces(1)), as: .lines, named: name, fileID: fileID,
                       file: file, testName: "page", line: line, column: column)
    }

    @Test func signIn() throws {
        expectPage(SignIn.View(model: .init(), chrome: try Self.chrome(signedIn: false)).render(), named: "sign-in")
        let t = try Self.chrome().t
        let failed = SignIn.Model(login: "aino@turku.demo", errors: [FieldError(field: "login", message: t(.errorSignInFailed))])
        expectPage(SignIn.View(model: failed, chrome: try Self.chrome("fi", signedIn: false)).render(), named: "sign-in-failed-fi")
    }

    @Test func home() throws {
        expectPage(Home.View(model: Home.Model(principal: Self.principal()), chrome: try Self.chrome()).render(), named: "home")
        var waiting = Home.Model(principal: Self.principal())
        waiting.waiting = [
            .overdue(action: "Send the CV", dueOn: "2026-11-30"), .clash(dueOn: "2026-12-11", services: 2),
            .suggestion(goal: "Visit the information desk", from: "Joost Visser"), .suggestion(goal: "Learn Dutch", from: nil),
            .dueSoon(action: "Interview at the hospital", dueOn: "2026-12-11"),
        ]
        expectPage(Home.View(model: waiting, chrome: try Self.chrome("fi")).render(), named: "home-waiting-fi")
        waiting.waiting = []
        expectPage(Home.View(model: waiting, chrome: try Self.chrome()).render(), named: "home-nothing-waiting")
    }

    @Test func myInformation() throws {
        let trace = Paged(items: [
            MyInformation.Model.TraceLine(occurredAt: Self.when, actorName: "Aino Laine", isSelf: false, event: .personalDataRead,
                                          target: "plan:actions,goals", purpose: "case-work", outcome: .allowed, count: 6,
                                          firstAt: Self.when.addingTimeInterval(-120)),
            MyInformation.Model.TraceLine(occurredAt: Self.when, actorName: "Tuula Virtanen", isSelf: false, event: .personalDataRead,
                                          target: "membership", purpose: "organisation-administration", outcome: .allowed,
                                          firstAt: Self.when),
            MyInformation.Model.TraceLine(occurredAt: Self.when, actorName: nil, isSelf: false, event: .signInFailed,
                                          target: "sign-in", purpose: "security", outcome: .denied, firstAt: Self.when),
        ], page: ListPage(number: 1, size: 1), total: 9)
        var model = MyInformation.Model(
            displayName: "Aino Laine", language: "en", login: "aino@turku.demo", memberships: Self.principal().memberships, trace: trace)
        expectPage(MyInformation.View(model: model, chrome: try Self.chrome()).render(), named: "my-information")
        model.mayRestrictOrErase = true
        expectPage(MyInformation.View(model: model, chrome: try Self.chrome("fi")).render(), named: "my-information-citizen-fi")
    }

    @Test func restrictOrErase() throws {
        let kept = [
            MyData.Kept(organisationName: "Municipality of Houten", kind: .caseRecords, months: 24, reason: "Youth Act: client records"),
            MyData.Kept(organisationName: "Municipality of Houten", kind: .accessTrace, months: 12, reason: "Proof of lawful use"),
        ]
        let unused = [MyData.Kept(organisationName: "Municipality of Houten", kind: .unusedAccounts, months: 36,
                                  reason: "We keep no information nobody uses")]
        var open = MyData.Model(restrictedSince: nil, erasureRequestedAt: nil, kept: kept, unusedMonths: 36, unusedReasons: unused)
        open.errors = [FieldError(field: "understood", message: try Self.chrome().t(.errorErasureNotConfirmed))]
        expectPage(MyData.View(model: open, chrome: try Self.chrome()).render(), named: "my-data")
        let restricted = MyData.Model(restrictedSince: Self.when, erasureRequestedAt: nil, kept: [], unusedMonths: nil, unusedReasons: [])
        expectPage(MyData.View(model: restricted, chrome: try Self.chrome("fi")).render(), named: "my-data-restricted-fi")
        let erasing = MyData.Model(restrictedSince: nil, erasureRequestedAt: Self.when, kept: kept, unusedMonths: nil, unusedReasons: [])
        expectPage(MyData.View(model: erasing, chrome: try Self.chrome()).render(), named: "my-data-erasing")
        var rules = Retention.Model(organisationID: Self.organisation, organisationName: "Municipality of Houten", lines: [
            .init(kind: .caseRecords, months: "24", reason: "Youth Act: client records", updatedAt: Self.when),
            .init(kind: .accessTrace, months: "x", reason: "", updatedAt: nil),
            .init(kind: .unusedAccounts, months: "36", reason: "We keep no information nobody uses", updatedAt: Self.when),
        ])
        rules.errors = [FieldError(field: "months-access-trace", message: try Self.chrome().t(.errorRetentionMonths))]
        expectPage(Retention.View(model: rules, chrome: try Self.chrome()).render(), named: "retention")
        var areas = LifeAreaSettings.Model(organisationID: Self.organisation, organisationName: "Municipality of Houten",
                                           text: "Housing\nSchool\nSchool")
        areas.errors = [FieldError(field: "areas", message: try Self.chrome("fi").t(.errorLifeAreaRepeated, ["name": "School"]))]
        expectPage(LifeAreaSettings.View(model: areas, chrome: try Self.chrome("fi")).render(), named: "life-area-settings-fi")
    }

    @Test func organisationAdministration() throws {
        let members = Paged(items: [
            AdminOverview.Model.MemberLine(accountID: Self.account, displayName: "Aino Laine", login: "aino@turku.demo",
                                           roles: [.professional, .admin], teams: ["Youth outreach"], isDisabled: false),
        ], page: ListPage(number: 2, size: 1), total: 3)
        let model = AdminOverview.Model(
            organisationID: Self.organisation, organisationName: "City of Turku – Youth Services",
            teams: [.init(name: "Youth outreach", memberCount: 4), .init(name: "Youth panel", memberCount: 6)],
            members: members,
            openInvitations: [.init(role: .citizen, teamName: "Youth outreach", invitedBy: "Aino Laine", expiresAt: Self.when)])
        expectPage(AdminOverview.View(model: model, chrome: try Self.chrome()).render(), named: "admin")

        let member = MemberDetail.Model(
            organisationID: Self.organisation, organisationName: "City of Turku – Youth Services", accountID: Self.account,
            displayName: "Eemeli", login: "eemeli@turku.demo", roles: [.citizen],
            teams: [.init(id: Self.team, name: "Youth outreach", isMember: true)], isDisabled: false, mayDisable: true)
        expectPage(MemberDetail.View(model: member, chrome: try Self.chrome()).render(), named: "member")
        expectPage(MemberDetail.ConfirmDisableView(model: member, chrome: try Self.chrome()).render(), named: "member-disable")
    }

    @Test func invitations() throws {
        let new = NewInvitation.Model(
            organisationID: Self.organisation, organisationName: "City of Turku – Youth Services", roles: [.citizen, .coTrainer],
            teams: [.init(id: Self.team, name: "Youth outreach")], selectedRole: .citizen)
        expectPage(NewInvitation.View(model: new, chrome: try Self.chrome()).render(), named: "invitation-new")
        let created = CreatedInvitation.Model(
            organisationID: Self.organisation, organisationName: "City of Turku – Youth Services",
            code: InvitationCode(typed: "ABCDE-23456")!, role: .citizen, teamName: "Youth outreach", expiresAt: Self.when)
        expectPage(CreatedInvitation.View(model: created, chrome: try Self.chrome("fi")).render(), named: "invitation-created-fi")
        expectPage(Redeem.View(model: .init(isSignedIn: false), chrome: try Self.chrome(signedIn: false)).render(), named: "join")
        expectPage(Redeem.View(model: .init(code: "ABCDE-23456", isSignedIn: true), chrome: try Self.chrome()).render(), named: "join-signed-in")
    }

    @Test func myPlan() throws {
        let empty = MyPlan.Model(agenda: AgendaText(), version: 0, isAgendaWritten: false, goals: [])
        expectPage(MyPlan.View(model: empty, chrome: try Self.chrome()).render(), named: "plan-empty")
        let agenda = AgendaText(
            whatMatters: "Working again, in a job where my languages count, and time for my children.",
            appreciated: "I keep my word and I learn fast.", important: "My children; my mother's health.",
            support: "Tell me plainly what happens next, and in writing.")
        let written = MyPlan.Model(agenda: agenda, version: 3, isAgendaWritten: true, goals: [
            .init(id: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, text: "Find work where Arabic and Dutch both count", origin: .citizen, status: .active, suggestedBy: nil),
            .init(id: UUID(uuidString: "00000000-0000-0000-0000-000000000002")!, text: "Get a Dutch driving licence", origin: .suggested, status: .active, suggestedBy: "Sanne Bakker"),
            .init(id: UUID(uuidString: "00000000-0000-0000-0000-000000000003")!, text: "Take the entrepreneurship course", origin: .suggested, status: .declined, suggestedBy: "Sanne Bakker"),
            .init(id: UUID(uuidString: "00000000-0000-0000-0000-000000000004")!, text: "Join the language café", origin: .suggested, status: .awaitingCitizen, suggestedBy: "Joost Visser"),
        ])
        var withStrengths = written
        withStrengths.strengths = [
            .init(kind: .skill, text: "Arabic, Dutch and some English"), .init(kind: .skill, text: "Organising people"),
            .init(kind: .person, text: "My sister Amal"), .init(kind: .communityResource, text: "The library's language café"),
        ]
        var event = Timeline.Line(author: "Joost Visser", isViewer: false, text: "", writtenAt: Self.when, withOwnerPresent: true)
        event.event = .plannedAction
        withStrengths.timeline = [
            event, Timeline.Line(author: "Sanne Bakker", isViewer: false, text: "We talked about jobs where Arabic counts.", writtenAt: Self.when),
        ]
        expectPage(MyPlan.View(model: withStrengths, chrome: try Self.chrome()).render(), named: "plan")
        var conflict = written
        conflict.conflict = MyPlan.Conflict(theirs: AgendaText(whatMatters: "Saved first, elsewhere."), savedBy: "Fatima", savedAt: Self.when)
        expectPage(MyPlan.View(model: conflict, chrome: try Self.chrome("fi")).render(), named: "plan-conflict-fi")
        var goal = GoalEditor.Model(goalID: Self.account, text: "Find work where Arabic and Dutch both count", status: .achieved, version: 2)
        goal.conflict = GoalEditor.Conflict(text: "Find work at the hospital, where Arabic and Dutch both count", status: .active)
        expectPage(GoalEditor.View(model: goal, chrome: try Self.chrome()).render(), named: "goal-conflict")
    }

    @Test func sharing() throws {
        let teams = [PlanSharing.TeamChoice(teamID: Self.team, teamName: "Work and income", organisationName: "Municipality of Houten",
                                            legalBases: [.publicTask, .consent])]
        let lines = [
            Sharing.Line(id: Self.account, grantee: "Work and income (Municipality of Houten)", sections: [.agenda, .goals],
                         purpose: "Finding work together", legalBasis: .publicTask, createdAt: Self.when, expiresAt: Self.when, state: .active,
                         recordedBy: "Sanne Bakker"),
            Sharing.Line(id: Self.other, grantee: "Social support (Municipality of Houten)", sections: [.goals],
                         purpose: "Housing", legalBasis: .consent, createdAt: Self.when, expiresAt: Self.when, state: .revoked(on: Self.when, by: nil)),
            Sharing.Line(id: Self.team, grantee: "Youth outreach (Municipality of Houten)", sections: [.actions],
                         purpose: "Summer job", legalBasis: .publicTask, createdAt: Self.when, expiresAt: Self.when,
                         state: .revoked(on: Self.when, by: "Sanne Bakker")),
        ]
        var model = Sharing.Model(teams: teams, lines: lines)
        model.undoable = lines[1]
        expectPage(Sharing.View(model: model, chrome: try Self.chrome()).render(), named: "sharing")
        model.undoable = nil
        model.quickErrors = [FieldError(field: "until", message: try Self.chrome().t(.errorUntil))]
        expectPage(Sharing.View(model: model, chrome: try Self.chrome("fi")).render(), named: "sharing-quick-error-fi")
        model.errors = [FieldError(field: "purpose", message: try Self.chrome().t(.errorPurpose))]
        model.draft = Sharing.draft(from: lines[2])
        expectPage(Sharing.FormView(model: model, chrome: try Self.chrome("fi")).render(), named: "sharing-error-fi")
        expectPage(Sharing.ConfirmRevokeView(line: lines[0], chrome: try Self.chrome()).render(), named: "sharing-confirm-revoke")
        let shared = SharedPlan.Model(
            planID: Self.other, ownerName: "Fatima", reasons: ["Fatima allowed Work and income to see this, for: Finding work together (Public task), until May 28, 2026."],
            agenda: AgendaText(whatMatters: "Working again."), goals: [
                .init(id: UUID(uuidString: "00000000-0000-0000-0000-000000000005")!, text: "Find work where Arabic and Dutch both count", origin: .citizen, status: .active, suggestedBy: nil),
                .init(id: UUID(uuidString: "00000000-0000-0000-0000-000000000006")!, text: "Take the entrepreneurship course", origin: .suggested, status: .declined, suggestedBy: "Sanne Bakker"),
            ])
        var suggesting = shared
        suggesting.suggestionTarget = Self.other
        suggesting.strengths = [.init(kind: .place, text: "The community garden")]
        expectPage(SharedPlan.View(model: suggesting, chrome: try Self.chrome()).render(), named: "shared-plan")
        suggesting.isAgendaWritten = false
        expectPage(SharedPlan.View(model: suggesting, chrome: try Self.chrome("fi")).render(), named: "shared-plan-agenda-first-fi")
        var fatima = Caseload.Line(planID: Self.account, ownerID: Self.other, ownerName: "Fatima", until: Self.when)
        fatima.sharesActions = true
        fatima.sharesCheckIns = true
        fatima.nextAction = .init(text: "Interview at the hospital's patient desk", dueOn: "2026-06-03")
        fatima.overdue = 1
        fatima.lastCheckIn = Self.when
        let carlos = Caseload.Line(planID: Self.other, ownerID: Self.account, ownerName: "Carlos", until: Self.when)
        let caseload = Caseload.Model(lines: Paged(items: [carlos, fatima], page: ListPage(number: 2, size: 2), total: 5), search: "a")
        expectPage(Caseload.View(model: caseload, chrome: try Self.chrome()).render(), named: "caseload")
        expectPage(Caseload.AlignmentView(alignment: Alignment(serving: 7, open: 9), chrome: try Self.chrome("fi")).render(),
                   named: "caseload-alignment-fi")
        let me = PlanSharing.PersonChoice(accountID: Self.other, name: "Sanne Bakker", organisationName: "Municipality of Houten",
                                          legalBases: [.publicTask])
        var meeting = MeetingPermission.Model(teams: teams, people: [me], organisationOfTeam: [Self.team: Self.account],
                                              organisations: [Self.account])
        meeting.citizenLogin = "fatima@houten.demo"
        meeting.errors = [FieldError(field: "present", message: try Self.chrome().t(.errorMeetingPresent))]
        expectPage(MeetingPermission.View(model: meeting, chrome: try Self.chrome()).render(), named: "meeting-permission-error")
        meeting.errors = []
        meeting.draft = Sharing.Draft(teamID: Self.team, sections: [.goals, .actions], purpose: "Finding work together",
                                      legalBasis: .publicTask, until: "2026-05-28")
        meeting.confirmation = MeetingPermission.Confirmation(citizenName: "Fatima", request: AuthorisationRequest(
            grantee: .team(teams[0]), sections: [.goals, .actions], purpose: "Finding work together", legalBasis: .publicTask,
            expiresAt: Self.when))
        expectPage(MeetingPermission.View(model: meeting, chrome: try Self.chrome("fi")).render(), named: "meeting-permission-confirm-fi")
        let teamFigures = TeamAlignment.Model(organisationName: "Municipality of Houten", lines: [
            .init(team: "Social support", plans: 3, alignment: nil),
            .init(team: "Work and income", plans: 6, alignment: Alignment(serving: 8, open: 14)),
        ])
        expectPage(TeamAlignment.View(model: teamFigures, chrome: try Self.chrome("fi")).render(), named: "team-alignment-fi")
    }

    static func picture() -> WholePicture.Model {
        let goal = MyPlan.GoalLine(id: UUID(uuidString: "00000000-0000-0000-0000-000000000005")!, text: "Find work where Arabic and Dutch both count",
                                   origin: .citizen, status: .active, suggestedBy: nil)
        let suggestion = MyPlan.GoalLine(id: UUID(uuidString: "00000000-0000-0000-0000-000000000006")!, text: "Take a parenting course",
                                         origin: .suggested, status: .awaitingCitizen, suggestedBy: "Joost Visser")
        let sanne = UUID(uuidString: "00000000-0000-0000-0000-0000000000D1")!
        func action(_ n: Int, _ text: String, _ goal: MyPlan.GoalLine, team: UUID?, owner: ActionOwner, due: String?,
                    status: ActionStatus = .open) -> PlanAction {
            PlanAction(id: UUID(uuidString: "00000000-0000-0000-0000-0000000000E\(n)")!, planID: other,
                       draft: ActionDraft(goalID: goal.id, text: text, owner: owner, dueOn: due, status: status),
                       teamID: team, by: account, at: when, withOwnerPresent: n == 2)
        }
        let tension = GoalTension(planID: other, firstGoalID: goal.id, secondGoalID: suggestion.id,
                                  note: "The course is on the mornings the hospital wants her", createdByID: sanne, createdAt: when,
                                  withOwnerPresent: false)
        tension.id = UUID(uuidString: "00000000-0000-0000-0000-0000000000F1")!
        return WholePicture.build(
            ownerName: "Fatima", actions: [
                action(1, "Practise the interview with Amal", goal, team: nil, owner: .supporter("Amal"), due: "2026-06-03"),
                action(2, "Interview at the hospital's patient desk", goal, team: team, owner: .professional(sanne), due: "2026-06-03"),
                action(3, "Parenting course intake", suggestion, team: other, owner: .citizen, due: "2026-05-20"),
                action(4, "Update the CV", goal, team: nil, owner: .citizen, due: nil, status: .done),
            ],
            goals: [goal, suggestion], serviceNames: [team: "Work and income · Houten", other: "Social support · Houten"],
            names: [sanne: "Sanne Bakker", account: "Aino Laine"], showGoals: true, today: "2026-05-28",
            tensions: [tension], professionals: [.init(id: sanne, name: "Sanne Bakker")])
    }

    static func journeys() -> [Journey] {
        let day = 24.0 * 3600
        func point(_ days: Double, _ rating: Int, _ perspective: CheckInPerspective, note: String? = nil) -> Journey.Point {
            Journey.Point(date: when.addingTimeInterval(days * day), rating: rating, perspective: perspective, note: note,
                          ratedBy: perspective == .citizen ? "Fatima" : "Sanne Bakker", isViewer: perspective == .citizen)
        }
        func present(_ point: Journey.Point) -> Journey.Point {
            var point = point
            point.withOwnerPresent = true
            return point
        }
        return LifeArea.defaults.map { area in
            area.key == "money"
                ? Journey(area: area, points: [point(0, 3, .citizen, note: "Rent is late again"), point(2, 5, .professional),
                                               point(60, 5, .citizen), present(point(61, 7, .professional))])
                : area.key == "home" ? Journey(area: area, points: [point(0, 6, .citizen)]) : Journey(area: area, points: [])
        }
    }

    @Test func wholePictureAndJourneys() throws {
        var page = ActionsPage.Model(picture: Self.picture(), isAgendaWritten: true)
        page.picture.allowChanges { _ in true }
        expectPage(ActionsPage.View(model: page, chrome: try Self.chrome()).render(), named: "actions")
        page.errors = ActionFormView.errors([.text, .due], in: ActionForm(), t: try Self.chrome("fi").t)
        expectPage(ActionsPage.View(model: page, chrome: try Self.chrome("fi")).render(), named: "actions-error-fi")

        let picture = Self.picture()
        var editor = ActionEditor.Model(
            target: AgendaRoute.action(Self.account).url, back: AgendaRoute.actions.url,
            choices: ActionFormView.Choices(goals: picture.goals, professionals: picture.professionals, ownerName: "Fatima", byOwner: true),
            form: ActionForm(goal: picture.goals[0].id.uuidString, text: "Update the CV tonight", owner: "citizen", due: "2026-06-01"),
            version: 2)
        editor.conflict = ActionEditor.Conflict(
            theirs: ActionDraft(goalID: picture.goals[0].id, text: "Update the CV with Sanne", owner: .professional(picture.professionals[0].id),
                                dueOn: "2026-06-02", status: .open),
            savedBy: "Sanne Bakker", savedAt: Self.when)
        expectPage(ActionEditor.View(model: editor, chrome: try Self.chrome()).render(), named: "action-conflict")

        var life = LifeAreas.Model(ownerName: "Fatima", areas: LifeArea.defaults, journeys: Self.journeys())
        expectPage(LifeAreas.View(model: life, chrome: try Self.chrome()).render(), named: "life")
        life.draft = CheckIns.Draft(ratings: ["money": "11"], notes: ["home": "No rating"])
        life.errors = [FieldError(field: "rating-money", message: "Choose a rating from 1 to 10."),
                       FieldError(field: "note-home", message: "A note needs a rating, and can be at most 500 characters.")]
        expectPage(LifeAreas.View(model: life, chrome: try Self.chrome("fi")).render(), named: "life-error-fi")

        var shared = SharedPlan.Model(planID: Self.other, ownerName: "Fatima", reasons: ["Fatima allowed Work and income to see this."],
                                      agenda: nil, goals: nil)
        shared.picture = picture
        shared.picture?.services[1].lines[0].mayChange = true
        shared.mayAddAction = true
        shared.journeys = Self.journeys()
        shared.areas = LifeArea.defaults
        shared.mayRate = true
        expectPage(SharedPlan.View(model: shared, chrome: try Self.chrome()).render(), named: "shared-plan-whole")
    }

    @Test func selfAssessment() throws {
        let instrument = try #require(try Instruments.bundled()["encounter-reflection"])
        let answers = ["bp1": 4, "bp2": 5, "bp3": 2, "li1": 3, "li2": 4, "li3": 4]
        var answering = Answering.Model(
            roundID: Self.other, label: "After the training", instrument: instrument, language: "en", isOpen: true, answers: answers,
            submittedAt: Self.when, scores: instrument.score(answers),
            earlier: Answering.EarlierRound(label: "Before the training", scores: instrument.score(["bp1": 3, "bp2": 3, "bp3": 4, "li1": 2, "li2": 4, "li3": 3])))
        expectPage(Answering.View(model: answering, chrome: try Self.chrome()).render(), named: "answering-profile")
        answering = Answering.Model(
            roundID: Self.other, label: "Ennen koulutusta", instrument: instrument, language: "fi", isOpen: true, answers: ["bp1": 4],
            submittedAt: nil, scores: [], earlier: nil)
        answering.errors = [FieldError(field: "item-bp2", message: try Self.chrome("fi").t(.errorAnswerMissing))]
        expectPage(Answering.View(model: answering, chrome: try Self.chrome("fi")).render(), named: "answering-draft-fi")
        answering.errors = []
        answering.step = 2
        expectPage(Answering.View(model: answering, chrome: try Self.chrome()).render(), named: "answering-one-question")
        let mine = [
            MyRounds.Line(id: Self.other, label: "After the training", instrument: "How I meet people", closesAt: Self.when, isOpen: true,
                          state: .draft),
            MyRounds.Line(id: Self.account, label: "Before the training", instrument: "How I meet people", closesAt: Self.when,
                          isOpen: false, state: .submitted),
        ]
        let sets = [MyRounds.SetLine(id: Self.team, name: "Thursday set", facilitates: true, nextMeeting: Self.when)]
        expectPage(MyRounds.View(lines: mine, sets: sets, chrome: try Self.chrome()).render(), named: "my-rounds")
        var list = RoundList.Model(
            organisationID: Self.organisation, organisationName: "Probation service", instruments: [.init(id: "encounter-reflection", name: "How I meet people")],
            teams: [.init(id: Self.team.uuidString, name: "Team North")],
            lines: [.init(id: Self.other, label: "After the training", instrument: "How I meet people", group: "Team North",
                          closesAt: Self.when, submitted: 7)])
        list.errors = [FieldError(field: "closes", message: try Self.chrome().t(.errorRoundCloses))]
        expectPage(RoundList.View(model: list, chrome: try Self.chrome()).render(), named: "rounds")
        let spread = GroupFigures.distribution([3.0, 3.5, 4.0, 4.5, 3.5, 2.5])
        let change = GroupFigures.pairedChange([(2.5, 3.0), (3.0, 3.5), (3.5, 4.0), (4.0, 4.5), (3.0, 3.5), (2.0, 3.0)].map { (before: $0.0, after: $0.1) })
        let figures = RoundFigures.Model(
            organisationID: Self.organisation, roundID: Self.other, label: "After the training", instrument: instrument, language: "fi",
            submitted: 6, subscales: [
                .init(subscale: instrument.subscales[0], distribution: spread, change: change),
                .init(subscale: instrument.subscales[1], distribution: nil, change: nil),
            ],
            comparisons: [.init(id: Self.account, label: "Before the training", isChosen: true)])
        expectPage(RoundFigures.View(model: figures, chrome: try Self.chrome("fi")).render(), named: "round-figures-fi")
    }

    @Test func actionLearningSets() throws {
        var counts = SetCounts()
        (counts.members, counts.meetings, counts.meetingsHeld, counts.meetingsRecorded, counts.places, counts.present) = (5, 8, 3, 3, 18, 16)
        (counts.challenges, counts.commitments, counts.reportedBack) = (6, 9, 5)
        var list = SetList.Model(
            organisationID: Self.organisation, organisationName: "Probation service",
            lines: [.init(id: Self.other, name: "Thursday set", facilitator: "Helen Price",
                          memberNames: ["Amy Clarke", "Ben Walsh", "Chloe Patel", "Dan Hughes", "Emma Lee"], memberIDs: [Self.account],
                          facilitatorID: Self.team, counts: counts)],
            candidates: [.init(id: Self.account, name: "Amy Clarke", mayBeMember: true), .init(id: Self.team, name: "Helen Price", mayBeMember: false)])
        list.draft = ["name": "Spring set", "facilitator": Self.team.uuidString, "time": "14:00", "weeks": "4", "count": "6"]
        list.draftMembers = [Self.account.uuidString]
        list.errors = [FieldError(field: "members", message: try Self.chrome().t(.errorSetMembers))]
        expectPage(SetList.View(model: list, chrome: try Self.chrome()).render(), named: "sets")

        let page = SetPage.Model(
            setID: Self.other, name: "Thursday set", facilitator: "Helen Price", members: ["Amy Clarke", "Ben Walsh"],
            meetings: [.init(id: Self.account, startsAt: Self.when, place: "Room 4", challenges: 2, attendanceRecorded: true)],
            waiting: [.init(presenter: "Amy Clarke", text: "Ask him what time suits him", madeOn: Self.when)], isFacilitator: true)
        expectPage(SetPage.View(model: page, chrome: try Self.chrome("fi")).render(), named: "set-fi")

        var meeting = MeetingPage.Model(
            setID: Self.other, setName: "Thursday set", meetingID: Self.account, startsAt: Self.when, place: "Room 4", hasBegun: true,
            people: [.init(id: Self.team, name: "Helen Price"), .init(id: Self.account, name: "Amy Clarke")], present: [Self.account],
            attendanceRecorded: true,
            reports: [.init(id: Self.organisation, presenter: "Amy Clarke", isMine: true, text: "Ask him what time suits him",
                            madeOn: Self.when, report: nil)],
            challenges: [.init(id: Self.other, presenter: "Ben Walsh", isMine: false, summary: "A young man will not talk to me",
                               questions: [.init(kind: .clarifying, text: "Since when?", notedBy: "Amy Clarke")],
                               commitments: ["Ask his youth worker to join"])],
            isFacilitator: false, isMember: true)
        meeting.errors = [FieldError(field: "question-\(Self.other)", message: try Self.chrome().t(.errorQuestionText))]
        expectPage(MeetingPage.View(model: meeting, chrome: try Self.chrome()).render(), named: "set-meeting")
    }

    @Test func practiceLog() throws {
        let tools = StandardTools.all(in: "en").prefix(3) + [PracticeTool(id: Self.team.uuidString, name: "Walk and talk",
                                                                          description: "A supervision walking in the park.", organisationID: Self.organisation)]
        var mine = MyPractice.Model(
            tools: Array(tools),
            uses: [.init(tool: "agenda-conversation", times: 4, first: Self.when, last: Self.when),
                   .init(tool: Self.team.uuidString, times: 1, first: Self.when, last: Self.when)],
            months: [.init(month: "2026-04", entries: 1, toolsSoFar: 1), .init(month: "2026-05", entries: 4, toolsSoFar: 2)],
            entries: Paged(items: [.init(tool: "agenda-conversation", usedOn: Self.when, withWhom: "a young man and his mother",
                                         whatHappened: "He talked about his bike.", whatLearned: "")],
                           page: ListPage(number: 1, size: 1), total: 5))
        mine.errors = [FieldError(field: "with-whom", message: try Self.chrome().t(.errorPracticeWithWhom))]
        expectPage(MyPractice.View(model: mine, chrome: try Self.chrome()).render(), named: "practice-mine")
        var overview = PracticeOverview.Model(
            organisationID: Self.organisation, organisationName: "Probation service", tools: Array(tools),
            adoption: PracticeAdoption(
                teams: [.init(name: "Team North", people: 6, figures: .init(activeRecently: 4, usedBy: ["agenda-conversation": 5])),
                        .init(name: "Team South", people: 3, figures: nil)],
                professionals: 9, months: [.init(month: "2026-05", people: 6, toolsSoFar: 3)]))
        overview.mayAddTools = true
        expectPage(PracticeOverview.View(model: overview, chrome: try Self.chrome("fi")).render(), named: "practice-overview-fi")
    }

    @Test func coaching() throws {
        var list = CoachingList.Model(
            lines: [.init(id: Self.other, otherName: "Helen Price", isCoach: false, startedAt: Self.when, endedAt: nil, mayRead: true),
                    .init(id: Self.account, otherName: "Ben Walsh", isCoach: true, startedAt: Self.when, endedAt: Self.when, mayRead: false)],
            coaches: [.init(id: Self.team, name: "Helen Price", organisationID: Self.organisation)], mayStart: true)
        list.errors = [FieldError(field: "coach", message: try Self.chrome().t(.errorCoachingCoach))]
        expectPage(CoachingList.View(model: list, chrome: try Self.chrome()).render(), named: "coaching-list")
        let session = CoachingRecord.Session(
            heldOn: Self.when, notes: CoachingNotes(goal: "Feel less rushed in supervision", reality: "", options: "Shorter notes; walk and talk",
                                                    will: "Try walk and talk with two people by Friday"),
            writtenBy: "Amy Clarke")
        let active = CoachingRecord.Model(id: Self.other, coach: "Helen Price", coachee: "Amy Clarke", isCoachee: true, isActive: true,
                                          coachMayReadAfterEnd: false, sessions: [session])
        expectPage(CoachingRecord.View(model: active, chrome: try Self.chrome()).render(), named: "coaching-record")
        let ended = CoachingRecord.Model(id: Self.other, coach: "Helen Price", coachee: "Amy Clarke", isCoachee: true, isActive: false,
                                         coachMayReadAfterEnd: false, sessions: [session])
        expectPage(CoachingRecord.View(model: ended, chrome: try Self.chrome("fi")).render(), named: "coaching-ended-fi")
    }

    @Test func listening() throws {
        let list = ConsultationList.Model(
            organisationID: Self.organisation, organisationName: "Valencia Activa",
            items: Paged(items: [
                .init(id: Self.other, title: "What would help you into work?", teamName: "Employment", state: .open,
                      opensOn: "2026-03-01", closesOn: "2026-03-31"),
                .init(id: Self.team, title: "Opening hours", teamName: "Front desk", state: .draft, opensOn: "2026-06-01", closesOn: "2026-06-15"),
            ], page: ListPage(number: 1), total: 2),
            teams: [.init(id: Self.team, name: "Employment")])
        expectPage(ConsultationList.View(model: list, chrome: try Self.chrome()).render(), named: "consultations")
        let belief = ConsultationPage.Line(
            id: Self.account, statement: "Participants want an entrepreneurship course", heldBy: "Employment team", confidence: 80,
            ifWrong: "Stop the course and ask what they want instead", addedAfterOpening: false, createdAt: Self.when, author: "Lucía")
        let late = ConsultationPage.Line(
            id: Self.organisation, statement: "People will come back for mentoring", heldBy: "We", confidence: 60,
            ifWrong: "Ask why not", addedAfterOpening: true, createdAt: Self.when.addingTimeInterval(86_400), author: "Lucía")
        let asked = Question(consultationID: Self.other, position: 1, kind: .singleChoice, text: "Would a course help you?",
                             choices: ["Yes", "No"], conditionQuestionID: nil, conditionChoice: nil, at: Self.when)
        asked.id = Self.team
        let which = Question(consultationID: Self.other, position: 2, kind: .openText, text: "Which course?", choices: [],
                             conditionQuestionID: Self.team, conditionChoice: 0, at: Self.when)
        which.id = Self.account
        func page(_ state: ConsultationState, _ ledger: [ConsultationPage.Line]) -> ConsultationPage.Model {
            var model = ConsultationPage.Model(
                id: Self.other, organisationID: Self.organisation, title: "What would help you into work?",
                purpose: "To learn what would really help, before we plan next year's courses.", audience: "People far from the labour market",
                teamName: "Employment", state: state, opensOn: "2026-03-01", closesOn: "2026-03-31",
                openedAt: state == .draft ? nil : Self.when, closedAt: nil, reopenedAt: nil, ledger: ledger)
            model.questions = [asked, which].map(Questions.Line.init)
            model.publicCode = ConsultationCode(typed: "TRABAJ")
            model.respondents = state == .draft ? 0 : 12
            if state != .draft {
                model.verdicts = [Self.account: .overturned]
                model.decisions = [.init(id: Self.team, consultationID: Self.other, kind: .stop, subject: "The entrepreneurship course",
                                         reason: "Nobody wanted it", owner: "Javier", dueOn: "2026-05-31", status: .underWay, updatedAt: Self.when)]
            }
            return model
        }
        expectPage(ConsultationPage.View(model: page(.draft, [belief]), chrome: try Self.chrome()).render(), named: "consultation-draft")
        expectPage(ConsultationPage.View(model: page(.open, [belief, late]), chrome: try Self.chrome("fi")).render(), named: "consultation-open-fi")
        expectPage(OpenConsultationView(model: page(.draft, [belief]), chrome: try Self.chrome()).render(), named: "consultation-open-confirm")
        let editor = QuestionEditor.Model(
            consultationID: Self.other, consultationTitle: "What would help you into work?", questionID: Self.account,
            earlier: [Questions.Line(asked)], draft: Questions.Draft(which),
            errors: [FieldError(field: "choices", message: try Self.chrome().t(.errorQuestionUsedByCondition))])
        expectPage(QuestionEditor.View(model: editor, chrome: try Self.chrome()).render(), named: "question-editor")
    }

    @Test func answering() throws {
        let consultation = Consultation(
            organisationID: Self.organisation, teamID: Self.team, title: "What would help you into work?",
            purpose: "To learn what would really help, before we plan next year's courses.", audience: "people far from the labour market",
            opensOn: "2026-03-01", closesOn: "2026-03-31", groups: ["16–29", "Has children"], publicCode: ConsultationCode(typed: "TRABAJ")!,
            createdByID: Self.account, at: Self.when)
        consultation.id = Self.other
        consultation.state = .open
        let course = Question(consultationID: Self.other, position: 1, kind: .singleChoice, text: "Would a course help you?",
                              choices: ["Yes", "No"], conditionQuestionID: nil, conditionChoice: nil, at: Self.when)
        course.id = Self.team
        let scale = Question(consultationID: Self.other, position: 2, kind: .scale, text: "How easy is a computer for you?",
                             choices: ["Very hard", "Very easy"], conditionQuestionID: nil, conditionChoice: nil, at: Self.when)
        scale.id = Self.account
        let story = Question(consultationID: Self.other, position: 3, kind: .story, text: "Tell us about a time someone helped you find work.",
                             choices: [], conditionQuestionID: nil, conditionChoice: nil, at: Self.when)
        story.id = Self.organisation
        let questions = [course, scale, story].map(Questions.Line.init)
        let given: [UUID: Answers.Given] = [
            Self.team: .init(choices: [1]), Self.organisation: .init(text: "A mentor called me every week.", consentQuote: true),
        ]
        let code = ConsultationCode(typed: "TRABAJ")!
        let context = AnswerScreens.Context(consultation: consultation, code: code, questions: questions, given: given)
        expectPage(AnswerScreens.Welcome(context: AnswerScreens.Context(consultation: consultation, code: code, questions: questions, given: [:]),
                                         chrome: try Self.chrome()).render(), named: "answer-welcome")
        expectPage(AnswerScreens.Screen(context: context, question: questions[1], typed: .init(scale: "9"),
                                        error: try Self.chrome().t(.errorAnswerScale), chrome: try Self.chrome()).render(), named: "answer-scale-error")
        expectPage(AnswerScreens.Screen(context: context, question: questions[2], typed: .init(given[Self.organisation]),
                                        chrome: try Self.chrome("fi")).render(), named: "answer-story-fi")
        expectPage(AnswerScreens.AboutYou(context: context, picked: [1], chrome: try Self.chrome()).render(), named: "answer-about-you")
        // Asked in Spanish too: the title and the first question's choices are translated, the rest not yet.
        consultation.languages = "en,es"
        let spanish = Translations.Wording(language: "es", source: "en", table: [
            "\(Self.other):title": "¿Qué te ayudaría a encontrar trabajo?", "\(Self.team):choices": "Sí\nNo",
        ])
        let inSpanish = AnswerScreens.Context(consultation: consultation, code: code, questions: questions, given: [:], wording: spanish)
        expectPage(AnswerScreens.Welcome(context: inSpanish, chrome: try Self.chrome()).render(), named: "answer-welcome-es")
        expectPage(AnswerScreens.Screen(context: inSpanish, question: questions[0], typed: .init(), chrome: try Self.chrome()).render(),
                   named: "answer-choice-es")
        expectPage(AnswerScreens.Yours(context: context, privateCode: "ABCDE-23456", notice: nil, chrome: try Self.chrome()).render(),
                   named: "answer-yours")
        expectPage(TeamAnswers.Poster(title: consultation.title, purpose: consultation.purpose, code: code, address: "https://kanssa.example",
                                      chrome: try Self.chrome()).render(), named: "answer-poster")
        let sheet = Answers.Sheet(
            id: Self.team, channel: .workshop, language: "es", groups: ["16–29"], enteredBy: "Lucía", createdAt: Self.when,
            updatedAt: Self.when, answers: [(questions[0], given[Self.team]!), (questions[2], given[Self.organisation]!)],
            moderation: [Self.organisation: .init(answerID: Self.account, state: .moderated, hiddenCount: 1)])
        let sheets = TeamAnswers.Model(consultationID: Self.other, title: consultation.title, state: .open, counts: [.workshop: 1, .web: 11],
                                       sheets: Paged(items: [sheet], page: ListPage(number: 1, size: 1), total: 12))
        expectPage(TeamAnswers.Sheets(model: sheets, notice: nil, chrome: try Self.chrome()).render(), named: "answer-sheets")
        var entry = TeamAnswers.EntryModel(consultation: consultation, questions: questions)
        entry.channel = "paper"
        entry.errors = [FieldError(field: "q[2][scale]", message: try Self.chrome().t(.errorAnswerScale))]
        expectPage(TeamAnswers.Entry(model: entry, chrome: try Self.chrome()).render(), named: "answer-entry")
        let text = "Call Ana on 040-1234567 or ana@example.org, she helped."
        let found = PersonalData.find(in: text)
        var moderation = Moderation.Model(
            consultationID: Self.other, answerID: Self.account, question: "What would help you more than a course?", text: text,
            hidden: [found[0].passage], state: .moderated, version: 1, suggestions: found,
            steps: [.init(moderator: "Lucía", state: .moderated, hiddenCount: 1, reason: "A phone number", at: Self.when)])
        expectPage(ModerationPage.View(model: moderation, chrome: try Self.chrome()).render(), named: "moderation")
        moderation.draft = .init(hide: [], words: "Ana", flagged: true, reason: "Names someone", version: 0)
        moderation.changedMeanwhile = true
        expectPage(ModerationPage.View(model: moderation, chrome: try Self.chrome("fi")).render(), named: "moderation-changed-fi")
        let place = Codebook.Line(id: Self.team, parentID: nil, name: "A place to work", description: "A desk, quiet", path: "A place to work")
        let wifi = Codebook.Line(id: Self.account, parentID: Self.team, name: "Internet", description: "", path: "A place to work › Internet")
        var book = CodingPages.CodebookModel(consultationID: Self.other, title: consultation.title, themes: [place, wifi],
                                             earlier: [.init(id: Self.organisation, title: "Opening hours 2025")])
        book.draft = .init(name: "A place to work", parent: "")
        book.errors = [FieldError(field: "name", message: try Self.chrome().t(.errorCodebookTaken))]
        expectPage(CodingPages.CodebookView(model: book, chrome: try Self.chrome()).render(), named: "codebook")
        let coded = Codings.Model(
            consultationID: Self.other, answerID: Self.organisation, question: "What would help you more than a course?",
            text: "A desk and wifi, and someone to ask.", themes: [place, wifi],
            codings: [.init(id: Self.team, theme: "A place to work", coderID: Self.account, coder: "Lucía", passage: Passage(start: 0, end: 6),
                            words: "A desk", at: Self.when),
                      .init(id: Self.other, theme: "A place to work › Internet", coderID: Self.team, coder: "Ana", passage: nil, words: nil,
                            at: Self.when)])
        expectPage(CodingPages.CodingView(model: coded, coderID: Self.account, chrome: try Self.chrome()).render(), named: "coding")
        let pairs = Agreement.pairs([
            .init(answerID: Self.organisation, themeID: Self.team, coderID: Self.account), .init(answerID: Self.organisation, themeID: Self.account, coderID: Self.team),
            .init(answerID: Self.other, themeID: Self.team, coderID: Self.account), .init(answerID: Self.other, themeID: Self.team, coderID: Self.team),
        ], themes: [place, wifi])
        let agreement = Agreement.Model(consultationID: Self.other, title: consultation.title, pairs: pairs,
                                        names: [Self.account: "Lucía", Self.team: "Ana"],
                                        excerpts: [Self.organisation: "A desk and wifi, and someone to ask."])
        expectPage(CodingPages.AgreementView(model: agreement, chrome: try Self.chrome()).render(), named: "agreement")
        try outcomes(consultation, place: place, wifi: wifi)
    }

    func outcomes(_ consultation: Consultation, place: Codebook.Line, wifi: Codebook.Line) throws {
        let desk = Verdicts.Evidence(codingID: Self.team, answerID: Self.organisation, theme: "A place to work", words: "Un escritorio",
                                         language: "es")
        var verdict = Verdicts.Model(
            consultationID: Self.other, title: consultation.title, state: .closed, assumptionID: Self.account,
            statement: "Participants want an entrepreneurship course", heldBy: "The employment team", confidence: 80,
            ifWrong: "Ask what they would come for instead",
            verdicts: [.init(id: Self.team, kind: .overturned, reasoning: "Nobody asked for a course; many asked for a desk.", givenBy: "Javier",
                             at: Self.when, evidence: [desk]),
                       .init(id: Self.other, kind: .challenged, reasoning: "Early answers.", givenBy: "Ana", at: Self.when, evidence: [])],
            themes: [.init(theme: place, evidence: [desk]), .init(theme: wifi, evidence: [])])
        verdict.draft = .init(kind: "noEvidence", reasoning: "", evidence: [Self.team.uuidString])
        verdict.errors = [FieldError(field: "evidence", message: try Self.chrome().t(.errorVerdictEvidence))]
        expectPage(OutcomePages.VerdictView(model: verdict, chrome: try Self.chrome()).render(), named: "verdict")
        let ground = Decisions.Ground(verdictID: Self.team, assumptionID: Self.account, statement: "Participants want an entrepreneurship course",
                                      kind: .overturned, reasoning: "Nobody asked for a course")
        var new = OutcomePages.NewDecisionModel(consultationID: Self.other, title: consultation.title,
                                                owners: [.init(id: Self.account, name: "Javier")], grounds: [ground])
        new.draft = .init(kind: "stop", subject: "The entrepreneurship course", reason: "", owner: Self.account.uuidString, dueOn: "2026-05-31")
        new.errors = [FieldError(field: "reason", message: try Self.chrome().t(.errorDecisionReason)),
                      FieldError(field: "grounds", message: try Self.chrome().t(.errorDecisionGrounds))]
        expectPage(OutcomePages.NewDecisionView(model: new, chrome: try Self.chrome()).render(), named: "decision-new")
        let line = Decisions.Line(id: Self.team, consultationID: Self.other, kind: .stop, subject: "The entrepreneurship course",
                                  reason: "People far from the labour market said they did not want it.", owner: "Javier", dueOn: "2026-05-31",
                                  status: .done, updatedAt: Self.when)
        let decision = Decisions.Model(
            consultationID: Self.other, consultationTitle: consultation.title, decision: line, takenBy: "Lucía", takenAt: Self.when,
            grounds: [ground], updates: [.init(status: .underWay, note: "Told the trainers", by: "Javier", at: Self.when),
                                         .init(status: .done, note: "", by: "Javier", at: Self.when)])
        expectPage(OutcomePages.DecisionView(model: decision, chrome: try Self.chrome("fi")).render(), named: "decision-fi")
        let calibration = Calibration.Model(
            organisationID: Self.organisation, teams: [.init(id: Self.team, name: "Employment"), .init(id: Self.other, name: "Youth")],
            team: Self.team, consultations: 2,
            figures: Calibration.figures([(80, .overturned), (90, .confirmed), (40, .challenged), (60, .noEvidence), (50, nil)]))
        expectPage(OutcomePages.CalibrationView(model: calibration, chrome: try Self.chrome()).render(), named: "calibration")
        let stopped = OutcomePages.StoppedModel(
            organisationID: Self.organisation, organisationName: "Valencia",
            items: Paged(items: [.init(decision: line, consultationTitle: consultation.title)], page: ListPage(number: 1, size: 1), total: 2))
        expectPage(OutcomePages.StoppedView(model: stopped, chrome: try Self.chrome()).render(), named: "stopped")
        let report = PublicReport.Model(
            organisationID: Self.organisation, organisationName: "Valencia Activa", code: ConsultationCode(typed: "TRABAJ")!, title: consultation.title,
            purpose: "Before we plan next year's courses, we want to hear from you.", audience: "People far from the labour market", language: "en",
            state: .open, opensOn: "2026-03-01", closesOn: "2026-03-31", respondents: 14,
            channels: [.init(channel: .web, count: 8), .init(channel: .workshop, count: nil), .init(channel: .paper, count: nil)],
            themes: [.init(path: "Mentors on demand", description: "Someone to ask when stuck", answers: 5,
                           quotes: [.init(text: "Una mentora me ayudó a preparar la entrevista.", language: "es")]),
                     .init(path: "Childcare", description: "", answers: nil, quotes: [])],
            beliefs: [.init(statement: "Participants want an entrepreneurship course", heldBy: "Employment staff", confidence: 80,
                            addedAfterOpening: false, verdict: .overturned, reasoning: "Most said no."),
                      .init(statement: "People will come back for mentoring", heldBy: "We", confidence: 60, addedAfterOpening: true,
                            verdict: nil, reasoning: nil)],
            outcomes: [.init(kind: .stop, subject: "The entrepreneurship course", reason: "Nobody wanted it.", dueOn: "2026-05-31", status: .done,
                             steps: [.init(status: .underWay, note: "Told the trainers.", at: Self.when), .init(status: .done, note: "", at: Self.when)])])
        expectPage(PublicReportPages.ReportView(model: report, chrome: try Self.chrome()).render(), named: "public-report")
        let figures = ConsultationFigures.Model(
            consultationID: Self.other, organisationID: Self.other, title: consultation.title, groups: ["16–29", "Has children"],
            themes: [.init(path: "A place to work", total: 9, groups: [6, nil]), .init(path: "Childcare", total: nil, groups: [nil, nil])],
            questions: [.init(position: 1, text: "Would a course on starting a business help you?", kind: .singleChoice, answered: 14,
                              counts: [.init(label: "Yes", count: nil), .init(label: "No", count: 10), .init(label: "I am not sure", count: nil)]),
                        .init(position: 5, text: "How easy is it for you to use a computer?", kind: .scale, answered: nil,
                              counts: [.init(label: "1 – Very hard", count: nil)])])
        expectPage(FiguresPage(model: figures, chrome: try Self.chrome()).render(), named: "consultation-figures")
        let suggestions = Suggestions.Model(
            consultationID: Self.other, title: consultation.title, languages: [.init(code: "es", answers: 13), .init(code: "en", answers: 5)],
            state: .failed(language: "en"),
            cards: [.init(id: Self.other, words: ["mentor", "llamar"], answers: 4, examples: ["Un mentor que me llame."], decision: .machineMade,
                          theme: nil, decidedBy: nil, decidedAt: nil),
                    .init(id: Self.other, words: ["sitio", "ordenador"], answers: 3, examples: [], decision: .renamed,
                          theme: "A place to work", decidedBy: "Ana Torres", decidedAt: Self.when)],
            cardsLanguage: "es", cardsAnswers: 13,
            earlier: [.init(id: Self.other, words: ["bus"], answers: 2, examples: [], decision: .rejected, theme: nil, decidedBy: "Javier García",
                            decidedAt: Self.when)])
        expectPage(SuggestionsView(model: suggestions, chrome: try Self.chrome()).render(), named: "theme-suggestions")
        let index = PublicReport.Index(
            organisationID: Self.organisation, organisationName: "Valencia Activa",
            consultations: Paged(items: [.init(code: ConsultationCode(typed: "TRABAJ")!, title: consultation.title, state: .closed, opensOn: "2026-03-01",
                                               closesOn: "2026-03-31", language: "es")], page: ListPage(number: 1, size: 1), total: 3),
            stopped: [.init(subject: "The entrepreneurship course", reason: "Nobody wanted it.", status: .done, consultation: consultation.title,
                            language: "en")])
        expectPage(PublicReportPages.IndexView(model: index, chrome: try Self.chrome("fi")).render(), named: "public-index-fi")
    }

    @Test func encountering() throws {
        var panels = PanelList.Model(
            organisationID: Self.organisation, organisationName: "Turku youth services",
            lines: [.init(name: "Youth panel", contact: "Mikko Virtanen", members: ["Aleksi", "Venla K."], modules: 1)],
            coTrainers: [.init(id: Self.account, name: "Venla Korhonen")], staff: [.init(id: Self.team, name: "Mikko Virtanen")])
        panels.errors = [FieldError(field: "members", message: try Self.chrome().t(.errorPanelMembers))]
        expectPage(PanelList.View(model: panels, chrome: try Self.chrome()).render(), named: "panels")
        let line = EncounteringHome.ModuleLine(id: Self.other, title: "Be there, not in your screen", organisation: "Turku youth services",
                                               language: "fi", isPublished: true)
        let home = EncounteringHome.Model(
            myPanels: [.init(id: Self.team, name: "Youth panel", creditName: "Venla K.", modules: [line], language: "fi")], supported: [],
            published: Paged(items: [line], page: ListPage(number: 1), total: 1),
            languages: [.init(code: "en", name: "English"), .init(code: "fi", name: "Suomi")])
        expectPage(EncounteringHome.View(model: home, chrome: try Self.chrome("fi")).render(), named: "encountering-home-fi")
        var module = ModulePage.Model(
            id: Self.other, title: "Be there, not in your screen", summary: "What we want you to know before you meet us.", language: "en",
            licence: "CC BY 4.0", version: 3, panel: "Youth panel", organisation: "Turku youth services", publishedAt: Self.when,
            credits: [.init(role: .author, names: ["Venla K.", "Aleksi"], panel: "Youth panel", organisation: "Turku youth services"),
                      .init(role: .adapter, names: ["Sanne"], panel: "Parents' panel", organisation: "Houten")],
            lineage: ModuleLineage(
                ancestors: [.init(id: Self.team, title: "Kohtaa minut", organisation: "Turku youth services", language: "fi", depth: 1,
                                  adaptedFromID: nil)],
                descendants: [.init(id: Self.account, title: "Conóceme", organisation: "Valencia", language: "es", depth: 1,
                                    adaptedFromID: Self.other),
                              .init(id: Self.organisation, title: "Meet me in Hull", organisation: "Hull", language: "en", depth: 2,
                                    adaptedFromID: Self.account)],
                organisationCount: 3),
            permitsAdaptation: true,
            adaptTargets: [.init(panelID: Self.team, panel: "Youth panel", organisation: "Turku youth services")],
            sessions: .init(
                reach: .init(sessions: 4, trained: 61), lineageReach: .init(sessions: 9, trained: 130),
                upcoming: [.init(id: Self.organisation, startsAt: Self.when, mode: .online, taken: 12, capacity: 20)],
                held: [.init(id: Self.other, startsAt: Self.when.addingTimeInterval(-86_400 * 30), mode: .inPerson, taken: 18, capacity: 20)],
                schedule: .init(staff: [.init(id: Self.team, name: "Mikko Virtanen")], coTrainers: [.init(id: Self.account, name: "Venla K.")]),
                feedback: .init(given: 6, changed: [0, 0, 1, 3, 2], heard: ["The story about the form", "Venla closing the laptop"],
                                willDo: ["Close my screen", "Say my name first"],
                                reflection: [.init(subscale: "Being present", mean: 3.6, count: 6)], followUps: 5, outcomes: [3, 1, 1],
                                followUpNotes: ["I sat next to him instead of across"])),
            sections: [.init(id: Self.account, kind: .badEncounter, title: "The form first", body: "She never looked up.", instrument: nil),
                       .init(id: Self.team, kind: .reflection, title: "How do you meet people?", body: "", instrument: "How I meet people")],
            comments: [.init(author: "Mikko Virtanen", text: "Could the tips come first?", at: Self.when)], mayWrite: true, mayComment: false,
            instruments: [.init(id: "encounter-reflection", title: "How I meet people")], languages: [.init(code: "en", name: "English"), .init(code: "fi", name: "Suomi")])
        module.errors = [FieldError(field: "section-title", message: try Self.chrome().t(.errorSectionTitle))]
        expectPage(ModulePage.View(model: module, chrome: try Self.chrome()).render(), named: "module-co-trainer")
        let editor = SectionEditor.Model(
            moduleID: Self.other, moduleTitle: "Be there, not in your screen", language: "en", sectionID: Self.account, kind: .badEncounter,
            title: "The form first", body: "She never looked up.", instrumentID: nil, version: 2, instruments: [],
            earlier: [.init(title: "The form", body: "She read the form aloud.", writtenAt: Self.when.addingTimeInterval(-10 * 86400),
                            replacedAt: Self.when)])
        expectPage(SectionEditor.View(model: editor, chrome: try Self.chrome("fi")).render(), named: "section-editor-fi")
    }

    @Test func encounterSessions() throws {
        var host = EncounterSessionPage.Model(
            id: Self.other, moduleID: Self.organisation, moduleTitle: "Kohtaa minut", organisation: "Turku youth services", panel: "Youth panel",
            startsAt: Self.when, minutes: 150, mode: .online, place: "https://meet.example.org/kohtaa", host: "Aino Laine", capacity: 20, taken: 2,
            coTrainers: [.init(id: Self.account, name: "Venla K.",
                               recognition: .init(minutes: 180, feeCents: 4050, currency: "EUR", voucher: "Cinema voucher"))],
            hasStarted: true, isRegistered: false, mayRegister: false,
            participants: [.init(id: Self.team, name: "Sanne Bakker", attended: true), .init(id: Self.other, name: "Joost Visser", attended: nil)],
            mayRecordRecognition: true, mayPrintCertificate: false, viewerGives: true, viewerID: Self.team, now: Self.when,
            participation: nil,
            flowingBack: .init(summary: .init(given: 3, changed: nil, heard: nil, willDo: nil, reflection: nil, followUps: 0, outcomes: nil,
                                              followUpNotes: nil),
                               reflections: nil, mayReflect: false))
        host.errors = [FieldError(field: "fee-\(Self.account)", message: try Self.chrome().t(.errorEncounterFee))]
        expectPage(EncounterSessionPage.View(model: host, chrome: try Self.chrome()).render(), named: "encounter-session-host")
        let participant = EncounterSessionPage.Model(
            id: Self.other, moduleID: Self.organisation, moduleTitle: "Kohtaa minut", organisation: "Turku youth services", panel: "Youth panel",
            startsAt: Self.when, minutes: 150, mode: .online, place: nil, host: "Aino Laine", capacity: 20, taken: 20,
            coTrainers: [.init(id: Self.account, name: "Venla K.", recognition: nil)], hasStarted: false, isRegistered: false, mayRegister: true,
            participants: nil, mayRecordRecognition: false, mayPrintCertificate: false, viewerGives: false, viewerID: Self.team,
            now: Self.when.addingTimeInterval(-86_400), participation: nil,
            flowingBack: .init(summary: nil, reflections: nil, mayReflect: false))
        let afterwards = EncounterSessionPage.Model(
            id: Self.other, moduleID: Self.organisation, moduleTitle: "Kohtaa minut", organisation: "Turku youth services", panel: "Youth panel",
            startsAt: Self.when, minutes: 150, mode: .inPerson, place: "Vimma", host: "Aino Laine", capacity: 20, taken: 12,
            coTrainers: [.init(id: Self.account, name: "Venla K.", recognition: nil)], hasStarted: true, isRegistered: true, mayRegister: true,
            participants: nil, mayRecordRecognition: false, mayPrintCertificate: true, viewerGives: false, viewerID: Self.team,
            now: Self.when.addingTimeInterval(50 * 86_400),
            participation: .init(
                own: .init(changed: 4, heard: "The form story", willDo: "Close my laptop when someone sits down",
                           profile: [.init(name: "Being present", score: 3.5, prompt: "Whom did you really see this week?")]),
                reflection: nil, followUpDue: Self.when.addingTimeInterval(42 * 86_400), followUpAnswered: nil, language: "en"),
            flowingBack: .init(summary: nil, reflections: nil, mayReflect: false))
        expectPage(EncounterSessionPage.View(model: afterwards, chrome: try Self.chrome()).render(), named: "encounter-session-follow-up")
        expectPage(EncounterSessionPage.View(model: participant, chrome: try Self.chrome("fi")).render(), named: "encounter-session-participant-fi")
        var certificate = CertificatePage.Model(
            participant: "Sanne Bakker", moduleTitle: "Zie mij", organisation: "Houten", panel: "Ervaringsdeskundigen Houten",
            coTrainers: ["Noor", "Yusuf H."], host: "Joost Visser", startsAt: Self.when, minutes: 150, issuedAt: Self.when)
        certificate.code = "ABCDE-FGHJK"
        certificate.checkAddress = "https://kanssa.houten.example/certificates/check"
        expectPage(CertificatePage.View(model: certificate, chrome: try Self.chrome()).render(), named: "certificate")
        let checked = Certificates.Checked(accountID: Self.account, participant: "Sanne Bakker", moduleTitle: "Zie mij",
                                           organisation: "Houten", startsAt: Self.when, minutes: 150)
        expectPage(CertificateCheckPage.View(model: .init(code: "ABCDE-FGHJK", outcome: .genuine(checked)), chrome: try Self.chrome()).render(),
                   named: "certificate-check")
        var unknown = CertificateCheckPage.Model(code: "ABCDE-FGHJX", outcome: .unknown)
        expectPage(CertificateCheckPage.View(model: unknown, chrome: try Self.chrome("fi")).render(), named: "certificate-check-unknown-fi")
        unknown.outcome = .asking
        unknown.errors = [FieldError(field: "code", message: try Self.chrome().t(.errorCertificateCode))]
        expectPage(CertificateCheckPage.View(model: unknown, chrome: try Self.chrome()).render(), named: "certificate-check-error")
        let statement = StatementPage.Model(
            name: "Venla K.", year: 2026, years: [2026, 2025],
            lines: [.init(sessionID: Self.other, startsAt: Self.when, moduleTitle: "Kohtaa minut", organisation: "Turku youth services",
                          recognition: .init(minutes: 165, feeCents: 4000, currency: "EUR", voucher: nil)),
                    .init(sessionID: Self.organisation, startsAt: Self.when, moduleTitle: "Kohtaa minut", organisation: "Turku youth services",
                          recognition: nil)],
            issuedAt: Self.when)
        expectPage(StatementPage.View(model: statement, chrome: try Self.chrome()).render(), named: "statement")
    }

    @Test func instruments() throws {
        var list = InstrumentList.Model(
            organisationID: Self.organisation, organisationName: "Probation service",
            lines: [.init(id: "encounter-reflection", title: "How I meet people", version: 1, items: 6, languages: ["en", "fi"], licence: nil,
                          importedAt: nil),
                    .init(id: "licensed-scale", title: "A licensed scale", version: 2, items: 12, languages: ["en"],
                          licence: "Licensed to the city by its authors, 2026–2028", importedAt: Self.when)])
        list.draft = ["source": "format: kanssa-instrument/1\nid: x", "licence": ""]
        let t = try Self.chrome().t
        list.fileProblems = [InstrumentProblemText.describe(InstrumentFile.Problem(line: 2, kind: .missing(key: "version")), t)]
        list.errors = [FieldError(field: "source", message: t(.errorInstrumentFile, counts: ["count": 1])),
                       FieldError(field: "licence", message: t(.errorInstrumentLicence))]
        expectPage(InstrumentList.View(model: list, chrome: try Self.chrome()).render(), named: "instruments")
    }

    @Test func learningSessions() throws {
        var list = SessionList.Model(
            organisationID: Self.organisation, organisationName: "Probation service",
            upcoming: [.init(id: Self.other, title: "Strengths-based plans", trainer: "Helen Price", startsAt: Self.when,
                             place: "Room 3", registered: 4, capacity: 12, isMine: true)],
            held: [], trainers: [.init(id: Self.team, name: "Helen Price", mayBeMember: false)], mayRun: true)
        list.errors = [FieldError(field: "minutes", message: try Self.chrome().t(.errorSessionMinutes))]
        expectPage(SessionList.View(model: list, chrome: try Self.chrome()).render(), named: "sessions")
        let page = SessionPage.Model(
            id: Self.other, organisationID: Self.organisation, title: "Strengths-based plans", description: "Half a day on plans.",
            trainer: "Helen Price", startsAt: Self.when, minutes: 180, place: "Room 3",
            materials: ["https://example.org/reading", "Bring a plan you wrote"], capacity: 12, registeredCount: 6, hasStarted: true,
            isRegistered: false, mayRegister: true,
            people: [.init(id: Self.account, name: "Amy Clarke", attended: true), .init(id: Self.team, name: "Ben Walsh", attended: nil)],
            feedback: .init(given: 5, ratings: [0, 0, 1, 2, 2], comments: ["More examples, please"]), mayGiveFeedback: false,
            gaveFeedback: false)
        expectPage(SessionPage.View(model: page, chrome: try Self.chrome("fi")).render(), named: "session-trainer-fi")
    }

    @Test func errorPages() throws {
        let notFound = ErrorPage.Model(kind: .notFound, status: .notFound, requestID: "REQUEST-1")
        expectPage(ErrorPage.View(model: notFound, chrome: try Self.chrome("fi", signedIn: false)).render(), named: "not-found-fi")
        let failure = ErrorPage.Model(kind: .unavailable, status: .internalServerError, requestID: "REQUEST-2")
        expectPage(ErrorPage.View(model: failure, chrome: try Self.chrome()).render(), named: "unavailable")
    }
}
