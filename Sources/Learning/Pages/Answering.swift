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
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

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
                title: model.label, chrome: chrome, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    Components.errorSummary(model.errors, title: t(.formHasProblems)),
                    .p(.a(.link(LearningRoute.myRounds.url), .txt(t(.myRoundsTitle)))),
                    .h2(.txt(instrument.text(instrument.title, in: model.language))),
                    .unwrap(instrument.intro) { .p(.txt(instrument.text($0, in: model.language))) },
                    .p(.txt(t(.answeringPrivate))),
                    .if(!model.scores.isEmpty, profile),
                    .if(model.isOpen, form),
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

        private var form: Node<HTML.BodyContext> {
            let t = chrome.t
            let instrument = model.instrument
            let answered = instrument.items.filter { model.answers[$0.id] != nil }.count
            return .form(
                .class("stack narrow"), .method(.post), .link(LearningRoute.round(model.roundID).url, as: "action"),
                .attribute(named: "novalidate"),
                Components.csrfField(chrome.csrfToken),
                .p(.class("progress"), .txt(t(.answeringProgress, ["answered": t.number(answered), "items": t.number(instrument.items.count)]))),
                .forEach(Array(instrument.items.enumerated())) { index, item in
                    let scale = instrument.scale(of: item)
                    let labels = scale.map { $0.labels[model.language] ?? $0.labels[instrument.languages[0]] ?? [] } ?? []
                    return Components.radios(
                        name: "item-\(item.id)",
                        legend: t(.answeringQuestion, ["number": t.number(index + 1), "text": instrument.text(item.text, in: model.language)]),
                        hint: item.easyRead.map { t(.answeringEasyRead, ["text": instrument.text($0, in: model.language)]) },
                        options: labels.enumerated().map { point, label in
                            .init(value: String(point + 1), label: label, isSelected: model.answers[item.id] == point + 1)
                        },
                        error: model.errors.message(for: "item-\(item.id)"))
                },
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
