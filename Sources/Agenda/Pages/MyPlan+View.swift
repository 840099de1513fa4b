import Foundation
import KanssaCore
@preconcurrency import Plot

extension MyPlan {
    public struct View {
        let model: Model
        let chrome: Chrome

        public init(model: Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            // A notice about one section is shown in it, where the person is taken back to.
            var notices = model.noticeSection == nil ? (model.notice.map { [$0] } ?? []) : []
            if let conflict = model.conflict {
                notices.append(Notice(.error, t(.planConflict, ["name": conflict.savedBy, "time": t.dateTime(conflict.savedAt)])))
            }
            return Layout.page(
                title: t(.planTitle), chrome: chrome, errors: model.errors, notices: notices,
                content: .div(
                    .p(.txt(t(.planIntro))),
                    .ul(
                        .class("screen-only"),
                        .li(.a(.link(AgendaRoute.actions.url), .txt(t(.actionsLink)))),
                        .li(.a(.link(AgendaRoute.lifeAreas.url), .txt(t(.lifeLink)))),
                        .li(.a(.link(AgendaRoute.sharing.url), .txt(t(.sharingLink))))
                    ),
                    .unwrap(model.conflict) { theirs(conflict: $0) },
                    agendaForm,
                    .if(model.isAgendaWritten, strengths),
                    .if(model.isAgendaWritten, goals),
                    Timeline.render(
                        model.timeline, heading: t(.timelineHeading), target: AgendaRoute.notes.url, note: model.newNote,
                        error: model.errors.message(for: "note"), notice: notice(for: "timeline"), chrome: chrome)
                )
            )
        }

        /// The notice, if it is about this section.
        private func notice(for section: String) -> Notice? {
            model.noticeSection == section ? model.notice : nil
        }

        /// What matters to the person, in their words; changing it opens below. Before it is
        /// written, the form is all there is.
        private var agendaForm: Node<HTML.BodyContext> {
            let t = chrome.t
            let hasErrors = ["whatMatters", "appreciated", "important", "support"].contains { model.errors.message(for: $0) != nil }
            let written = model.isAgendaWritten && model.conflict == nil
            return .section(
                .id("agenda"), .attribute(named: "tabindex", value: "-1"),
                .h2(.txt(t(.planAgendaHeading))),
                .unwrap(notice(for: "agenda")) { Components.notice($0, focus: true) },
                .if(written, .element(named: "dl", nodes: [
                    Node<HTML.BodyContext>.element(named: "dt", nodes: [.txt(t(.planWhatMatters))]),
                    .element(named: "dd", nodes: [.class("own-words"), .txt(model.agenda.whatMatters)]),
                    .if(!model.agenda.appreciated.isEmpty, .group(
                        .element(named: "dt", nodes: [.txt(t(.planAppreciated))]),
                        .element(named: "dd", nodes: [.class("own-words"), .txt(model.agenda.appreciated)]))),
                    .if(!model.agenda.important.isEmpty, .group(
                        .element(named: "dt", nodes: [.txt(t(.planImportant))]),
                        .element(named: "dd", nodes: [.class("own-words"), .txt(model.agenda.important)]))),
                    .if(!model.agenda.support.isEmpty, .group(
                        .element(named: "dt", nodes: [.txt(t(.planSupport))]),
                        .element(named: "dd", nodes: [.class("own-words"), .txt(model.agenda.support)]))),
                ])),
                written ? Components.disclosure(t(.planChangeAgenda), open: hasErrors, agendaFields) : agendaFields
            )
        }

        private var agendaFields: Node<HTML.BodyContext> {
            let t = chrome.t
            return .group(
                .form(
                    .class("stack"), .method(.post), .link(AgendaRoute.agenda.url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    .input(.type(.hidden), .name("version"), .safe("value", String(model.version))),
                    Components.textArea(
                        name: "whatMatters", label: t(.planWhatMatters), value: model.agenda.whatMatters,
                        hint: t(.planWhatMattersHint), error: model.errors.message(for: "whatMatters"),
                        maxLength: AgendaText.maximumLength),
                    .element(named: "h3", nodes: [Node<HTML.BodyContext>.txt(t(.planProfileHeading))]),
                    .p(.class("field__hint"), .txt(t(.planProfileIntro))),
                    Components.textArea(
                        name: "appreciated", label: t(.planAppreciated), value: model.agenda.appreciated,
                        error: model.errors.message(for: "appreciated"), required: false, maxLength: AgendaText.maximumLength),
                    Components.textArea(
                        name: "important", label: t(.planImportant), value: model.agenda.important,
                        error: model.errors.message(for: "important"), required: false, maxLength: AgendaText.maximumLength),
                    Components.textArea(
                        name: "support", label: t(.planSupport), value: model.agenda.support,
                        error: model.errors.message(for: "support"), required: false, maxLength: AgendaText.maximumLength),
                    Components.submit(t(model.isAgendaWritten ? .planSaveAgenda : .planStartAgenda))
                )
            )
        }

        private func theirs(conflict: Conflict) -> Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .class("conflict"),
                .h2(.txt(t(.planConflictTheirs, ["name": conflict.savedBy]))),
                .element(named: "dl", nodes: [
                    Node<HTML.BodyContext>.element(named: "dt", nodes: [.txt(t(.planWhatMatters))]),
                    .element(named: "dd", nodes: [.txt(conflict.theirs.whatMatters)]),
                    .element(named: "dt", nodes: [.txt(t(.planAppreciated))]),
                    .element(named: "dd", nodes: [.txt(conflict.theirs.appreciated)]),
                    .element(named: "dt", nodes: [.txt(t(.planImportant))]),
                    .element(named: "dd", nodes: [.txt(conflict.theirs.important)]),
                    .element(named: "dt", nodes: [.txt(t(.planSupport))]),
                    .element(named: "dd", nodes: [.txt(conflict.theirs.support)]),
                ]),
                .p(.txt(t(.planConflictYours)))
            )
        }

