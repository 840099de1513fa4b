import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// Answering a round, privately: every question with its scale, saved as a draft to finish later
/// or submitted; once submitted, the person's own profile by subscale, the change since their
/// previous round of the same instrument, and a reflective prompt for each subscale.
public enum Answering {
    public struct Model: Sendable, Equatable {
        public let roundID: UUID
        public let label: String
        public let instrument: Instrument
        public let language: String
        public let isOpen: Bool
        public var answers: [String: Int]
        public let submittedAt: Date?
        /// The person's scores, once submitted.
        public let scores: [Instrument.SubscaleScore]
        /// Their scores in their previous round of the same instrument.
        public let earlier: EarlierRound?
        /// One question per screen: the number of the question shown (from 1), or nil for all at once.
        public var step: Int?
        public var errors: [FieldError] = []
        public var notice: Notice?

        /// The first question not answered yet (from 1), to resume at; the last when all are.
        public var resumeStep: Int {
            (instrument.items.firstIndex { answers[$0.id] == nil } ?? (instrument.items.count - 1)) + 1
        }
    }

    /// From this many questions an instrument is long: the page offers one question per screen.
    public static let longInstrument = 10

    /// A person's own scores in an earlier round, to show their change.
    public struct EarlierRound: Sendable, Equatable {
        public let label: String
        public let scores: [Instrument.SubscaleScore]
    }

