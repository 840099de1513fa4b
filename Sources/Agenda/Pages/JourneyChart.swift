import Foundation
import KanssaCore
@preconcurrency import Plot

/// A life area's journey as a small line chart drawn on the server (SVG: no script), with the
/// same figures in a table for anyone who does not see the chart. The citizen's ratings are a
/// solid line with dots; professionals' a dashed line with squares. Both are drawn; nothing is
/// averaged.
public enum JourneyChart {
    static let width = 320.0
    static let height = 150.0
    static let left = 28.0
    static let right = 10.0
    static let top = 10.0
    static let bottom = 24.0

    /// Where a rating goes on the chart: x by time between the first and last point, y by rating.
    static func position(_ point: Journey.Point, from first: Date, to last: Date) -> (x: Double, y: Double) {
        let span = last.timeIntervalSince(first)
        let share = span > 0 ? point.date.timeIntervalSince(first) / span : 0.5
        let x = left + share * (width - left - right)
        let y = top + Double(10 - point.rating) / 9 * (height - top - bottom)
        return (x, y)
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    /// One area: the latest of each view and their difference, the chart and the table.
    public static func render(_ journey: Journey, ownerName: String, t: Localizer) -> Node<HTML.BodyContext> {
        let name = AgendaWords.lifeArea(journey.area, t)
        let id = "journey-\(journey.area.key)"
        return .section(
            .class("journey"),
            .safe("aria-labelledby", id),
            .element(named: "h3", nodes: [Node<HTML.BodyContext>.safe("id", id), .txt(name)]),
            .if(journey.points.isEmpty, .p(.txt(t(.journeyNoRatings)))),
            .if(!journey.points.isEmpty, .group(
                summary(journey, ownerName: ownerName, t: t),
                chart(journey, title: t(.journeyChartTitle, ["area": name]), t: t),
                .element(named: "details", nodes: [
                    .element(named: "summary", nodes: [.txt(t(.journeyTableSummary, ["area": name]))]),
                    Components.table(
                        caption: t(.journeyChartTitle, ["area": name]),
                        headers: [t(.journeyDate), t(.journeyWho), t(.journeyRating), t(.journeyNote)],
                        rows: journey.points.reversed().map { point in
                            [.txt(t.date(point.date)), .txt(who(point, ownerName: ownerName, t: t)),
                             .txt(t.number(point.rating)), .txt(point.note ?? "")]
                        }),
                ])
            ))
        )
    }

    static func who(_ point: Journey.Point, ownerName: String, t: Localizer) -> String {
        if point.isViewer { return t(.traceYou) }
        if point.perspective == .citizen { return ownerName }
        return point.withOwnerPresent
            ? t(.journeyProfessionalPresent, ["name": point.ratedBy, "owner": ownerName])
            : t(.journeyProfessional, ["name": point.ratedBy])
    }

    /// "Latest: Fatima 6, Sanne 4 — a difference of 2", in words.
    static func summary(_ journey: Journey, ownerName: String, t: Localizer) -> Node<HTML.BodyContext> {
        let citizen = journey.latest(.citizen)
        let professional = journey.latest(.professional)
        return .ul(
            .class("journey__latest"),
            .unwrap(citizen) { point in
                .li(.span(.class("key key--citizen"), .attribute(named: "aria-hidden", value: "true")),
                    .txt(t(.journeyLatest, ["who": who(point, ownerName: ownerName, t: t), "rating": t.number(point.rating),
                                            "date": t.date(point.date)])))
            },
            .unwrap(professional) { point in
                .li(.span(.class("key key--professional"), .attribute(named: "aria-hidden", value: "true")),
                    .txt(t(.journeyLatest, ["who": who(point, ownerName: ownerName, t: t), "rating": t.number(point.rating),
                                            "date": t.date(point.date)])))
            },
            .unwrap(journey.difference) { difference in
                .li(.strong(.txt(difference == 0 ? t(.journeySameView) : t(.journeyDifference, ["points": t.number(abs(difference))]))))
            }
        )
    }

    static func chart(_ journey: Journey, title: String, t: Localizer) -> Node<HTML.BodyContext> {
        let first = journey.points.first?.date ?? Date()
        let last = journey.points.last?.date ?? first
        let titleID = "chart-\(journey.area.key)"
        func series(_ perspective: CheckInPerspective) -> [(x: Double, y: Double)] {
            journey.points.filter { $0.perspective == perspective }.map { position($0, from: first, to: last) }
        }
        let citizen = series(.citizen)
        let professional = series(.professional)
        let gridY = [1, 5, 10].map { rating in
            (rating, top + Double(10 - rating) / 9 * (height - top - bottom))
        }
        var nodes: [Node<HTML.BodyContext>] = [
            .safe("viewBox", "0 0 \(Int(width)) \(Int(height))"),
            .attribute(named: "role", value: "img"),
            .safe("aria-labelledby", titleID),
            .attribute(named: "class", value: "journey__chart"),
            .element(named: "title", nodes: [.safe("id", titleID), .txt(title)]),
        ]
        for (rating, y) in gridY {
            nodes.append(.element(named: "line", nodes: [
                .attribute(named: "class", value: "grid"), .safe("x1", format(left)), .safe("x2", format(width - right)),
                .safe("y1", format(y)), .safe("y2", format(y)),
            ]))
            nodes.append(.element(named: "text", nodes: [
                .safe("x", format(left - 6)), .safe("y", format(y + 4)), .attribute(named: "text-anchor", value: "end"),
                .txt(t.number(rating)),
            ]))
        }
        nodes.append(.element(named: "text", nodes: [
            .safe("x", format(left)), .safe("y", format(height - 6)), .txt(t.date(first)),
        ]))
        if last > first {
            nodes.append(.element(named: "text", nodes: [
                .safe("x", format(width - right)), .safe("y", format(height - 6)),
                .attribute(named: "text-anchor", value: "end"), .txt(t.date(last)),
            ]))
        }
        for (points, style) in [(citizen, "citizen"), (professional, "professional")] where points.count > 1 {
            nodes.append(.element(named: "polyline", nodes: [
                .safe("class", "line line--\(style)"),
                .safe("points", points.map { "\(format($0.x)),\(format($0.y))" }.joined(separator: " ")),
            ]))
        }
        for point in citizen {
            nodes.append(.element(named: "circle", nodes: [
                .attribute(named: "class", value: "dot dot--citizen"), .safe("cx", format(point.x)), .safe("cy", format(point.y)),
                .attribute(named: "r", value: "4"),
            ]))
        }
        for point in professional {
            nodes.append(.element(named: "rect", nodes: [
                .attribute(named: "class", value: "dot dot--professional"), .safe("x", format(point.x - 4)),
                .safe("y", format(point.y - 4)), .attribute(named: "width", value: "8"), .attribute(named: "height", value: "8"),
            ]))
        }
        return .element(named: "svg", nodes: nodes)
    }
}

/// The check-in form: a rating from 1 to 10 and a note for each life area, any of them empty.
public enum CheckInForm {
    public static func render(
        target: SafeURL, areas: [LifeArea], draft: CheckIns.Draft, errors: [FieldError], intro: String, submit: String,
        presence: String? = nil, chrome: Chrome
    ) -> Node<HTML.BodyContext> {
        let t = chrome.t
        return .form(
            .class("stack"), .method(.post), .link(target, as: "action"), .attribute(named: "novalidate"),
            Components.csrfField(chrome.csrfToken),
            .p(.txt(intro)),
            .forEach(areas) { area in
                let typed = draft.ratings[area.key] ?? ""
                return .fieldset(
                    .class("check-in"),
                    .element(named: "legend", nodes: [Node<HTML.BodyContext>.txt(AgendaWords.lifeArea(area, t))]),
                    Components.select(
                        name: "rating-\(area.key)", label: t(.checkInRating),
                        options: [Components.Option(value: "", label: t(.checkInNotNow), isSelected: typed.isEmpty)]
                            + CheckIn.ratings.map { rating in
                                Components.Option(
                                    value: String(rating), label: ratingLabel(rating, t), isSelected: typed == String(rating))
                            },
                        error: errors.message(for: "rating-\(area.key)")),
                    // A note is for when there is something to say: it opens when wanted.
                    .element(named: "details", nodes: [
                        .class("disclosure disclosure--small"),
                        .flag("open", !(draft.notes[area.key] ?? "").isEmpty || errors.message(for: "note-\(area.key)") != nil),
                        .element(named: "summary", nodes: [.txt(t(.checkInNoteOpen))]),
                        Components.textField(
                            name: "note-\(area.key)", label: t(.checkInNote), value: draft.notes[area.key] ?? "",
                            error: errors.message(for: "note-\(area.key)"), required: false, maxLength: CheckIns.noteLength),
                    ])
                )
            },
            .unwrap(presence) { OwnerPresence.checkbox(id: "check-in-present", ownerName: $0, t: t) },
            Components.submit(submit)
        )
    }

    static func ratingLabel(_ rating: Int, _ t: Localizer) -> String {
        switch rating {
        case 1: t(.checkInRatingLowest)
        case 10: t(.checkInRatingHighest)
        default: t.number(rating)
        }
    }
}
