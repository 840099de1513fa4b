import Foundation
import KanssaCore
@preconcurrency import Plot

/// A condition's mean per period drawn on the server (SVG, no script) on the pulse's 1 to 5
/// scale: a dot at each mean and a whisker for its 95 % interval, joined where two periods in a
/// row are shown. The table beside it holds the same figures for anyone who does not see it.
enum TrendChart {
    static let width = 320.0
    static let height = 150.0
    static let left = 24.0
    static let right = 10.0
    static let top = 8.0
    static let bottom = 24.0

    static func render(id: String, caption: String, points: [PulseFigures.Point?], periods: [Pulses.Period], t: Localizer)
        -> Node<HTML.BodyContext>
    {
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let x = { (index: Int) in left + (points.count > 1 ? Double(index) / Double(points.count - 1) * plotWidth : plotWidth / 2) }
        let y = { (value: Double) in top + (5 - min(5, max(1, value))) / 4 * plotHeight }
        var nodes: [Node<HTML.BodyContext>] = [
            .safe("viewBox", "0 0 \(Int(width)) \(Int(height))"),
            .attribute(named: "role", value: "img"),
            .safe("aria-labelledby", id),
            .attribute(named: "class", value: "figures-chart"),
        ]
        for value in 1...5 {
            nodes.append(line(x1: left, x2: width - right, y1: y(Double(value)), y2: y(Double(value)), class: "grid"))
            nodes.append(text(t.number(value), x: left - 6, y: y(Double(value)) + 4, anchor: "end"))
        }
        for (index, point) in points.enumerated() {
            guard let point else { continue }
            if index > 0, let before = points[index - 1] {
                nodes.append(line(x1: x(index - 1), x2: x(index), y1: y(before.mean), y2: y(point.mean), class: "trend"))
            }
            nodes.append(line(x1: x(index), x2: x(index), y1: y(point.lower), y2: y(point.upper), class: "interval"))
            nodes.append(.element(named: "circle", nodes: [
                .attribute(named: "class", value: "mean"), .safe("cx", format(x(index))), .safe("cy", format(y(point.mean))),
                .attribute(named: "r", value: "3.5"),
            ]))
        }
        if let first = periods.first {
            nodes.append(text(t.date(first.opensAt), x: x(0), y: height - 6, anchor: periods.count > 1 ? "start" : "middle"))
        }
        if periods.count > 1, let last = periods.last {
            nodes.append(text(t.date(last.opensAt), x: x(periods.count - 1), y: height - 6, anchor: "end"))
        }
        return .element(named: "figure", nodes: [
            .class("figures-figure"),
            .element(named: "figcaption", nodes: [.safe("id", id), .txt(caption)]),
            .element(named: "svg", nodes: nodes),
        ])
    }

    static func text(_ words: String, x: Double, y: Double, anchor: String) -> Node<HTML.BodyContext> {
        .element(named: "text", nodes: [
            .safe("x", format(x)), .safe("y", format(y)), .safe("text-anchor", anchor), .txt(words),
        ])
    }

    static func line(x1: Double, x2: Double, y1: Double, y2: Double, class name: String) -> Node<HTML.BodyContext> {
        .element(named: "line", nodes: [
            .safe("class", name), .safe("x1", format(x1)), .safe("x2", format(x2)), .safe("y1", format(y1)), .safe("y2", format(y2)),
        ])
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