    /// Three queries: the person's answers here, their earlier rounds of this instrument, and
    /// their answers there.
    public static func load(
        round: AssessmentRound, instrument: Instrument, accountID: UUID, language: String, now: Date, on database: any Database
    ) async throws -> Model {
        let roundID = try round.requireID()
        let mine = try await Rounds.answers(of: accountID, in: roundID, on: database)
        let earlierRounds = try await AssessmentRound.query(on: database)
            .filter(\.$organisationID == round.organisationID).filter(\.$instrumentID == round.instrumentID)
            .filter(\.$instrumentVersion == round.instrumentVersion).filter(\.$openedAt < round.openedAt)
            .sort(\.$openedAt, .descending).all()
        let earlierAnswers = try await AssessmentAnswer.query(on: database).filter(\.$accountID == accountID)
            .filter(\.$roundID ~~ earlierRounds.compactMap(\.id)).filter(\.$submittedAt != nil).all()
        let previous = earlierRounds.first { round in earlierAnswers.contains { $0.roundID == round.id } }
        let earlier = previous.flatMap { round in
            earlierAnswers.first { $0.roundID == round.id }.map { EarlierRound(label: round.label, scores: instrument.score($0.values)) }
        }
        let submitted = mine?.submittedAt
        return Model(
            roundID: roundID, label: round.label, instrument: instrument, language: language, isOpen: round.closesAt > now,
            answers: mine?.values ?? [:], submittedAt: submitted,
            scores: submitted == nil ? [] : instrument.score(mine?.values ?? [:]), earlier: earlier)
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
            let instrument = model.instrument
            return Layout.page(
                title: model.label, chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.a(.link(LearningRoute.myRounds.url), .txt(t(.myLearningTitle)))),
                    .h2(.txt(instrument.text(instrument.title, in: model.language))),
                    // One question per screen: the introduction comes once, before the first.
                    .if((model.step ?? 1) <= 1, .group(
                        .unwrap(instrument.intro) { .p(.txt(instrument.text($0, in: model.language))) },
                        .p(.txt(t(.answeringPrivate))))),
                    .if(!model.scores.isEmpty && model.step == nil, profile),
                    .if(model.isOpen && model.step == nil && model.instrument.items.count >= Answering.longInstrument, .p(
                        .class("step-link"),
                        .a(.link(LearningRoute.roundStep(model.roundID, step: model.resumeStep).url), .txt(t(.answeringOneAtATime))))),
                    .if(model.isOpen && model.step == nil, form),
                    .unwrap(model.step) { step in model.isOpen ? stepForm(step) : .empty },
                    .if(!model.isOpen, .p(.txt(t(.roundClosed))))
                )
            )
        }

        private var profile: Node<HTML.BodyContext> {
            let t = chrome.t
            let instrument = model.instrument
            return .section(
                .h2(.txt(t(.profileHeading))),
                Components.table(
                    caption: t(.profileCaption, ["points": t.number(instrument.scales.map(\.points).max() ?? 0)]),
                    headers: [t(.profileSubscale), t(.profileScore)] + (model.earlier.map { [t(.profileEarlier, ["round": $0.label])] } ?? []),
                    rows: zip(instrument.subscales, model.scores).map { subscale, score in
                        var row: [Node<HTML.BodyContext>] = [
                            .txt(instrument.text(subscale.name, in: model.language)),
                            .txt(score.value.map { t.decimal($0) } ?? t(.profileTooFew)),
                        ]
                        if let earlier = model.earlier {
                            let before = earlier.scores.first { $0.subscale == subscale.id }?.value
                            row.append(.txt(before.map { before in
                                t(.profileChange, ["before": t.decimal(before), "change": score.value.map { t.signedDecimal($0 - before) } ?? "–"])
                            } ?? "–"))
                        }
                        return row
                    }),
                .h3(.txt(t(.profilePromptsHeading))),
                .ul(.forEach(instrument.subscales.filter { $0.prompt != nil }) { subscale in
                    .li(.strong(.txt(instrument.text(subscale.name, in: model.language) + ": ")),
                        .txt(subscale.prompt.map { instrument.text($0, in: model.language) } ?? ""))
                })
            )
        }

        /// One question, with where it stands and buttons to go back, on, or stop for now. Each
        /// move saves the answer given, so the person can leave at any question and come back.
        private func stepForm(_ step: Int) -> Node<HTML.BodyContext> {
            let t = chrome.t
            let instrument = model.instrument
            let index = min(max(step, 1), instrument.items.count) - 1
            let item = instrument.items[index]
            let answered = instrument.items.filter { model.answers[$0.id] != nil }.count
            let isLast = index == instrument.items.count - 1
            return .form(
                .class("stack narrow"), .method(.post), .link(LearningRoute.round(model.roundID).url, as: "action"),
                .attribute(named: "novalidate"),
                Components.csrfField(chrome.csrfToken),
                .input(.type(.hidden), .name("step"), .safe("value", String(index + 1))),
                .p(.class("progress"), .id("step-progress"),
                   .txt(t(.answeringStep, ["number": t.number(index + 1), "items": t.number(instrument.items.count),
                                           "answered": t.number(answered)]))),
                .element(named: "progress", nodes: [
                    .safe("value", String(answered)), .safe("max", String(instrument.items.count)),
                    .safe("aria-labelledby", "step-progress"),
                ]),
                question(item, number: index + 1),
                .div(
                    .class("button-row"),
                    .button(.type(.submit), .attribute(named: "name", value: "move"), .attribute(named: "value", value: isLast ? "send" : "next"),
                            .class("button button--primary"),
                            .txt(isLast ? t(model.submittedAt == nil ? .answeringSubmit : .answeringResubmit) : t(.answeringNext))),
                    // After the forward button, so that Enter moves on rather than back.
                    .if(index > 0, .button(.type(.submit), .attribute(named: "name", value: "move"), .attribute(named: "value", value: "back"),
                                           .class("button button--secondary"), .txt(t(.answeringBack)))),
                    .button(.type(.submit), .attribute(named: "name", value: "move"), .attribute(named: "value", value: "later"),
                            .class("button button--link"), .txt(t(.answeringSaveDraft)))
                ),
                .p(.a(.link(LearningRoute.round(model.roundID).url), .txt(t(.answeringAllAtOnce))))
            )
        }

        private func question(_ item: Instrument.Item, number: Int) -> Node<HTML.FormContext> {
            InstrumentForm.question(item, number: number, of: model.instrument, language: model.language, selected: model.answers[item.id],
                                    error: model.errors.message(for: "item-\(item.id)"), chrome.t)
        }

        private var form: Node<HTML.BodyContext> {
            let t = chrome.t
            let instrument = model.instrument
            let answered = instrument.items.filter { model.answers[$0.id] != nil }.count
            return .form(
                .class("stack narrow"), .method(.post), .link(LearningRoute.round(model.roundID).url, as: "action"),
                .attribute(named: "novalidate"),
                Components.csrfField(chrome.csrfToken),
                .p(.class("progress"), .txt(t(.answeringProgress, ["answered": t.number(answered), "items": t.number(instrument.items.count)]))),
                .forEach(Array(instrument.items.enumerated())) { index, item in question(item, number: index + 1) },
                .div(
                    .class("button-row"),
                    .button(.type(.submit), .attribute(named: "name", value: "submit"), .attribute(named: "value", value: "no"),
                            .class("button button--secondary"), .txt(t(.answeringSaveDraft))),
                    .button(.type(.submit), .attribute(named: "name", value: "submit"), .attribute(named: "value", value: "yes"),
                            .class("button button--primary"), .txt(t(model.submittedAt == nil ? .answeringSubmit : .answeringResubmit)))
                )
            )
        }
    }
}
