import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// A plan as someone the citizen authorised sees it: only the sections they were allowed, and
/// always why they can see it.
public enum SharedPlan {
    public struct Model: Sendable, Equatable {
        public let ownerName: String
        public let reasons: [String]
        public let agenda: AgendaText?
        public let goals: [MyPlan.GoalLine]?
        /// Nil when the viewer may not see strengths.
        public var strengths: [MyPlan.StrengthLine]?
        /// Nil when the viewer may not see the timeline.
        public var timeline: [Timeline.Line]?
        /// Whether the viewer may write on the timeline.
        public var mayWriteNote = false
        public var note = ""
        public let planID: UUID
        /// Where to send a suggestion, when the viewer may make one.
        public var suggestionTarget: UUID?
        /// Whether the owner has written what matters to them: suggestions wait for that.
        public var isAgendaWritten = true
        public var suggestion = ""
        public var tension = GoalTensions.Draft()
        /// The viewer's own suggestions still waiting for an answer, with their versions: these
        /// they may reword.
        public var rewordable: [UUID: Int] = [:]
        /// Every service's actions; nil when the viewer may not see the actions.
        public var picture: WholePicture.Model?
        public var mayAddAction = false
        public var actionForm = ActionForm()
        /// The journeys per life area; nil when the viewer may not see the check-ins.
        public var journeys: [Journey]?
        /// The life areas the owner is asked about, which a professional rates too.
        public var areas: [LifeArea] = []
        public var mayRate = false
        public var checkIn = CheckIns.Draft()
        public var errors: [FieldError] = []
        /// The section whose form was sent with problems; only that form shows them.
        public var posted: PlanSection?
        public var notice: Notice?
        /// The section the notice is about; nil: the page.
        public var noticeSection: String?

        public init(planID: UUID, ownerName: String, reasons: [String], agenda: AgendaText?, goals: [MyPlan.GoalLine]?) {
            self.planID = planID
            self.ownerName = ownerName
            self.reasons = reasons
            self.agenda = agenda
            self.goals = goals
        }
    }

    /// Loads only the sections `visible` names: a section the viewer may not see is never read.
    public static func load(
        planID: UUID, ownerName: String, viewerID: UUID, visible: Set<PlanSection>, reasons: [String], now: Date,
        timeZone: TimeZone, pictures: WholePictureCache, on database: any Database
    ) async throws -> Model? {
        guard let plan = try await PlanStore.plan(id: planID, on: database) else { return nil }
        var goals: [MyPlan.GoalLine]?
        var rewordable: [UUID: Int] = [:]
        if visible.contains(.goals) {
            let stored = try await PlanStore.goals(of: planID, on: database)
            goals = try await MyPlan.GoalLine.lines(stored, on: database)
            for goal in stored where goal.suggestedByID == viewerID && goal.status == .awaitingCitizen {
                if let id = goal.id { rewordable[id] = goal.version }
            }
        }
        var model = Model(
            planID: planID, ownerName: ownerName, reasons: reasons,
            agenda: visible.contains(.agenda) ? AgendaText(plan) : nil, goals: goals)
        model.isAgendaWritten = plan.whatMatters != nil
        model.rewordable = rewordable
        if visible.contains(.timeline) {
            model.timeline = try await Timeline.load(planID: planID, viewerID: viewerID, on: database)
        }
        if visible.contains(.strengths) {
            model.strengths = MyPlan.StrengthLine.lines(try await PlanStore.strengths(of: planID, on: database))
        }
        if visible.contains(.actions) {
            model.picture = try await pictures.picture(
                of: plan, ownerName: ownerName, showGoals: visible.contains(.goals), goals: goals, now: now,
                timeZone: timeZone, on: database)
        }
        if visible.contains(.checkIns) {
            model.areas = try await LifeArea.asked(of: plan.ownerID, on: database)
            model.journeys = try await CheckIns.journeys(planID: planID, areas: model.areas, viewerID: viewerID, on: database)
        }
        return model
    }

    public struct View {
        let model: Model
        let chrome: Chrome

