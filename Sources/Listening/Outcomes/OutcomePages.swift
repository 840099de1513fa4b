import Foundation
import KanssaCore
import Plot

/// The pages of what listening led to: a verdict on an assumption, a decision and its updates,
/// how sure staff were against what they heard, and what the organisation stopped.
public enum OutcomePages {
    // MARK: A verdict

    public struct VerdictView {
        let model: Verdicts.Model
        let chrome: Chrome

        public init(model: Verdicts.Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(title: t(.verdictTitle), chrome: chrome, errors: model.errors, content: .div(
                .p(.class("screen-only"), .a(.link(ListeningRoute.consultation(model.consultationID).url), .txt(t(.answersBackToConsultation)))),
                .p(.txt(model.title)),
                .div(.class("card"),
                     .p(.class("own-words"), .strong(.txt(model.statement))),
                     .p(.txt(t(.ledgerHeldBy, ["who": model.heldBy, "confidence": t.number(model.confidence)]))),
                     .p(.txt(t(.ledgerIfWrong, ["text": model.ifWrong])))),
                .if(!model.verdicts.isEmpty, .section(
                    .h2(.txt(t(.verdictHistoryHeading))),
                    .ol(.class("cards"), .forEach(Array(model.verdicts.enumerated())) { index, verdict in
                        .li(.class("card"),
                            .p(.strong(.txt(ListeningWords.verdict(verdict.kind, t))),
                               .if(index == 0 && model.verdicts.count > 1, .group(.text(" "), .span(.class("tag"), .txt(t(.verdictStands)))))),
                            .p(.class("own-words"), .txt(verdict.reasoning)),
                            .p(.class("field__hint"), .txt(t(.verdictGivenBy, ["name": verdict.givenBy, "date": t.dateTime(verdict.at)]))),
                            evidenceList(verdict.evidence))
                    }))),
                form
            ))
        }

        private func evidenceList(_ evidence: [Verdicts.Evidence]) -> Node<HTML.BodyContext> {
            .if(!evidence.isEmpty, .ul(.forEach(evidence) { item in
                .li(.span(.class("tag"), .txt(item.theme)), .text(" "),
                    .span(.class("own-words"), .if(!item.language.isEmpty, .safe("lang", item.language)), .txt(item.words)), .text(" "),
                    .a(.class("screen-only"), .link(ListeningRoute.coding(consultation: model.consultationID, answer: item.answerID).url),
                       .txt(chrome.t(.agreementOpen))))
            }))
        }

        /// One theme's codings to pick from; ids numbered per theme, so that every box has its own.
        private func evidenceChoices(_ theme: Verdicts.ThemeEvidence, index: Int) -> Node<HTML.FormContext> {
            let failed = model.errors.message(for: "evidence") != nil
            return .fieldset(
                .class("field"),
                .element(named: "legend", nodes: [Node<HTML.BodyContext>.txt(theme.theme.path)]),
                .forEach(Array(theme.evidence.enumerated())) { number, item in
                    .div(
                        .class("checkbox"),
                        .input(.type(.checkbox), .safe("id", "evidence-\(index)-\(number)"), .safe("name", "evidence[]"),
                               .safe("value", item.codingID.uuidString), .flag("checked", model.draft.evidence.contains(item.codingID.uuidString)),
                               failed ? .attribute(named: "aria-invalid", value: "true") : .empty,
                               failed ? .safe("aria-describedby", "evidence-error") : .empty),
                        .label(.safe("for", "evidence-\(index)-\(number)"), .class("own-words"),
                               .if(!item.language.isEmpty, .safe("lang", item.language)), .txt(item.words))
                    )
                }
            )
        }

