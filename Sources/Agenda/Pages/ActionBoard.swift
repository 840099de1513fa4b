import Foundation
import KanssaCore
@preconcurrency import Plot

/// The whole-person view's parts: the alignment figure with its definition, the flags, and every
/// service's actions side by side.
public enum ActionBoard {
    public static func alignment(_ alignment: Alignment, heading: String, definition: String, t: Localizer) -> Node<HTML.BodyContext> {
        .section(
            .h2(.txt(heading)),
            alignment.percent.map { percent in
                .group(
                    .p(.class("alignment"), .txt(t(.alignmentPercent, ["percent": t.number(percent)]))),
                    .p(.txt(t(.alignmentCounts, ["serving": t.number(alignment.serving), "open": t.number(alignment.open)])))
                )
            } ?? .p(.txt(t(.alignmentNoActions))),
            .p(.class("field__hint"), .txt(definition))
        )
    }

    /// The form to note two goals that pull against each other, and the way to take a note back.
    public struct TensionControls {
        let add: SafeURL
        /// Where the owner takes a note back; nil for others.
        let remove: ((UUID) -> SafeURL)?
        let draft: GoalTensions.Draft
        let errors: [FieldError]
        /// The owner's name, on a form of someone else's, for "is here with me".
        let presence: String?
        let chrome: Chrome

        public init(add: SafeURL, remove: ((UUID) -> SafeURL)?, draft: GoalTensions.Draft, errors: [FieldError], presence: String?,
                    chrome: Chrome) {
            self.add = add
            self.remove = remove
            self.draft = draft
            self.errors = errors
            self.presence = presence
            self.chrome = chrome
        }
    }

    /// Whom the page speaks to: the plan's owner, in the second person and plain words; or staff,
    /// with the figure and its definition.
    public enum Voice: Sendable {
        case owner
        case staff
    }

    public static func render(
        _ model: WholePicture.Model, edit: (UUID) -> SafeURL, tensions controls: TensionControls? = nil, voice: Voice = .staff,
        t: Localizer
    ) -> Node<HTML.BodyContext> {
        .group(
            voice == .owner ? yours(model.alignment, t: t)
                : alignment(model.alignment, heading: t(.alignmentHeading),
                            definition: t(.alignmentDefinition, ["name": model.ownerName]), t: t),
            .if(!model.clashes.isEmpty, .section(
                .h2(.txt(voice == .owner ? t(.clashesHeadingYours) : t(.clashesHeading))),
                .ul(.class("cards"), .forEach(model.clashes) { clash($0, voice: voice, t: t) })
            )),
            .if(!model.tensions.isEmpty || controls != nil, tensions(model, controls: controls, voice: voice, t: t)),
            .if(!model.notCitizens.isEmpty, .section(
                .h2(.txt(voice == .owner ? t(.notCitizensHeadingYours) : t(.notCitizensHeading, ["name": model.ownerName]))),
                .ul(.forEach(model.notCitizens) { line in .li(.txt("\(line.text) (\(line.service))")) })
            )),
            .section(
                .h2(.txt(t(.servicesHeading))),
                .if(model.services.isEmpty, .p(.txt(t(.actionsNone)))),
                .div(.class("services"), .forEach(model.services) { service in
                    .section(
                        .class("service"),
                        // The owner's own column is named by their name (WholePicture.build): "Yours" on their page.
                        .element(named: "h3", nodes: [Node<HTML.BodyContext>.txt(
                            voice == .owner && service.name == model.ownerName ? t(.servicesYours) : service.name)]),
                        .ul(.class("action-list"), .forEach(service.lines) {
                            line($0, ownerName: model.ownerName, edit: edit, voice: voice, t: t)
                        })
                    )
                })
            )
        )
    }

    /// The owner's share of things to do that serve their own goals, said as a sentence.
    static func yours(_ alignment: Alignment, t: Localizer) -> Node<HTML.BodyContext> {
        .section(
            .h2(.txt(t(.alignmentHeadingYours))),
            .p(.txt(alignment.open == 0 ? t(.alignmentNoActionsYours)
                : t(.alignmentCountsYours, counts: ["serving": alignment.serving, "open": alignment.open])))
        )
    }

    /// A day on which more than one service expects something: the day, who expects what, and
    /// what can be done about it.
    static func clash(_ clash: WholePicture.Clash, voice: Voice, t: Localizer) -> Node<HTML.ListContext> {
        .li(
            .class("card card--warning"),
            .h3(.txt(t.day(clash.day))),
            .ul(.forEach(clash.lines) { line in
                // The owner's own things to do come from no service: "You", on their page.
                .li(.txt(t(.clashExpects, [
                    "service": voice == .owner && line.stake.teamID == nil ? t(.clashYou) : line.service, "action": line.text,
                ])))
            }),
            .p(.txt(voice == .owner ? t(.clashWhatYouCanDo) : t(.clashWhatCanBeDone)))
        )
    }