        public init(model: Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        /// A professional suggests; the citizen decides. Until the citizen has said what matters
        /// to them, the page says why there is nothing to suggest yet.
        private func suggestionForm(_ planID: UUID) -> Node<HTML.BodyContext> {
            let t = chrome.t
            guard model.isAgendaWritten else {
                return .section(
                    .h2(.txt(t(.suggestHeading))),
                    .p(.txt(t(.suggestAgendaFirst, ["name": model.ownerName])))
                )
            }
            let error = errors(for: .goals).message(for: "goal")
            return .section(
                .h2(.txt(t(.suggestHeading))),
                Components.disclosure(t(.suggestOpen, ["name": model.ownerName]), open: error != nil,
                    .p(.txt(t(.suggestIntro, ["name": model.ownerName]))),
                    .form(
                        .class("stack narrow"), .method(.post), .link(AgendaRoute.suggestions(planID).url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        Components.textField(name: "goal", label: t(.suggestField), value: model.suggestion, error: error, maxLength: 500),
                        Components.submit(t(.suggestButton), style: .secondary)
                    ))
            )
        }

        /// The suggester's own words, while the owner has not answered.
        private func rewordForm(_ goal: MyPlan.GoalLine, version: Int) -> Node<HTML.BodyContext> {
            let t = chrome.t
            return .element(named: "details", nodes: [
                .element(named: "summary", nodes: [.txt(t(.suggestionReword))]),
                .form(
                    .class("stack narrow"), .method(.post), .link(AgendaRoute.suggestion(plan: model.planID, goal: goal.id).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    .input(.type(.hidden), .name("version"), .safe("value", String(version))),
                    Components.textField(
                        name: "suggestion-\(goal.id.uuidString)", label: t(.suggestionRewordField), value: goal.text,
                        error: errors(for: .goals).message(for: "suggestion-\(goal.id.uuidString)"), maxLength: 500),
                    Components.submit(t(.suggestionRewordSave), style: .secondary)
                ),
            ])
        }

        private func errors(for section: PlanSection) -> [FieldError] {
            model.posted == section ? model.errors : []
        }

        private func actions(_ picture: WholePicture.Model) -> Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .id("actions"), .attribute(named: "tabindex", value: "-1"),
                .h2(.txt(t(.actionsTitle))),
                notice(for: "actions"),
                ActionBoard.render(
                    picture, edit: { AgendaRoute.sharedAction(plan: model.planID, action: $0).url },
                    tensions: model.suggestionTarget.map { plan in
                        ActionBoard.TensionControls(
                            add: AgendaRoute.sharedGoalTensions(plan).url, remove: nil, draft: model.tension,
                            errors: errors(for: .goals), presence: model.ownerName, chrome: chrome)
                    },
                    t: t),
                .if(model.mayAddAction, .section(
                    .h2(.txt(t(.actionAddHeading))),
                    !model.isAgendaWritten ? .p(.txt(t(.suggestAgendaFirst, ["name": model.ownerName])))
                        : picture.goals.isEmpty ? .p(.txt(t(.actionNeedsGoal)))
                        : Components.disclosure(t(.actionAddOpen), open: !errors(for: .actions).isEmpty, ActionFormView.render(
                            target: AgendaRoute.sharedActions(model.planID).url, form: model.actionForm,
                            choices: ActionFormView.Choices(
                                goals: picture.goals, professionals: picture.professionals, ownerName: model.ownerName,
                                byOwner: false),
                            version: nil, errors: errors(for: .actions), submit: t(.actionAdd), presence: model.ownerName,
                            chrome: chrome))
                ))
            )
        }

        private func checkIns(_ journeys: [Journey]) -> Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .id("check-ins"), .attribute(named: "tabindex", value: "-1"),
                .h2(.txt(t(.journeyHeadingOf, ["name": model.ownerName]))),
                notice(for: "check-ins"),
                .p(.txt(t(.journeyIntroOf, ["name": model.ownerName]))),
                .forEach(journeys) { JourneyChart.render($0, ownerName: model.ownerName, t: t) },
                .if(model.mayRate, .section(
                    .h2(.txt(t(.checkInProfessionalHeading))),
                    Components.disclosure(t(.checkInProfessionalOpen, ["name": model.ownerName]), open: !errors(for: .checkIns).isEmpty,
                        CheckInForm.render(
                            target: AgendaRoute.sharedCheckIns(model.planID).url, areas: model.areas, draft: model.checkIn,
                            errors: errors(for: .checkIns), intro: t(.checkInProfessionalIntro, ["name": model.ownerName]),
                            submit: t(.checkInProfessionalSave), presence: model.ownerName, chrome: chrome))
                ))
            )
        }