        private var form: Node<HTML.BodyContext> {
            let t = chrome.t
            guard model.state != .draft else { return .p(.txt(t(.verdictNotYet))) }
            return .section(
                .h2(.txt(t(model.verdicts.isEmpty ? .verdictGiveHeading : .verdictGiveAgainHeading))),
                .p(.txt(t(.verdictIntro))),
                .form(
                    .class("stack screen-only"), .method(.post),
                    .link(ListeningRoute.verdict(consultation: model.consultationID, assumption: model.assumptionID).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.radios(name: "kind", legend: t(.verdictKindLegend), options: VerdictKind.allCases.map {
                        .init(value: $0.rawValue, label: ListeningWords.verdict($0, t), isSelected: model.draft.kind == $0.rawValue,
                              hint: ListeningWords.verdictHint($0, t))
                    }, error: model.errors.message(for: "kind")),
                    Components.textArea(name: "reasoning", label: t(.verdictReasoningField), value: model.draft.reasoning,
                                        hint: t(.verdictReasoningHint), error: model.errors.message(for: "reasoning"),
                                        maxLength: Verdicts.longestReasoning),
                    .fieldset(
                        .safe("id", "evidence"),
                        .safe("class", model.errors.message(for: "evidence") == nil ? "field" : "field field--error"),
                        .element(named: "legend", nodes: [Node<HTML.BodyContext>.txt(t(.verdictEvidenceLegend))]),
                        .p(.class("field__hint"), .txt(t(.verdictEvidenceHint, ["count": t.number(Verdicts.evidencePerTheme)]))),
                        .unwrap(model.errors.message(for: "evidence")) { .p(.class("field__error"), .safe("id", "evidence-error"), .txt($0)) },
                        .if(model.themes.allSatisfy { $0.evidence.isEmpty }, .p(.txt(t(.verdictNothingCoded)))),
                        .forEach(Array(model.themes.filter { !$0.evidence.isEmpty }.enumerated())) { index, theme in
                            evidenceChoices(theme, index: index)
                        }
                    ),
                    Components.submit(t(.verdictSave))
                ))
        }
    }

    // MARK: A decision

    public struct NewDecisionModel: Sendable, Equatable {
        public let consultationID: UUID
        public let title: String
        public let owners: [Decisions.Person]
        public let grounds: [Decisions.Ground]
        public var draft = Decisions.Draft()
        public var errors: [FieldError] = []

        public init(consultationID: UUID, title: String, owners: [Decisions.Person], grounds: [Decisions.Ground]) {
            self.consultationID = consultationID
            self.title = title
            self.owners = owners
            self.grounds = grounds
        }
    }

    public struct NewDecisionView {
        let model: NewDecisionModel
        let chrome: Chrome

        public init(model: NewDecisionModel, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(title: t(.decisionNewTitle), chrome: chrome, errors: model.errors, content: .div(
                .p(.class("screen-only"), .a(.link(ListeningRoute.consultation(model.consultationID).url), .txt(t(.answersBackToConsultation)))),
                .p(.txt(model.title)),
                .p(.txt(t(.decisionsIntro))),
                .if(model.grounds.isEmpty, .p(.txt(t(.decisionsNeedVerdict)))),
                .if(!model.grounds.isEmpty, .form(
                    .class("stack"), .method(.post), .link(ListeningRoute.decisions(consultation: model.consultationID).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.radios(name: "kind", legend: t(.decisionKindLegend), options: DecisionKind.allCases.map {
                        .init(value: $0.rawValue, label: ListeningWords.decision($0, t), isSelected: model.draft.kind == $0.rawValue,
                              hint: ListeningWords.decisionHint($0, t))
                    }, error: model.errors.message(for: "kind")),
                    Components.textField(name: "subject", label: t(.decisionSubjectField), value: model.draft.subject, hint: t(.decisionSubjectHint),
                                         error: model.errors.message(for: "subject"), maxLength: Decisions.longestSubject),
                    Components.textArea(name: "reason", label: t(.decisionReasonField), value: model.draft.reason, hint: t(.decisionReasonHint),
                                        error: model.errors.message(for: "reason"), maxLength: Decisions.longestText),
                    Components.checkboxes(name: "grounds", legend: t(.decisionGroundsLegend), options: model.grounds.map {
                        .init(value: $0.verdictID.uuidString, label: ListeningWords.verdict($0.kind, t) + ": " + $0.statement,
                              isSelected: model.draft.grounds.contains($0.verdictID.uuidString))
                    }, error: model.errors.message(for: "grounds")),
                    Components.select(name: "owner", label: t(.decisionOwnerField), options: [.init(value: "", label: t(.decisionOwnerChoose), isSelected: false)]
                        + model.owners.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: model.draft.owner == $0.id.uuidString) },
                        error: model.errors.message(for: "owner")),
                    Components.textField(name: "dueOn", label: t(.decisionDueField), value: model.draft.dueOn, type: .date,
                                         error: model.errors.message(for: "dueOn"), maxLength: 10),
                    Components.submit(t(.decisionSave))
                ))
            ))
        }
    }

    public struct DecisionView {
        let model: Decisions.Model
        let notice: Notice?
        let chrome: Chrome

