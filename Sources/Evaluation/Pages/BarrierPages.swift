import Foundation
import KanssaCore
import Listening
@preconcurrency import Plot

/// The barrier register's pages: the list with the form to record a barrier, and one barrier
/// with its evidence as it stands today, its actions and its reviews.
public enum BarrierPages {
    public struct ListModel: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let showing: Barriers.Showing
        public let barriers: Paged<Barriers.Summary>
        public let owners: [Barriers.Person]
        public let teams: [Barriers.Place]
        public var draft = Barriers.Draft()
        public var errors: [FieldError] = []

        public init(organisationID: UUID, organisationName: String, showing: Barriers.Showing, barriers: Paged<Barriers.Summary>,
                    owners: [Barriers.Person], teams: [Barriers.Place]) {
            self.organisationID = organisationID
            self.organisationName = organisationName
            self.showing = showing
            self.barriers = barriers
            self.owners = owners
            self.teams = teams
        }
    }

    public struct ListView {
        let model: ListModel
        let chrome: Chrome

        public init(model: ListModel, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: t(.barriersTitle, ["organisation": model.organisationName]), chrome: chrome, errors: model.errors,
                content: .div(
                    .p(.txt(t(.barriersIntro))),
                    .nav(.safe("aria-label", t(.barriersShowingLabel)), .ul(.class("inline-list"),
                        .forEach(Barriers.Showing.allCases) { showing in
                            .li(showing == model.showing
                                ? .strong(.attribute(named: "aria-current", value: "page"), .txt(BarrierWords.showing(showing, t)))
                                : .a(.link(EvaluationRoute.barriers(organisation: model.organisationID, showing: showing).url),
                                     .txt(BarrierWords.showing(showing, t))))
                        }
                    )),
                    .if(model.barriers.items.isEmpty, .p(.txt(t(.barriersNone)))),
                    .ul(.class("cards"), .forEach(model.barriers.items) { barrier in
                        .li(.class("card"),
                            .h2(.a(.link(EvaluationRoute.barrier(organisation: model.organisationID, barrier: barrier.id).url), .txt(barrier.title))),
                            .p(.span(.class("tag"), .txt(BarrierWords.status(barrier.status, t))), .text(" "),
                               .txt(BarrierWords.kindWithNature(barrier.kind, t))),
                            .dl(
                                .class("facts"),
                                .dt(.txt(t(.barrierWhere))), .dd(.txt(BarrierWords.place(team: barrier.team, service: barrier.service, t))),
                                .dt(.txt(t(.barrierOwnerField))), .dd(.txt(barrier.owner)),
                                .unwrap(barrier.nextDue) { due in .group(.dt(.txt(t(.barrierNextDue))), .dd(.txt(t.day(due)))) }
                            ))
                    }),
                    Components.pagination(model.barriers, t: t) {
                        EvaluationRoute.barriers(organisation: model.organisationID, showing: model.showing, page: $0).url
                    },
                    Components.disclosure(
                        t(.barrierNewHeading), open: !model.errors.isEmpty,
                        BarrierForms.details(
                            action: EvaluationRoute.barriers(organisation: model.organisationID).url, draft: model.draft,
                            owners: model.owners, teams: model.teams, errors: model.errors, save: t(.barrierRecord), chrome: chrome)
                    )
                )
            )
        }
    }

    /// One barrier, for those who follow it; the forms that change it, with what was typed and
    /// what was wrong when one was refused.
    public struct RecordModel: Sendable, Equatable {
        public let record: BarrierRecord.Model
        public let choices: BarrierEvidenceLinks.Choices
        public let owners: [Barriers.Person]
        public let teams: [Barriers.Place]
        /// Whether the person keeps the register (and so may change what the barrier is).
        public let mayChange: Bool
        public var draft: Barriers.Draft
        public var typed: [String: String] = [:]
        public var errors: [FieldError] = []
        public var notice: Notice?

        public init(record: BarrierRecord.Model, choices: BarrierEvidenceLinks.Choices, owners: [Barriers.Person], teams: [Barriers.Place],
                    mayChange: Bool) {
            self.record = record
            self.choices = choices
            self.owners = owners
            self.teams = teams
            self.mayChange = mayChange
            self.draft = Barriers.Draft(title: record.title, description: record.description, kind: record.kind.rawValue,
                                        team: record.teamID?.uuidString ?? "", service: record.service, owner: record.ownerID.uuidString)
        }
    }

    public struct RecordView {
        let model: RecordModel
        let chrome: Chrome

        public init(model: RecordModel, chrome: Chrome) {
            self.model = model
            self.chrome = chrome
        }

        private var record: BarrierRecord.Model { model.record }
        private func error(_ field: String) -> String? { model.errors.first { $0.field == field }?.message }
        private func route(_ make: (UUID, UUID) -> EvaluationRoute) -> SafeURL { make(record.organisationID, record.id).url }

        public func render() -> HTML {
            let t = chrome.t
            return Layout.page(
                title: record.title, chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    // The owner follows their barrier; the whole register is its keepers'.
                    .if(model.mayChange, .p(.a(.link(EvaluationRoute.barriers(organisation: record.organisationID).url),
                                               .txt(t(.barrierBack, ["organisation": record.organisationName]))))),
                    .dl(
                        .class("facts"),
                        .dt(.txt(t(.barrierStatus))), .dd(.strong(.txt(BarrierWords.status(record.status, t)))),
                        .dt(.txt(t(.barrierKindField))), .dd(.txt(BarrierWords.kindWithNature(record.kind, t))),
                        .dt(.txt(t(.barrierWhere))), .dd(.txt(BarrierWords.place(team: record.team, service: record.service, t))),
                        .dt(.txt(t(.barrierOwnerField))), .dd(.txt(record.owner)),
                        .dt(.txt(t(.barrierRecordedBy))), .dd(.txt(t(.barrierRecordedValue, ["name": record.recordedBy, "date": t.date(record.recordedAt)])))
                    ),
                    .p(.class("own-words"), .txt(record.description)),
                    evidence,
                    actions,
                    reviews,
                    .if(model.mayChange, .section(
                        .h2(.txt(t(.barrierChangeHeading))),
                        Components.disclosure(
                            t(.barrierChangeOpen), open: BarrierForms.detailFields.contains { error($0) != nil },
                            BarrierForms.details(
                                action: route { .barrier(organisation: $0, barrier: $1) }, draft: model.draft, owners: model.owners,
                                teams: model.teams, errors: model.errors, save: t(.barrierChangeSave), chrome: chrome))
                    ))
                )
            )
        }

        // MARK: Evidence

        private var evidence: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.barrierEvidenceHeading))),
                .p(.class("field__hint"), .txt(t(.barrierEvidenceIntro))),
                .if(record.evidence.isEmpty, .p(.txt(t(.barrierEvidenceNone)))),
                .ul(.class("cards"), .forEach(record.evidence) { item in
                    .li(.class("card"),
                        BarrierFigureWords.figure(item.figure, t),
                        .p(.class("field__hint"), .txt(t(.barrierAddedBy, ["name": item.addedBy, "date": t.date(item.addedAt)]))),
                        Components.postButton(
                            action: EvaluationRoute.barrierEvidenceRemoval(organisation: record.organisationID, barrier: record.id, evidence: item.id).url,
                            csrfToken: chrome.csrfToken, label: t(.barrierEvidenceRemove))
                    )
                }),
                linkForms
            )
        }

        private var linkForms: Node<HTML.BodyContext> {
            let t = chrome.t
            let choices = model.choices
            let action = route { .barrierEvidence(organisation: $0, barrier: $1) }
            let typed = model.typed
            return .div(
                .if(!choices.pulses.isEmpty, Components.disclosure(
                    t(.evidencePulseOpen), open: error("pulse") != nil || error("pulse-team") != nil,
                    form(action, kind: .pulse, t(.evidenceLink),
                         Components.select(name: "pulse", label: t(.evidencePulseField), options: choices.pulses.map {
                             .init(value: $0.value, label: t(.evidencePulseChoice, ["pulse": $0.label, "condition": $0.condition]),
                                   isSelected: typed["pulse"] == $0.value)
                         }, error: error("pulse")),
                         Components.select(name: "pulse-team", label: t(.evidencePulseTeamField),
                                           options: [.init(value: "", label: t(.pulseWholeGroup), isSelected: (typed["pulse-team"] ?? "").isEmpty)]
                                               + choices.teams.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: typed["pulse-team"] == $0.id.uuidString) },
                                           error: error("pulse-team"))))),
                .if(!choices.teams.isEmpty, Components.disclosure(
                    t(.evidenceStaffOpen), open: error("staff-team") != nil,
                    form(action, kind: .staff, t(.evidenceLink),
                         Components.select(name: "staff-team", label: t(.evidenceStaffField), options: choices.teams.map {
                             .init(value: $0.id.uuidString, label: $0.name, isSelected: typed["staff-team"] == $0.id.uuidString)
                         }, error: error("staff-team"))))),
                .if(!choices.themes.isEmpty, Components.disclosure(
                    t(.evidenceThemeOpen), open: error("theme") != nil,
                    form(action, kind: .theme, t(.evidenceLink),
                         Components.select(name: "theme", label: t(.evidenceThemeField), options: choices.themes.map {
                             .init(value: $0.id.uuidString, label: t(.evidenceInConsultation, ["name": $0.name, "consultation": $0.consultation]),
                                   isSelected: typed["theme"] == $0.id.uuidString)
                         }, error: error("theme"))))),
                .if(!choices.decisions.isEmpty, Components.disclosure(
                    t(.evidenceDecisionOpen), open: error("decision") != nil,
                    form(action, kind: .decision, t(.evidenceLink),
                         Components.select(name: "decision", label: t(.evidenceDecisionField), options: choices.decisions.map {
                             .init(value: $0.id.uuidString, label: t(.evidenceInConsultation, ["name": $0.name, "consultation": $0.consultation]),
                                   isSelected: typed["decision"] == $0.id.uuidString)
                         }, error: error("decision"))))),
                Components.disclosure(
                    t(.evidenceNoteOpen), open: error("note") != nil,
                    form(action, kind: .note, t(.evidenceNoteSave),
                         Components.textArea(name: "note", label: t(.evidenceNoteField), value: typed["note"] ?? "", error: error("note"),
                                             maxLength: Barriers.longestText)))
            )
        }

        private func form(_ action: SafeURL, kind: EvidenceKind, _ save: String, _ fields: Node<HTML.FormContext>...) -> Node<HTML.BodyContext> {
            .form(
                .class("stack narrow"), .method(.post), .safe("action", action.value),
                Components.csrfField(chrome.csrfToken),
                .input(.type(.hidden), .name("kind"), .safe("value", kind.rawValue)),
                .group(fields),
                Components.submit(save, style: .secondary)
            )
        }

        // MARK: Actions

        private var actions: Node<HTML.BodyContext> {
            let t = chrome.t
            return .section(
                .h2(.txt(t(.barrierActionsHeading))),
                .if(record.actions.isEmpty, .p(.txt(t(.barrierActionsNone)))),
                .ul(.class("action-list"), .forEach(record.actions) { action in
                    .li(
                        .p(.class("action__text"), .txt(action.text)),
                        .p(.class("field__hint"), .txt(action.doneAt.map { t(.barrierActionDoneOn, ["date": t.date($0), "name": action.doneBy ?? ""]) }
                            ?? t(.barrierActionDue, ["date": t.day(action.dueOn)]))),
                        .if(action.doneAt == nil, Components.postButton(
                            action: EvaluationRoute.barrierActionDone(organisation: record.organisationID, barrier: record.id, action: action.id).url,
                            csrfToken: chrome.csrfToken, label: t(.barrierActionMarkDone)))
                    )
                }),
                Components.disclosure(
                    t(.barrierActionAdd), open: error("action-text") != nil || error("action-due") != nil,
                    .form(
                        .class("stack narrow"), .method(.post), .safe("action", route { .barrierActions(organisation: $0, barrier: $1) }.value),
                        Components.csrfField(chrome.csrfToken),
                        Components.textField(name: "action-text", label: t(.barrierActionText), value: model.typed["action-text"] ?? "",
                                             error: error("action-text"), maxLength: Barriers.longestTitle),
                        Components.textField(name: "action-due", label: t(.barrierActionDueField), value: model.typed["action-due"] ?? "",
                                             type: .date, error: error("action-due")),
                        Components.submit(t(.barrierActionSave), style: .secondary)
                    ))
            )
        }

        // MARK: Reviews

        private var reviews: Node<HTML.BodyContext> {
            let t = chrome.t
            let typedStatus = model.typed["review-status"] ?? record.status.rawValue
            return .section(
                .h2(.txt(t(.barrierReviewsHeading))),
                .if(record.reviews.isEmpty, .p(.txt(t(.barrierReviewsNone)))),
                .ol(.class("action-list"), .forEach(record.reviews) { review in
                    .li(
                        .p(.strong(.txt(BarrierWords.status(review.status, t))), .txt(" – " + t(.barrierAddedBy, ["name": review.by, "date": t.date(review.at)]))),
                        .p(.class("own-words"), .txt(review.note))
                    )
                }),
                Components.disclosure(
                    t(.barrierReviewAdd), open: error("review-status") != nil || error("review-note") != nil,
                    .form(
                        .class("stack narrow"), .method(.post), .safe("action", route { .barrierReviews(organisation: $0, barrier: $1) }.value),
                        Components.csrfField(chrome.csrfToken),
                        Components.radios(name: "review-status", legend: t(.barrierReviewStatus), options: BarrierStatus.allCases.map {
                            .init(value: $0.rawValue, label: BarrierWords.status($0, t), isSelected: typedStatus == $0.rawValue,
                                  hint: BarrierWords.statusHint($0, t))
                        }, error: error("review-status")),
                        Components.textArea(name: "review-note", label: t(.barrierReviewNote), value: model.typed["review-note"] ?? "",
                                            hint: t(.barrierReviewNoteHint), error: error("review-note"), maxLength: Barriers.longestText),
                        Components.submit(t(.barrierReviewSave), style: .secondary)
                    ))
            )
        }
    }
}

