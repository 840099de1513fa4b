import Fluent
import Foundation
import KanssaCore
@preconcurrency import Plot

/// A round's figures for its organisation: per subscale, the spread of scores and the change
/// from an earlier round over the people who answered both — only from five people; no one's
/// answers, ever.
public enum RoundFigures {
    public struct Comparison: Sendable, Equatable {
        public let id: UUID
        public let label: String
        public let isChosen: Bool
    }

    public struct Model: Sendable, Equatable {
        public let organisationID: UUID
        public let roundID: UUID
        public let label: String
        public let instrument: Instrument
        public let language: String
        public let submitted: Int
        public let subscales: [Rounds.SubscaleFigures]
        /// Earlier rounds of the same instrument and version, to compare with.
        public let comparisons: [Comparison]
    }

    public static func load(
        round: AssessmentRound, instrument: Instrument, compare: UUID?, language: String, cache: RoundFiguresCache? = nil,
        on database: any Database
    ) async throws -> Model {
        let earlier = try await AssessmentRound.query(on: database)
            .filter(\.$organisationID == round.organisationID).filter(\.$instrumentID == round.instrumentID)
            .filter(\.$instrumentVersion == round.instrumentVersion).filter(\.$openedAt < round.openedAt)
            .sort(\.$openedAt, .descending).all()
            .filter { $0.teamID == round.teamID }  // the same group
        let chosen = earlier.first { $0.id == compare }
        let figures = if let cache {
            try await cache.figures(round, instrument: instrument, comparedWith: chosen, on: database)
        } else {
            try await Rounds.figures(round, instrument: instrument, comparedWith: chosen, on: database)
        }
        return Model(
            organisationID: round.organisationID, roundID: try round.requireID(), label: round.label, instrument: instrument,
            language: language, submitted: figures.submitted, subscales: figures.subscales,
            comparisons: earlier.compactMap { other in
                other.id.map { Comparison(id: $0, label: other.label, isChosen: $0 == chosen?.id) }
            })
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
            let tooFew = t(.figuresTooFew, ["smallest": t.number(GroupFigures.smallestGroup)])
            return Layout.page(
                title: t(.figuresTitle, ["round": model.label]), chrome: chrome,
                content: .div(
                    .p(.a(.link(LearningRoute.rounds(organisation: model.organisationID).url), .txt(t(.roundsBack)))),
                    .p(.txt(t(.figuresIntro, ["smallest": t.number(GroupFigures.smallestGroup)], counts: ["count": model.submitted]))),
                    .if(!model.comparisons.isEmpty, .form(
                        .class("stack narrow"), .method(.get),
                        .link(LearningRoute.figures(organisation: model.organisationID, round: model.roundID).url, as: "action"),
                        Components.select(
                            name: "compare", label: t(.figuresCompare),
                            options: [.init(value: "", label: t(.figuresNoComparison), isSelected: !model.comparisons.contains(where: \.isChosen))]
                                + model.comparisons.map { .init(value: $0.id.uuidString, label: $0.label, isSelected: $0.isChosen) }),
                        Components.submit(t(.figuresShow), style: .secondary)
                    )),
                    Components.table(
                        caption: t(.figuresCaption),
                        headers: [t(.profileSubscale), t(.figuresPeople), t(.figuresMean), t(.figuresQuartiles)]
                            + (model.comparisons.contains(where: \.isChosen) ? [t(.figuresChange)] : []),
                        rows: model.subscales.map { figures in
                            var row: [Node<HTML.BodyContext>] = [.txt(instrument.text(figures.subscale.name, in: model.language))]
                            if let spread = figures.distribution {
                                row += [
                                    .txt(t.number(spread.count)),
                                    .txt(t(.figuresMeanValue, ["mean": t.decimal(spread.mean), "sd": t.decimal(spread.standardDeviation)])),
                                    .txt(t(.figuresQuartilesValue, [
                                        "low": t.decimal(spread.lowerQuartile), "median": t.decimal(spread.median),
                                        "high": t.decimal(spread.upperQuartile),
                                    ])),
                                ]
                            } else {
                                row += [.txt(tooFew), .txt("–"), .txt("–")]
                            }
                            if model.comparisons.contains(where: \.isChosen) {
                                row.append(.txt(figures.change.map { change in
                                    t(.figuresChangeValue, [
                                        "change": t.signedDecimal(change.meanDifference), "low": t.signedDecimal(change.lower),
                                        "high": t.signedDecimal(change.upper), "pairs": t.number(change.count),
                                        "effect": change.effectSize.map { t.signedDecimal($0) } ?? "–",
                                    ])
                                } ?? tooFew))
                            }
                            return row
                        }),
                    .p(.class("field__hint"), .txt(t(.figuresDefinition)))
                )
            )
        }
    }
}