        public init(model: Decisions.Model, notice: Notice? = nil, chrome: Chrome) {
            self.model = model
            self.notice = notice
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let decision = model.decision
            return Layout.page(
                title: ListeningWords.decision(decision.kind, t) + ": " + decision.subject, chrome: chrome, errors: model.errors,
                notices: notice.map { [$0] } ?? [],
                content: .div(
                    .p(.class("screen-only"), .a(.link(ListeningRoute.consultation(model.consultationID).url), .txt(t(.answersBackToConsultation)))),
                    .p(.txt(model.consultationTitle)),
                    .p(.span(.class("tag"), .txt(ListeningWords.status(decision.status, t)))),
                    .p(.class("own-words"), .txt(decision.reason)),
                    .p(.txt(t(.decisionOwnerDue, ["owner": decision.owner, "date": t.day(decision.dueOn)]))),
                    .p(.class("field__hint"), .txt(t(.decisionTakenBy, ["name": model.takenBy, "date": t.dateTime(model.takenAt)]))),
                    .h2(.txt(t(.decisionGroundsHeading))),
                    .ul(.forEach(model.grounds) { ground in
                        .li(.strong(.txt(ListeningWords.verdict(ground.kind, t) + ": ")), .span(.class("own-words"), .txt(ground.statement)), .text(" "),
                            .a(.class("screen-only"), .link(ListeningRoute.verdict(consultation: model.consultationID, assumption: ground.assumptionID).url),
                               .txt(t(.decisionSeeVerdict))))
                    }),
                    .h2(.txt(t(.decisionUpdatesHeading))),
                    .if(model.updates.isEmpty, .p(.txt(t(.decisionNoUpdates)))),
                    .ol(.class("cards"), .forEach(model.updates) { update in
                        .li(.class("card"),
                            .p(.strong(.txt(ListeningWords.status(update.status, t)))),
                            .if(!update.note.isEmpty, .p(.class("own-words"), .txt(update.note))),
                            .p(.class("field__hint"), .txt(t(.decisionUpdateBy, ["name": update.by, "date": t.dateTime(update.at)]))))
                    }),
                    .section(.class("screen-only"),
                        .h2(.txt(t(.decisionUpdateHeading))),
                        .form(
                            .class("stack narrow"), .method(.post),
                            .link(ListeningRoute.decisionUpdates(consultation: model.consultationID, decision: decision.id).url, as: "action"),
                            .attribute(named: "novalidate"),
                            Components.csrfField(chrome.csrfToken),
                            Components.radios(name: "status", legend: t(.decisionStatusLegend), options: DecisionStatus.allCases.map {
                                .init(value: $0.rawValue, label: ListeningWords.status($0, t),
                                      isSelected: (model.draft.status.isEmpty ? decision.status.rawValue : model.draft.status) == $0.rawValue)
                            }, error: model.errors.message(for: "status")),
                            Components.textArea(name: "note", label: t(.decisionNoteField), value: model.draft.note, hint: t(.decisionNoteHint),
                                                error: model.errors.message(for: "note"), required: false, maxLength: Decisions.longestText),
                            Components.submit(t(.decisionUpdateSave))
                        ))
                )
            )
        }
    }

    /// A consultation's decisions, on its page.
    static func decisionList(_ decisions: [Decisions.Line], consultationID: UUID, canDecide: Bool, _ t: Localizer) -> Node<HTML.BodyContext> {
        .section(
            .id("decisions"),
            .h2(.txt(t(.decisionsHeading))),
            .if(decisions.isEmpty, .p(.txt(t(.decisionsNone)))),
            .ul(.class("cards"), .forEach(decisions) { decision in
                .li(.class("card"),
                    .h3(.a(.link(ListeningRoute.decision(consultation: consultationID, decision: decision.id).url),
                           .txt(ListeningWords.decision(decision.kind, t) + ": " + decision.subject))),
                    .p(.span(.class("tag"), .txt(ListeningWords.status(decision.status, t))), .text(" "),
                       .txt(t(.decisionOwnerDue, ["owner": decision.owner, "date": t.day(decision.dueOn)]))))
            }),
            .if(canDecide, .p(.class("screen-only"), .a(.class("button button--secondary"),
                                                        .link(ListeningRoute.decisions(consultation: consultationID).url), .txt(t(.decisionsNew)))))
        )
    }

    // MARK: Calibration

    public struct CalibrationView {
        let model: Calibration.Model
        let chrome: Chrome