/// The form for what a barrier is, to record one and to change one.
enum BarrierForms {
    static let detailFields = Barriers.Problem.allCases.map(\.rawValue)

    static func details(
        action: SafeURL, draft: Barriers.Draft, owners: [Barriers.Person], teams: [Barriers.Place], errors: [FieldError], save: String,
        chrome: Chrome
    ) -> Node<HTML.BodyContext> {
        let t = chrome.t
        let error: (Barriers.Problem) -> String? = { problem in errors.first { $0.field == problem.rawValue }?.message }
        return .form(
            .class("stack narrow"), .method(.post), .safe("action", action.value),
            Components.csrfField(chrome.csrfToken),
            Components.textField(name: "title", label: t(.barrierTitleField), value: draft.title, hint: t(.barrierTitleHint),
                                 error: error(.title), maxLength: Barriers.longestTitle),
            Components.textArea(name: "description", label: t(.barrierDescriptionField), value: draft.description,
                                hint: t(.barrierDescriptionHint), error: error(.description), maxLength: Barriers.longestText),
            Components.select(name: "kind", label: t(.barrierKindField), options: BarrierKind.allCases.map {
                .init(value: $0.rawValue, label: BarrierWords.kindWithNature($0, t), isSelected: draft.kind == $0.rawValue)
            }, error: error(.kind)),
            Components.select(name: "team", label: t(.barrierTeamField),
                              options: [.init(value: "", label: t(.barrierWholeOrganisation), isSelected: draft.team.isEmpty)]
                                  + teams.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: draft.team == $0.id.uuidString) },
                              error: error(.team)),
            Components.textField(name: "service", label: t(.barrierServiceField), value: draft.service, hint: t(.barrierServiceHint),
                                 error: error(.service), required: false, maxLength: Barriers.longestService),
            Components.select(name: "owner", label: t(.barrierOwnerField),
                              options: [.init(value: "", label: t(.barrierOwnerChoose), isSelected: draft.owner.isEmpty)]
                                  + owners.map { .init(value: $0.id.uuidString, label: $0.name, isSelected: draft.owner == $0.id.uuidString) },
                              error: error(.owner)),
            Components.submit(save)
        )
    }
}