        /// Strengths and assets come before goals: what the person can draw on, then where they
        /// want to go.
        private var strengths: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .id("strengths"), .attribute(named: "tabindex", value: "-1"),
                .h2(.txt(t(.strengthsHeading))),
                .unwrap(notice(for: "strengths")) { Components.notice($0, focus: true) },
                .p(.txt(t(.strengthsIntro))),
                StrengthList.render(model.strengths, t: t),
                Components.disclosure(t(.strengthAddHeading), open: model.errors.message(for: "strength") != nil, .form(
                    .class("stack narrow"), .method(.post), .link(AgendaRoute.strengths.url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.select(
                        name: "kind", label: t(.strengthKindField),
                        options: StrengthKind.allCases.map {
                            .init(value: $0.rawValue, label: AgendaWords.strengthKind($0, t), isSelected: $0 == model.newStrengthKind)
                        }),
                    Components.textField(
                        name: "strength", label: t(.strengthField), value: model.newStrength, hint: t(.strengthHint),
                        error: model.errors.message(for: "strength"), maxLength: 300),
                    Components.submit(t(.strengthAdd), style: .secondary)
                ))
            )
        }

        private var goals: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .id("goals"), .attribute(named: "tabindex", value: "-1"),
                .h2(.txt(t(.planGoalsHeading))),
                .unwrap(notice(for: "goals")) { Components.notice($0, focus: true) },
                .if(model.citizensGoals.isEmpty, .p(.txt(t(.planNoGoals)))),
                .ul(.class("goals"), .forEach(model.citizensGoals) { goal in
                    .li(
                        .txt(goal.text),
                        .if(goal.origin == .suggested, .span(.class("tag"), .txt(t(.planGoalEndorsed, ["name": goal.suggestedBy ?? "–"])))),
                        .if(goal.status == .achieved, .span(.class("tag"), .txt(t(.planGoalAchieved)))),
                        .txt(" "),
                        Components.actionLink(AgendaRoute.goal(goal.id).url, t(.actionChange), about: goal.text)
                    )
                }),
                .if(!model.setAside.isEmpty, .group(
                    .element(named: "h3", nodes: [Node<HTML.BodyContext>.txt(t(.planSetAsideHeading))]),
                    .ul(.class("goals goals--set-aside"), .forEach(model.setAside) { goal in
                        .li(
                            .txt(goal.text),
                            .span(.class("tag"), .txt(goal.statusChangedAt.map { t(.planGoalSetAsideOn, ["date": t.date($0)]) }
                                ?? t(.goalSetAside))),
                            .txt(" "),
                            Components.actionLink(AgendaRoute.goal(goal.id).url, t(.actionChange), about: goal.text)
                        )
                    })
                )),
                .if(!model.suggestions.isEmpty, .group(
                    .element(named: "h3", nodes: [Node<HTML.BodyContext>.txt(t(.planSuggestionsHeading))]),
                    .ul(.class("goals goals--suggested"), .forEach(model.suggestions) { goal in
                        .li(
                            .txt(goal.text),
                            .span(.class("tag"), .txt(t(goal.status == .declined ? .planSuggestionDeclined : .planSuggestionWaiting,
                                                        ["name": goal.suggestedBy ?? "–"]))),
                            .if(goal.status == .awaitingCitizen, .div(
                                .class("answer"),
                                Components.postButton(
                                    action: AgendaRoute.answerSuggestion(goal.id).url, csrfToken: chrome.csrfToken,
                                    label: t(.planEndorse), style: .secondary, hidden: [("answer", "endorse")]),
                                Components.postButton(
                                    action: AgendaRoute.answerSuggestion(goal.id).url, csrfToken: chrome.csrfToken,
                                    label: t(.planDecline), style: .secondary, hidden: [("answer", "decline")])
                            ))
                        )
                    })
                )),
                Components.disclosure(t(.planAddGoalHeading), open: model.errors.message(for: "goal") != nil, .form(
                    .class("stack narrow"), .method(.post), .link(AgendaRoute.goals.url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.textField(
                        name: "goal", label: t(.planNewGoal), value: model.newGoal, hint: t(.planNewGoalHint),
                        error: model.errors.message(for: "goal"), maxLength: 500),
                    Components.submit(t(.planAddGoal), style: .secondary)
                ))
            )
        }
    }
}