        public init(model: Calibration.Model, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            let figures = model.figures
            let percent: (Double?) -> String = { $0.map { t.number(Int($0.rounded())) + " %" } ?? "–" }
            return Layout.page(title: t(.calibrationTitle), chrome: chrome, content: .div(
                .p(.class("screen-only"), .a(.link(ListeningRoute.consultations(organisation: model.organisationID).url), .txt(t(.consultationsBack)))),
                .p(.txt(t(.calibrationIntro))),
                .if(model.teams.count > 1, .form(
                    .class("stack narrow screen-only"), .method(.get),
                    .link(ListeningRoute.calibration(organisation: model.organisationID).url, as: "action"),
                    Components.select(name: "team", label: t(.calibrationTeamField), options: [.init(value: "", label: t(.calibrationAllTeams),
                                                                                                     isSelected: model.team == nil)]
                        + model.teams.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: model.team == $0.id) }),
                    Components.submit(t(.calibrationShow), style: .secondary))),
                Components.table(
                    caption: t(.calibrationCaption),
                    headers: [t(.calibrationSure), t(.calibrationCount), t(.verdictConfirmed), t(.verdictChallenged), t(.verdictOverturned),
                              t(.calibrationMean), t(.calibrationHeld)],
                    rows: figures.bands.map { band in
                        [.txt(t(.calibrationBand, ["low": t.number(band.lowest), "high": t.number(band.highest)])), .txt(t.number(band.count)),
                         .txt(t.number(band.confirmed)), .txt(t.number(band.challenged)), .txt(t.number(band.overturned)),
                         .txt(percent(band.meanConfidence)), .txt(percent(band.held))]
                    }),
                .p(.txt(figures.brier.map { t(.calibrationBrier, ["score": t.coefficient($0)], counts: ["count": figures.counted]) }
                        ?? t(.calibrationNoBrier))),
                .p(.txt(t(.calibrationOther, ["consultations": t.number(model.consultations), "waiting": t.number(figures.waiting),
                                              "none": t.number(figures.withoutEvidence)])))
            ))
        }
    }

    // MARK: What was stopped

    public struct StoppedModel: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let items: Paged<Decisions.Stopped>

        public init(organisationID: UUID, organisationName: String, items: Paged<Decisions.Stopped>) {
            self.organisationID = organisationID
            self.organisationName = organisationName
            self.items = items
        }
    }

    public struct StoppedView {
        let model: StoppedModel
        let chrome: Chrome

        public init(model: StoppedModel, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(title: t(.stoppedTitle, ["organisation": model.organisationName]), chrome: chrome, content: .div(
                .p(.class("screen-only"), .a(.link(ListeningRoute.consultations(organisation: model.organisationID).url), .txt(t(.consultationsBack)))),
                .p(.txt(t(.stoppedIntro))),
                .if(model.items.items.isEmpty, .p(.txt(t(.stoppedNone)))),
                .ul(.class("cards"), .forEach(model.items.items) { item in
                    .li(.class("card"),
                        .h2(.a(.link(ListeningRoute.decision(consultation: item.decision.consultationID, decision: item.decision.id).url),
                               .txt(item.decision.subject))),
                        .p(.span(.class("tag"), .txt(ListeningWords.status(item.decision.status, t))), .text(" "),
                           .txt(t(.stoppedFrom, ["title": item.consultationTitle]))),
                        .p(.class("own-words"), .txt(item.decision.reason)))
                }),
                Components.pagination(model.items, t: t) { number in
                    SafeURL(ListeningRoute.stopped(organisation: model.organisationID).path + "?page=\(number)")
                        ?? ListeningRoute.stopped(organisation: model.organisationID).url
                }
            ))
        }
    }
}

extension ListeningWords {
    public static func verdict(_ kind: VerdictKind, _ t: Localizer) -> String {
        switch kind {
        case .confirmed: t(.verdictConfirmed)
        case .challenged: t(.verdictChallenged)
        case .overturned: t(.verdictOverturned)
        case .noEvidence: t(.verdictNoEvidence)
        }
    }

    static func verdictHint(_ kind: VerdictKind, _ t: Localizer) -> String {
        switch kind {
        case .confirmed: t(.verdictConfirmedHint)
        case .challenged: t(.verdictChallengedHint)
        case .overturned: t(.verdictOverturnedHint)
        case .noEvidence: t(.verdictNoEvidenceHint)
        }
    }

    public static func decision(_ kind: DecisionKind, _ t: Localizer) -> String {
        switch kind {
        case .keep: t(.decisionKeep)
        case .change: t(.decisionChange)
        case .stop: t(.decisionStop)
        case .start: t(.decisionStart)
        }
    }

    static func decisionHint(_ kind: DecisionKind, _ t: Localizer) -> String {
        switch kind {
        case .keep: t(.decisionKeepHint)
        case .change: t(.decisionChangeHint)
        case .stop: t(.decisionStopHint)
        case .start: t(.decisionStartHint)
        }
    }

    public static func status(_ status: DecisionStatus, _ t: Localizer) -> String {
        switch status {
        case .planned: t(.decisionPlanned)
        case .underWay: t(.decisionUnderWay)
        case .done: t(.decisionDone)
        case .dropped: t(.decisionDropped)
        }
    }
}