/// The words for a barrier's kind, status and place.
public enum BarrierWords {
    public static func kind(_ kind: BarrierKind, _ t: Localizer) -> String {
        switch kind {
        case .workload: t(.barrierKindWorkload)
        case .fragmentedTeams: t(.barrierKindFragmentedTeams)
        case .turnover: t(.barrierKindTurnover)
        case .otherStructural, .otherCultural: t(.barrierKindOther)
        case .morale: t(.barrierKindMorale)
        case .ethics: t(.barrierKindEthics)
        case .openness: t(.barrierKindOpenness)
        }
    }

    /// "Structural: workload", as the form offers it and the page names it.
    public static func kindWithNature(_ kind: BarrierKind, _ t: Localizer) -> String {
        t(kind.nature == .structural ? .barrierStructural : .barrierCultural, ["kind": Self.kind(kind, t)])
    }

    public static func status(_ status: BarrierStatus, _ t: Localizer) -> String {
        switch status {
        case .open: t(.barrierStatusOpen)
        case .beingAddressed: t(.barrierStatusBeingAddressed)
        case .resolved: t(.barrierStatusResolved)
        case .accepted: t(.barrierStatusAccepted)
        }
    }

    static func statusHint(_ status: BarrierStatus, _ t: Localizer) -> String {
        switch status {
        case .open: t(.barrierStatusOpenHint)
        case .beingAddressed: t(.barrierStatusBeingAddressedHint)
        case .resolved: t(.barrierStatusResolvedHint)
        case .accepted: t(.barrierStatusAcceptedHint)
        }
    }

