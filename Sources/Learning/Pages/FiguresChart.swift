import Foundation
import KanssaCore
@preconcurrency import Plot

/// A round's figures drawn on the server (SVG: no script) on the questionnaire's own scale: per
/// part a bar for the middle half of people, a line at the median and a dot at the average; and,
/// against an earlier round, each part's change with its 95 % interval around a line at "no
/// change". The table beside it holds the same figures for anyone who does not see the chart.
enum FiguresChart {
    static let width = 320.0
    static let side = 12.0
    static let rowHeight = 40.0
    static let axisHeight = 30.0

    /// Where a part's scores can lie, and what its ends mean on the questionnaire.
    struct Range: Equatable {
        let low: Double
        let high: Double
        let lowLabel: String?
        let highLabel: String?
    }

    /// The range of a part's score: a mean of answers lies on the answers' scale, a sum on the
    /// scale times the number of items. Nil when the part's items use scales of different lengths.
    static func range(of subscale: Instrument.Subscale, in instrument: Instrument, language: String) -> Range? {
        let scales = instrument.items(in: subscale).compactMap { instrument.scale(of: $0) }
        guard let scale = scales.first, scales.allSatisfy({ $0.points == scale.points }) else { return nil }
        let labels = scale.labels[language] ?? scale.labels["en"]
        switch subscale.scoring {
        case .mean:
            return Range(low: 1, high: Double(scale.points), lowLabel: labels?.first, highLabel: labels?.last)
        case .sum:
            return Range(low: Double(scales.count), high: Double(scales.count * scale.points), lowLabel: nil, highLabel: nil)
        }
    }

    struct Row {
        let name: String
        let spread: GroupFigures.Distribution?
        let range: Range
    }

    /// This round's spread on each part. Parts on different scales each get their own axis
    /// labels at their row's ends; the common case (all on 1 to 5) has one axis below.
    static func spread(_ rows: [Row], title: String, t: Localizer) -> Node<HTML.BodyContext> {
        let shared = rows.allSatisfy { $0.range == rows.first?.range }
        var nodes = frame(id: "figures-spread", rows: rows.count)
        for (index, row) in rows.enumerated() {
            let top = Double(index) * rowHeight
            let x = { (value: Double) in side + (value - row.range.low) / (row.range.high - row.range.low) * (width - 2 * side) }
            nodes.append(text(row.name, x: side, y: top + 13))
            nodes.append(line(x1: side, x2: width - side, y1: top + 26, y2: top + 26, class: "grid"))
            if let spread = row.spread {
                nodes.append(.element(named: "rect", nodes: [
                    .attribute(named: "class", value: "middle-half"), .safe("x", format(x(spread.lowerQuartile))),
                    .safe("y", format(top + 19)), .safe("width", format(max(2, x(spread.upperQuartile) - x(spread.lowerQuartile)))),
                    .attribute(named: "height", value: "14"),
                ]))
                nodes.append(line(x1: x(spread.median), x2: x(spread.median), y1: top + 17, y2: top + 35, class: "median"))
                nodes.append(.element(named: "circle", nodes: [
                    .attribute(named: "class", value: "mean"), .safe("cx", format(x(spread.mean))), .safe("cy", format(top + 26)),
                    .attribute(named: "r", value: "4"),
                ]))
            } else {
                nodes.append(text(t(.figuresChartTooFew), x: width / 2, y: top + 30, anchor: "middle"))
            }
            if !shared {
                nodes.append(text(t.number(Int(row.range.low)), x: side, y: top + 38))
                nodes.append(text(t.number(Int(row.range.high)), x: width - side, y: top + 38, anchor: "end"))
            }
        }
        if shared, let range = rows.first?.range {
            let bottom = Double(rows.count) * rowHeight
            let steps = Int(range.high - range.low)
            for step in 0...max(steps, 0) where steps <= 10 {
                let value = range.low + Double(step)
                let x = side + Double(step) / Double(max(steps, 1)) * (width - 2 * side)
                nodes.append(line(x1: x, x2: x, y1: bottom - 4, y2: bottom + 2, class: "grid"))
                nodes.append(text(t.number(Int(value)), x: x, y: bottom + 14, anchor: "middle"))
            }
        }
        return figure(id: "figures-spread", caption: title, svg: nodes)
    }

    /// Each part's change against an earlier round: a dot at the average change, a whisker for
    /// its 95 % interval, on an axis centred on no change.
    static func change(_ rows: [(name: String, change: GroupFigures.PairedChange?)], title: String, t: Localizer) -> Node<HTML.BodyContext> {
        let furthest = rows.compactMap(\.change).flatMap { [abs($0.lower), abs($0.upper)] }.max() ?? 1
        let reach = max(1, (furthest * 2).rounded(.up) / 2)  // whole or half points
        let x = { (value: Double) in width / 2 + value / reach * (width / 2 - side) }
        var nodes = frame(id: "figures-change", rows: rows.count)
        let bottom = Double(rows.count) * rowHeight
        nodes.append(line(x1: x(0), x2: x(0), y1: 0, y2: bottom, class: "zero"))
        for (index, row) in rows.enumerated() {
            let top = Double(index) * rowHeight
            nodes.append(text(row.name, x: side, y: top + 13))
            if let change = row.change {
                nodes.append(line(x1: x(change.lower), x2: x(change.upper), y1: top + 26, y2: top + 26, class: "interval"))
                for end in [change.lower, change.upper] {
                    nodes.append(line(x1: x(end), x2: x(end), y1: top + 21, y2: top + 31, class: "interval"))
                }
                nodes.append(.element(named: "circle", nodes: [
                    .attribute(named: "class", value: "mean"), .safe("cx", format(x(change.meanDifference))),
                    .safe("cy", format(top + 26)), .attribute(named: "r", value: "4"),
                ]))
            } else {
                nodes.append(text(t(.figuresChartTooFew), x: width / 2, y: top + 30, anchor: "middle"))
            }
        }
        for value in [-reach, 0, reach] {
            nodes.append(text(value == 0 ? t.number(0) : t.signedDecimal(value), x: x(value), y: bottom + 14, anchor: value < 0 ? "start" : value > 0 ? "end" : "middle"))
        }
        return figure(id: "figures-change", caption: title, svg: nodes)
    }

    /// The chart with its caption in sight, which also names it to a screen reader.
    static func figure(id: String, caption: String, svg: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        .element(named: "figure", nodes: [
            .class("figures-figure"),
            .element(named: "figcaption", nodes: [.safe("id", id), .txt(caption)]),
            .element(named: "svg", nodes: svg),
        ])
    }

    static func frame(id: String, rows: Int) -> [Node<HTML.BodyContext>] {
        [
            .safe("viewBox", "0 0 \(Int(width)) \(Int(Double(rows) * rowHeight + axisHeight))"),
            .attribute(named: "role", value: "img"),
            .safe("aria-labelledby", id),
            .attribute(named: "class", value: "figures-chart"),
        ]
    }

    static func text(_ words: String, x: Double, y: Double, anchor: String = "start") -> Node<HTML.BodyContext> {
        .element(named: "text", nodes: [
            .safe("x", format(x)), .safe("y", format(y)), .attribute(named: "text-anchor", value: anchor), .txt(words),
        ])
    }

    static func line(x1: Double, x2: Double, y1: Double, y2: Double, class name: String) -> Node<HTML.BodyContext> {
        .element(named: "line", nodes: [
            .attribute(named: "class", value: name), .safe("x1", format(x1)), .safe("x2", format(x2)),
            .safe("y1", format(y1)), .safe("y2", format(y2)),
        ])
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
