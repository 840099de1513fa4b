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
            let smallest = t.number(GroupFigures.smallestGroup)
            let tooFew = t(.figuresTooFew, ["smallest": smallest])
            let earlier = model.comparisons.first(where: \.isChosen)
            let names = model.subscales.map { instrument.text($0.subscale.name, in: model.language) }
            let rows = zip(model.subscales, names).map { figures, name in
                FiguresChart.Row(
                    name: name, spread: figures.distribution,
                    range: FiguresChart.range(of: figures.subscale, in: instrument, language: model.language)
                        ?? .init(low: 1, high: Double(instrument.scales.map(\.points).max() ?? 5), lowLabel: nil, highLabel: nil))
            }
            return Layout.page(
                title: t(.figuresTitle, ["round": model.label]), chrome: chrome,
                content: .div(
                    .p(.class("screen-only"), .a(.link(LearningRoute.rounds(organisation: model.organisationID).url), .txt(t(.roundsBack)))),
                    .p(.txt(t(.figuresIntro, ["smallest": smallest], counts: ["count": model.submitted]))),
                    .if(!model.comparisons.isEmpty, .form(
                        .class("stack narrow"), .method(.get),
                        .link(LearningRoute.figures(organisation: model.organisationID, round: model.roundID).url, as: "action"),
                        Components.select(
                            name: "compare", label: t(.figuresCompare),
                            options: [.init(value: "", label: t(.figuresNoComparison), isSelected: earlier == nil)]
                                + model.comparisons.map { .init(value: $0.id.uuidString, label: $0.label, isSelected: $0.isChosen) }),
                        Components.submit(t(.figuresShow), style: .secondary)
                    )),
                    .unwrap(scaleSentence(rows, t: t)) { .p(.txt($0)) },
                    .ul(.class("figures-sentences"), .forEach(Array(zip(rows, model.subscales))) { row, figures in
                        .li(.txt(sentence(row, t: t)), .unwrap(earlier) { earlier in
                            .txt(" " + changeSentence(figures.change, since: earlier.label, t: t))
                        })
                    }),
                    FiguresChart.spread(rows, title: t(.figuresChartTitle), t: t),
                    .unwrap(earlier) { earlier in
                        FiguresChart.change(Array(zip(names, model.subscales.map(\.change))).map { (name: $0, change: $1) },
                                            title: t(.figuresChangeChartTitle, ["earlier": earlier.label]), t: t)
                    },
                    Components.disclosure(t(.figuresTableOpen), Components.table(
                        caption: t(.figuresCaption),
                        headers: [t(.profileSubscale), t(.figuresPeople), t(.figuresMean), t(.figuresQuartiles)]
                            + (earlier != nil ? [t(.figuresChange)] : []),
                        rows: zip(model.subscales, names).map { figures, name in
                            var row: [Node<HTML.BodyContext>] = [.txt(name)]
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
                            if earlier != nil {
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
                        .p(.class("field__hint"), .txt(t(.figuresDefinition))))
                )
            )
        }

        /// What the ends of the scale mean, when every part is on the same one and it has labels.
        func scaleSentence(_ rows: [FiguresChart.Row], t: Localizer) -> String? {
            guard let range = rows.first?.range, rows.allSatisfy({ $0.range == range }),
                let lowLabel = range.lowLabel, let highLabel = range.highLabel
            else { return nil }
            return t(.figuresScaleEnds, [
                "low": t.number(Int(range.low)), "high": t.number(Int(range.high)), "lowLabel": lowLabel, "highLabel": highLabel,
            ])
        }

        /// "Openness to learning: average 3.8; the middle half of people between 3.3 and 4.3."
        func sentence(_ row: FiguresChart.Row, t: Localizer) -> String {
            guard let spread = row.spread else {
                return t(.figuresPartTooFew, ["part": row.name, "smallest": t.number(GroupFigures.smallestGroup)])
            }
            return t(.figuresPartSentence, [
                "part": row.name, "mean": t.decimal(spread.mean),
                "lowQuartile": t.decimal(spread.lowerQuartile), "highQuartile": t.decimal(spread.upperQuartile),
            ])
        }

        /// Whether a part rose, fell or did not clearly change: clear only when the 95 % interval
        /// leaves out zero.
        func changeSentence(_ change: GroupFigures.PairedChange?, since earlier: String, t: Localizer) -> String {
            guard let change else { return t(.figuresChangeTooFew, ["smallest": t.number(GroupFigures.smallestGroup)]) }
            let key: MessageKey = change.lower > 0 ? .figuresChangeRose : change.upper < 0 ? .figuresChangeFell : .figuresChangeUnclear
            return t(key, [
                "earlier": earlier, "low": t.signedDecimal(change.lower),
                "change": key == .figuresChangeUnclear ? t.signedDecimal(change.meanDifference) : t.decimal(abs(change.meanDifference)),
                "high": t.signedDecimal(change.upper),
            ], counts: ["pairs": change.count])
        }
    }
}