    static func showing(_ showing: Barriers.Showing, _ t: Localizer) -> String {
        switch showing {
        case .current: t(.barriersShowingCurrent)
        case .settled: t(.barriersShowingSettled)
        case .all: t(.barriersShowingAll)
        }
    }

    static func place(team: String?, service: String, _ t: Localizer) -> String {
        let parts = [team, service.isEmpty ? nil : service].compactMap { $0 }
        return parts.isEmpty ? t(.barrierWholeOrganisation) : parts.joined(separator: " · ")
    }
}

/// What a piece of evidence says today, in words.
enum BarrierFigureWords {
    static func figure(_ figure: BarrierRecord.Figure, _ t: Localizer) -> Node<HTML.BodyContext> {
        switch figure {
        case .pulse(let trend):
            let scope = trend.team ?? t(.pulseWholeGroup)
            return .group(
                .p(.strong(.txt(t(.evidencePulseHeading, ["pulse": trend.label, "condition": trend.condition, "scope": scope])))),
                .p(.txt(trend.latest.map { latest in
                    t(.evidencePulseLatest, ["mean": t.decimal(latest.point.mean), "lower": t.decimal(latest.point.lower),
                                             "upper": t.decimal(latest.point.upper), "date": t.date(latest.opensAt)],
                      counts: ["people": latest.point.count])
                } ?? t(.evidencePulseNothingYet))),
                .unwrap(trend.previous) { previous in
                    .p(.txt(sentence(trend, previous: previous, t)))
                }
            )
        case .staff(let staff):
            let share: (Double?) -> String = { value in value.map { t(.staffChangesShare, ["share": t.decimal($0 * 100)]) } ?? t(.staffChangesNone) }
            let line: (StaffChanges.Period, StaffChanges.Figures) -> String = { period, figures in
                t(.evidenceStaffLine, ["quarter": period.isCurrent ? t(.staffChangesQuarterNow, ["date": t.day(period.firstDay)])
                                        : t(.staffChangesQuarter, ["date": t.day(period.firstDay)]),
                                       "turnover": share(figures.turnover), "stability": share(figures.stability)],
                  counts: ["left": figures.left, "joined": figures.joined])
            }
            return .group(
                .p(.strong(.txt(t(.evidenceStaffHeading, ["team": staff.team])))),
                .p(.txt(line(staff.current.period, staff.current.figures))),
                .p(.txt(line(staff.previous.period, staff.previous.figures)))
            )
        case .theme(let theme):
            return .group(
                .p(.strong(.txt(t(.evidenceThemeHeading, ["name": theme.name, "consultation": theme.consultation])))),
                .p(.txt(theme.answers >= GroupFigures.smallestGroup ? t(.evidenceThemeAnswers, counts: ["answers": theme.answers])
                        : t(.evidenceThemeFew)))
            )
        case .decision(let decision):
            return .group(
                .p(.strong(.txt(t(.evidenceDecisionHeading, ["kind": ListeningWords.decision(decision.kind, t), "subject": decision.subject,
                                                             "consultation": decision.consultation])))),
                .p(.txt(t(.evidenceDecisionStatus, ["status": ListeningWords.status(decision.status, t), "date": t.day(decision.dueOn)])))
            )
        case .note(let note):
            return .p(.class("own-words"), .txt(note))
        case .gone:
            return .p(.txt(t(.evidenceGone)))
        }
    }

    private static func sentence(_ trend: BarrierRecord.PulseTrend, previous: BarrierRecord.PulseTrend.Dated, _ t: Localizer) -> String {
        guard let latest = trend.latest else { return "" }
        return PulseWords.change(trend.condition, from: previous.point, on: previous.opensAt, to: latest.point, on: latest.opensAt, t)
    }
}