        /// The notice, in the section it is about, with the focus on it.
        private func notice(for section: String) -> Node<HTML.BodyContext> {
            .unwrap(model.noticeSection == section ? model.notice : nil) { Components.notice($0, focus: true) }
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.sharedPlanTitle, ["name": model.ownerName]), chrome: chrome, errors: model.errors,
                notices: model.noticeSection == nil ? (model.notice.map { [$0] } ?? []) : [],
                content: .div(
                    .div(.class("notice notice--info"), .forEach(model.reasons) { .p(.txt($0)) }),
                    .unwrap(model.agenda) { agenda in
                        .section(
                            .h2(.txt(t(.planWhatMatters))),
                            .if(!agenda.isWritten, .p(.txt(t(.sharedPlanNoAgenda, ["name": model.ownerName])))),
                            .p(.class("own-words"), .txt(agenda.whatMatters)),
                            .element(named: "dl", nodes: [
                                Node<HTML.BodyContext>.element(named: "dt", nodes: [.txt(t(.planAppreciated))]),
                                .element(named: "dd", nodes: [.txt(agenda.appreciated.isEmpty ? "–" : agenda.appreciated)]),
                                .element(named: "dt", nodes: [.txt(t(.planImportant))]),
                                .element(named: "dd", nodes: [.txt(agenda.important.isEmpty ? "–" : agenda.important)]),
                                .element(named: "dt", nodes: [.txt(t(.planSupport))]),
                                .element(named: "dd", nodes: [.txt(agenda.support.isEmpty ? "–" : agenda.support)]),
                            ])
                        )
                    },
                    .unwrap(model.strengths) { strengths in
                        .section(.h2(.txt(t(.strengthsHeadingOf, ["name": model.ownerName]))), StrengthList.render(strengths, t: t))
                    },
                    .unwrap(model.goals) { goals in
                        .section(
                            .id("goals"), .attribute(named: "tabindex", value: "-1"),
                            .h2(.txt(t(.sharedPlanGoals, ["name": model.ownerName]))),
                            notice(for: "goals"),
                            .if(goals.isEmpty, .p(.txt(t(.planNoGoals)))),
                            .ul(.class("goals"), .forEach(goals) { goal in
                                .li(
                                    .txt(goal.text),
                                    .span(.class("tag"), .txt(goal.status.isCitizens
                                        ? t(.sharedPlanCitizensGoal, ["name": model.ownerName])
                                        : t(.sharedPlanNotCitizensGoal, ["name": model.ownerName]))),
                                    .unwrap(model.suggestionTarget.flatMap { _ in model.rewordable[goal.id] }) { version in
                                        rewordForm(goal, version: version)
                                    }
                                )
                            })
                        )
                    },
                    .unwrap(model.suggestionTarget) { planID in suggestionForm(planID) },
                    .unwrap(model.picture) { picture in actions(picture) },
                    .unwrap(model.journeys) { journeys in checkIns(journeys) },
                    .unwrap(model.timeline) { lines in
                        model.mayWriteNote
                            ? Timeline.render(
                                lines, heading: t(.timelineHeadingOf, ["name": model.ownerName]),
                                target: AgendaRoute.sharedNotes(model.planID).url, note: model.note,
                                error: errors(for: .timeline).message(for: "note"), ownerName: model.ownerName,
                                viewerIsOwner: false, notice: model.noticeSection == "timeline" ? model.notice : nil, chrome: chrome)
                            : .section(.h2(.txt(t(.timelineHeadingOf, ["name": model.ownerName]))),
                                       .ol(.class("timeline"), .forEach(lines) { .li(.p(.class("own-words"), .txt($0.text))) }))
                    }
                )
            )
        }
    }
}

extension SharedPlan {
    /// The section of the shared plan a notice is about: where the person is taken back to.
    public static func section(ofNotice notice: String) -> String? {
        switch notice {
        case "suggested", "reworded": "goals"
        case "note-added": "timeline"
        case "action-added", "action-saved", "tension": "actions"
        case "rated": "check-ins"
        default: nil
        }
    }

    /// The shared plan, with the notice, at the section it is about.
    public static func back(_ planID: UUID, notice: String) -> String {
        AgendaRoute.sharedPlan(planID).path + "?notice=" + notice + (section(ofNotice: notice).map { "#" + $0 } ?? "")
    }
}
