import Foundation
import KanssaCore
@preconcurrency import Plot

/// The citizen's whole picture: every service's actions side by side, flags, alignment, and a
/// form to add an action of their own.
public enum ActionsPage {
    public struct Model: Sendable, Equatable {
        public var picture: WholePicture.Model
        public let isAgendaWritten: Bool
        public var form = ActionForm()
        public var tension = GoalTensions.Draft()
        /// The problems of whichever form was sent; each form shows those of its own fields.
        public var errors: [FieldError] = []
        public var notice: Notice?

        public init(picture: WholePicture.Model, isAgendaWritten: Bool) {
            self.picture = picture
            self.isAgendaWritten = isAgendaWritten
        }
    }

    public struct View {
        let model: Model
        let chrome: Chrome

        public init(model: Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.actionsTitle), chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.class("screen-only"), .a(.link(AgendaRoute.myPlan.url), .txt(t(.backToPlan)))),
                    ActionBoard.render(
                        model.picture, edit: { AgendaRoute.action($0).url },
                        tensions: ActionBoard.TensionControls(
                            add: AgendaRoute.goalTensions.url, remove: { AgendaRoute.removeGoalTension($0).url }, draft: model.tension,
                            errors: model.errors, presence: nil, chrome: chrome),
                        voice: .owner, t: t),
                    .section(
                        .id("add"),
                        .h2(.txt(t(.actionAddHeading))),
                        !model.isAgendaWritten ? .p(.txt(t(.errorWhatMattersMissing)))
                            : model.picture.goals.isEmpty ? .p(.txt(t(.actionNeedsGoal)))
                            : Components.disclosure(t(.actionAddOpen), open: model.errors.contains { error in !GoalTensions.Problem.allCases.contains { $0.rawValue == error.field } }, ActionFormView.render(
                                target: AgendaRoute.actions.url, form: model.form,
                                choices: ActionFormView.Choices(
                                    goals: model.picture.goals, professionals: model.picture.professionals,
                                    ownerName: model.picture.ownerName, byOwner: true),
                                version: nil, errors: model.errors, submit: t(.actionAdd), chrome: chrome))
                    )
                )
            )
        }
    }
}

/// Changing one action, by the citizen or by a professional allowed to; if someone else saved
/// it meanwhile, both versions are shown and nothing is overwritten.
public enum ActionEditor {
    public struct Conflict: Sendable, Equatable {
        public let theirs: ActionDraft
        public let savedBy: String
        public let savedAt: Date

        public init(theirs: ActionDraft, savedBy: String, savedAt: Date) {
            self.theirs = theirs
            self.savedBy = savedBy
            self.savedAt = savedAt
        }
    }

    public struct Model: Sendable, Equatable {
        public let target: SafeURL
        public let back: SafeURL
        public let choices: ActionFormView.Choices
        public var form: ActionForm
        public var version: Int
        public var errors: [FieldError] = []
        public var conflict: Conflict?

        public init(target: SafeURL, back: SafeURL, choices: ActionFormView.Choices, form: ActionForm, version: Int) {
            self.target = target
            self.back = back
            self.choices = choices
            self.form = form
            self.version = version
        }
    }

    public struct View {
        let model: Model
        let chrome: Chrome

        public init(model: Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let notices = model.conflict.map {
                [Notice(.error, t(.actionConflict, ["name": $0.savedBy, "time": t.dateTime($0.savedAt)]))]
            } ?? []
            return Layout.page(
                title: t(.actionEditTitle), chrome: chrome, errors: model.errors, notices: notices,
                content: .div(
                    .p(.class("screen-only"), .a(.link(model.back), .txt(t(.backToPlan)))),
                    .unwrap(model.conflict) { theirs($0) },
                    ActionFormView.render(
                        target: model.target, form: model.form, choices: model.choices, version: model.version,
                        errors: model.errors, submit: t(.actionSave), chrome: chrome)
                )
            )
        }

        private func theirs(_ conflict: Conflict) -> Node<HTML.BodyContext> {
            let t = chrome.t
            let draft = conflict.theirs
            let goal = model.choices.goals.first { $0.id == draft.goalID }?.text ?? "–"
            let owner = switch draft.owner.kind {
            case .citizen: model.choices.ownerName
            case .supporter: draft.owner.name ?? "–"
            case .professional: model.choices.professionals.first { $0.id == draft.owner.accountID }?.name ?? "–"
            }
            func pair(_ term: String, _ value: String) -> [Node<HTML.BodyContext>] {
                [.element(named: "dt", nodes: [.txt(term)]), .element(named: "dd", nodes: [.txt(value)])]
            }
            return .section(
                .class("conflict"),
                .h2(.txt(t(.actionConflictTheirs, ["name": conflict.savedBy]))),
                .element(named: "dl", nodes:
                    pair(t(.actionText), draft.text) + pair(t(.actionGoal), goal) + pair(t(.actionOwner), owner)
                    + pair(t(.actionDueField), draft.dueOn.map { t.day($0) } ?? "–")
                    + pair(t(.actionStatus), ActionWords.status(draft.status, t))),
                .p(.txt(t(.actionConflictYours)))
            )
        }
    }
}
