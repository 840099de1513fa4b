import Foundation
import KanssaCore
import Plot

/// One written answer for its moderator: the words as written, how others will see them, what
/// may be personal data, the form to hide passages or flag it, and every step taken before.
public enum ModerationPage {
    static func kindName(_ kind: PersonalData.Kind, _ t: Localizer) -> String {
        switch kind {
        case .email: t(.moderationKindEmail)
        case .phone: t(.moderationKindPhone)
        case .finnishIdentity: t(.moderationKindIdentity, ["country": "FI"])
        case .dutchIdentity: t(.moderationKindIdentity, ["country": "NL"])
        case .spanishIdentity: t(.moderationKindIdentity, ["country": "ES"])
        case .swedishIdentity: t(.moderationKindIdentity, ["country": "SE"])
        case .estonianIdentity: t(.moderationKindIdentity, ["country": "EE"])
        }
    }

    static func stateName(_ state: ModerationState, hidden: Int, _ t: Localizer) -> String {
        ListeningWords.moderation(.init(answerID: UUID(), state: state, hiddenCount: hidden), t)
    }

    public struct View {
        let model: Moderation.Model
        let chrome: Chrome

        public init(model: Moderation.Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let draft = model.draft
            let hiddenNow = Set(model.hidden)
            let options: [Components.Option] = model.hidden.map { passage in
                .init(value: passage.stored, label: t(.moderationKeepHidden, ["text": excerpt(passage)]),
                      isSelected: draft.map { $0.hide.contains(passage.stored) } ?? true)
            } + model.suggestions.filter { !hiddenNow.contains($0.passage) }.map { finding in
                .init(value: finding.passage.stored, label: t(.moderationHideSuggestion, ["text": finding.text, "kind": kindName(finding.kind, t)]),
                      isSelected: draft.map { $0.hide.contains(finding.passage.stored) } ?? true)
            }
            var notices: [Notice] = []
            if model.changedMeanwhile { notices.append(Notice(.error, t(.moderationChangedMeanwhile))) }
            return Layout.page(title: t(.moderationTitle), chrome: chrome, errors: model.errors, notices: notices, content: .div(
                .p(.class("screen-only"), .a(.link(ListeningRoute.answers(consultation: model.consultationID).url), .txt(t(.answersBackToList)))),
                .p(.strong(.txt(model.question))),
                .h2(.txt(t(.moderationAsWritten))),
                .p(.class("own-words"), .txt(model.text)),
                .h2(.txt(t(.moderationAsShown))),
                .p(.class("field__hint"), .txt(stateName(model.state, hidden: model.hidden.count, t))),
                .p(.class("own-words"), .txt(model.state == .flagged ? t(.moderationFlaggedNotShown) : Moderation.shown(model.text, hidden: model.hidden))),
                .form(
                    .class("stack"), .method(.post),
                    .link(ListeningRoute.moderation(consultation: model.consultationID, answer: model.answerID).url, as: "action"),
                    Components.csrfField(chrome.csrfToken),
                    .input(.type(.hidden), .safe("name", "version"), .safe("value", String(model.version))),
                    .if(!options.isEmpty, Components.checkboxes(name: "hide", legend: t(.moderationHideLegend), options: options,
                                                                error: model.errors.message(for: "hide"))),
                    .if(options.isEmpty, .p(.txt(t(.moderationNothingFound)))),
                    Components.textField(name: "words", label: t(.moderationWordsField), value: draft?.words ?? "", hint: t(.moderationWordsHint),
                                         error: model.errors.message(for: "words"), required: false, maxLength: Moderation.longestWords),
                    Components.radios(name: "flagged", legend: t(.moderationFlagLegend), options: [
                        .init(value: "no", label: t(.moderationNotAbusive), isSelected: !(draft?.flagged ?? (model.state == .flagged))),
                        .init(value: "yes", label: t(.moderationAbusive), isSelected: draft?.flagged ?? (model.state == .flagged),
                              hint: t(.moderationAbusiveHint)),
                    ]),
                    Components.textArea(name: "reason", label: t(.moderationReasonField), value: draft?.reason ?? "", hint: t(.moderationReasonHint),
                                        error: model.errors.message(for: "reason"), maxLength: Moderation.longestReason),
                    Components.submit(t(.moderationSave))
                ),
                .h2(.txt(t(.moderationLogHeading))),
                .if(model.steps.isEmpty, .p(.txt(t(.moderationLogEmpty)))),
                .ul(.forEach(model.steps) { step in
                    .li(.txt(t(.moderationLogLine, ["date": t.dateTime(step.at), "name": step.moderator,
                                                    "state": stateName(step.state, hidden: step.hiddenCount, t)]) + " "),
                        .span(.class("own-words"), .txt(step.reason)))
                })
            ))
        }

        private func excerpt(_ passage: Passage) -> String {
            passage.range(in: model.text).map { String(model.text[$0]) } ?? passage.stored
        }
    }
}