    static func line(
        _ line: WholePicture.ActionLine, ownerName: String, edit: (UUID) -> SafeURL, voice: Voice = .staff, t: Localizer
    ) -> Node<HTML.ListContext> {
        .li(
            .p(.class("action__text"), .txt(line.text)),
            .unwrap(line.goal) { .p(.txt(t(.actionServes, ["goal": $0]))) },
            .if(!line.servesCitizensGoal, .p(.span(.class("tag tag--warning"), .txt(
                voice == .owner ? t(.actionNotYours) : t(.actionNotCitizens, ["name": ownerName]))))),
            .p(.txt(t(.actionWho, ["name": line.owner]))),
            .unwrap(line.plannedWithOwnerPresentBy) {
                .p(.txt(voice == .owner ? t(.actionPlannedWithYou, ["name": $0]) : t(.actionPlannedPresent, ["name": $0, "owner": ownerName])))
            },
            .unwrap(line.dueOn) { due in .p(.txt(t(.actionDue, ["date": t.day(due)]))) },
            .p(
                .span(.class("tag"), .txt(ActionWords.status(line.status, t))),
                .if(line.isOverdue, .span(.class("tag tag--warning"), .txt(t(.actionOverdue)))),
                .if(line.clashes, .span(.class("tag tag--warning"), .txt(t(.actionClashes)))),
                .if(line.pullsAgainst, .span(.class("tag tag--warning"), .txt(t(.actionPullsAgainst))))
            ),
            .if(line.mayChange, .p(Components.actionLink(edit(line.id), t(.actionChange), about: line.text)))
        )
    }
}

extension ActionBoard {
    /// Goals that pull against each other, the actions serving each side, and the form to note more.
    static func tensions(_ model: WholePicture.Model, controls: TensionControls?, voice: Voice, t: Localizer) -> Node<HTML.BodyContext> {
        .section(
            .h2(.txt(t(.tensionsHeading))),
            .p(.txt(voice == .owner ? t(.tensionsIntroYours) : t(.tensionsIntro, ["name": model.ownerName]))),
            .if(!model.tensions.isEmpty, .ul(.class("cards"), .forEach(model.tensions) { tension in
                .li(
                    .class("card"),
                    .h3(.txt(t(.tensionLine, ["first": tension.first, "second": tension.second]))),
                    .unwrap(tension.note) { .p(.txt($0)) },
                    .p(.class("field__hint"), .txt(tension.notedWithOwnerPresent
                        ? (voice == .owner ? t(.tensionNotedWithYou, ["name": tension.notedBy])
                            : t(.tensionNotedPresent, ["name": tension.notedBy, "owner": model.ownerName]))
                        : t(.tensionNoted, ["name": tension.notedBy]))),
                    .if(tension.isClash, .p(.span(.class("tag tag--warning"), .txt(t(.tensionClash))))),
                    side(tension.first, tension.firstActions, t: t),
                    side(tension.second, tension.secondActions, t: t),
                    .unwrap(controls?.remove) { remove in
                        Components.postButton(action: remove(tension.id), csrfToken: controls?.chrome.csrfToken ?? "",
                                              label: t(.tensionRemove), style: .secondary)
                    }
                )
            })),
            .unwrap(controls) { controls in tensionForm(model, controls: controls, t: t) }
        )
    }

    private static func side(_ goal: String, _ lines: [WholePicture.ActionLine], t: Localizer) -> Node<HTML.BodyContext> {
        .p(.txt(t(.tensionSide, [
            "goal": goal,
            "actions": lines.isEmpty ? t(.tensionNoActions) : lines.map { "\($0.text) (\($0.service))" }.joined(separator: "; "),
        ])))
    }

    private static func tensionForm(_ model: WholePicture.Model, controls: TensionControls, t: Localizer) -> Node<HTML.BodyContext> {
        let goals = model.goals
        func options(_ chosen: String) -> [Components.Option] {
            [Components.Option(value: "", label: t(.tensionChooseGoal), isSelected: chosen.isEmpty)]
                + goals.map { Components.Option(value: $0.id.uuidString, label: $0.text, isSelected: $0.id.uuidString == chosen) }
        }
        let hasErrors = GoalTensions.Problem.allCases.contains { controls.errors.message(for: $0.rawValue) != nil }
        return .if(goals.count >= 2, Components.disclosure(t(.tensionAddHeading), open: hasErrors, .form(
            .class("stack narrow"), .method(.post), .link(controls.add, as: "action"), .attribute(named: "novalidate"),
            Components.csrfField(controls.chrome.csrfToken),
            Components.select(name: GoalTensions.Problem.goals.rawValue, label: t(.tensionFirst), options: options(controls.draft.first),
                              error: controls.errors.message(for: GoalTensions.Problem.goals.rawValue)),
            Components.select(name: GoalTensions.Problem.known.rawValue, label: t(.tensionSecond), options: options(controls.draft.second),
                              error: controls.errors.message(for: GoalTensions.Problem.known.rawValue)),
            Components.textField(name: GoalTensions.Problem.note.rawValue, label: t(.tensionNoteField), value: controls.draft.note,
                                 hint: t(.tensionNoteHint), error: controls.errors.message(for: GoalTensions.Problem.note.rawValue),
                                 required: false, maxLength: GoalTensions.noteLength),
            .unwrap(controls.presence) { OwnerPresence.checkbox(id: "tension-present", ownerName: $0, t: t) },
            Components.submit(t(.tensionAdd), style: .secondary)
        )))
    }
}

/// Action terms in the person's language.
public enum ActionWords {
    public static func status(_ status: ActionStatus, _ t: Localizer) -> String {
        switch status {
        case .open: t(.actionStatusOpen)
        case .done: t(.actionStatusDone)
        case .dropped: t(.actionStatusDropped)
        }
    }
}

/// The form for a new action or a change to one.
public enum ActionFormView {
    public struct Choices: Sendable, Equatable {
        public let goals: [MyPlan.GoalLine]
        public let professionals: [PlanActions.Person]
        public let ownerName: String
        /// Whether the citizen is filling the form ("Me") or someone else ("Fatima").
        public let byOwner: Bool

        public init(goals: [MyPlan.GoalLine], professionals: [PlanActions.Person], ownerName: String, byOwner: Bool) {
            self.goals = goals
            self.professionals = professionals
            self.ownerName = ownerName
            self.byOwner = byOwner
        }
    }

    public static func render(
        target: SafeURL, form: ActionForm, choices: Choices, version: Int?, errors: [FieldError], submit: String,
        presence: String? = nil, chrome: Chrome
    ) -> Node<HTML.BodyContext> {
        let t = chrome.t
        return .form(
            .class("stack narrow"), .method(.post), .link(target, as: "action"), .attribute(named: "novalidate"),
            Components.csrfField(chrome.csrfToken),
            .unwrap(version) { .input(.type(.hidden), .name("version"), .safe("value", String($0))) },
            Components.textField(
                name: ActionForm.Problem.text.rawValue, label: t(.actionText), value: form.text, hint: t(.actionTextHint),
                error: errors.message(for: ActionForm.Problem.text.rawValue), maxLength: PlanActions.textLength),
            Components.select(
                name: ActionForm.Problem.goal.rawValue, label: t(.actionGoal),
                options: [Components.Option(value: "", label: t(.actionChooseGoal), isSelected: form.goal.isEmpty)]
                    + choices.goals.map { goal in
                        Components.Option(
                            value: goal.id.uuidString,
                            label: goal.status.isCitizens ? goal.text : t(.actionGoalSuggestion, ["goal": goal.text, "name": choices.ownerName]),
                            isSelected: form.goal.lowercased() == goal.id.uuidString.lowercased())
                    },
                error: errors.message(for: ActionForm.Problem.goal.rawValue)),
            Components.select(
                name: ActionForm.Problem.owner.rawValue, label: t(.actionOwner),
                options: [
                    Components.Option(value: "citizen", label: choices.byOwner ? t(.actionOwnerMe) : choices.ownerName,
                                      isSelected: form.owner == "citizen"),
                    Components.Option(value: "supporter", label: t(.actionOwnerSupporter), isSelected: form.owner == "supporter"),
                ] + choices.professionals.map { person in
                    let value = "professional:" + person.id.uuidString
                    return Components.Option(value: value, label: person.name, isSelected: form.owner.lowercased() == value.lowercased())
                },
                error: errors.message(for: ActionForm.Problem.owner.rawValue)),
            Components.textField(
                name: ActionForm.Problem.supporter.rawValue, label: t(.actionSupporter), value: form.supporter, hint: t(.actionSupporterHint),
                error: errors.message(for: ActionForm.Problem.supporter.rawValue), required: false, maxLength: 100),
            Components.textField(
                name: ActionForm.Problem.due.rawValue, label: t(.actionDueField), value: form.due, type: .date, hint: t(.actionDueHint),
                error: errors.message(for: ActionForm.Problem.due.rawValue), required: false, maxLength: 10),
            .if(version != nil, Components.select(
                name: ActionForm.Problem.status.rawValue, label: t(.actionStatus),
                options: ActionStatus.allCases.map {
                    Components.Option(value: $0.rawValue, label: ActionWords.status($0, t), isSelected: form.status == $0.rawValue)
                },
                error: errors.message(for: ActionForm.Problem.status.rawValue))),
            .unwrap(presence) { OwnerPresence.checkbox(id: "action-present", ownerName: $0, t: t) },
            Components.submit(submit)
        )
    }

    /// The message for each problem with an action form.
    public static func errors(_ problems: [ActionForm.Problem], in form: ActionForm, t: Localizer) -> [FieldError] {
        problems.map { problem in
            let message = switch problem {
            case .text: t.textError(.errorActionText, typed: form.text, maxLength: PlanActions.textLength)
            case .goal: t(.errorActionGoal)
            case .owner: t(.errorActionOwner)
            case .supporter: t(.errorActionSupporter)
            case .due: t(.errorActionDue)
            case .status: t(.errorActionStatus)
            }
            return FieldError(field: problem.rawValue, message: message)
        }
    }
}
