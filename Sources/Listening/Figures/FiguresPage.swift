import Foundation
import KanssaCore
import Plot

/// A consultation's figures for its team: themes across respondent groups as a table, and each
/// choice or scale question as a bar chart drawn on the server with a table of the same counts.
public struct FiguresPage {
    let model: ConsultationFigures.Model
    let chrome: Chrome
    /// Seen by someone who sees figures only (a researcher): the way back is to the list.
    let figuresOnly: Bool
    /// The figures as rendered before in this language, when the model was kept.
    let rendered: RenderedHTML?

    public init(model: ConsultationFigures.Model, chrome: Chrome, figuresOnly: Bool = false, rendered: RenderedHTML? = nil) {
        self.model = model
        self.chrome = chrome
        self.figuresOnly = figuresOnly
        self.rendered = rendered
    }

    public func render() -> HTML {
        let t = chrome.t
        return Layout.page(title: t(.figuresConsultationTitle), chrome: chrome, content: .div(
            .p(.class("screen-only"), figuresOnly
                ? .a(.link(ListeningRoute.consultations(organisation: model.organisationID).url), .txt(t(.figuresBackToConsultations)))
                : .a(.link(ListeningRoute.consultation(model.consultationID).url), .txt(t(.answersBackToConsultation)))),
            .p(.txt(model.title)),
            .p(.txt(t(.figuresConsultationIntro))),
            rendered.map { .rendered($0) } ?? figures
        ))
    }

    /// The themes across groups and each choice question's chart and table: also part of the
    /// team's printable report.
    public var figures: Node<HTML.BodyContext> {
        let t = chrome.t
        let shown: (Int?) -> Node<HTML.BodyContext> = { .txt($0.map { t.number($0) } ?? t(.publicReportHeldBack)) }
        return .group(
            .h2(.txt(t(.figuresThemesHeading))),
            .if(model.themes.isEmpty, .p(.txt(t(.figuresThemesNone)))),
            .if(!model.themes.isEmpty, Components.table(
                caption: t(.figuresThemesCaption), headers: [t(.agreementTheme), t(.figuresAllAnswers)] + model.groups,
                rows: model.themes.map { row in [.txt(row.path), shown(row.total)] + row.groups.map(shown) })),
            .forEach(model.questions) { question in
                .section(
                    .h2(.txt(t(.figuresQuestionHeading, ["number": t.number(question.position), "text": question.text]))),
                    .p(.txt(question.answered.map { t(.figuresAnswered, counts: ["count": $0]) } ?? t(.figuresAnsweredFew))),
                    .if(question.answered != nil, chart(question)),
                    Components.table(caption: t(.figuresChoicesCaption, ["number": t.number(question.position)]),
                                     headers: [t(.figuresChoice), t(.publicReportPeople)],
                                     rows: question.counts.map { [.txt($0.label), shown($0.count)] }))
            },
            .p(.class("field__hint"), .txt(t(.publicReportHeldBackNote))))
    }

    static let width = 320.0
    static let labelWidth = 110.0
    static let rowHeight = 28.0

    /// Horizontal bars, one a choice, the longest the most picked; a count held back has no bar,
    /// only the words. Named by its heading; the table below holds the same counts.
    private func chart(_ question: ConsultationFigures.ChoiceQuestion) -> Node<HTML.BodyContext> {
        let t = chrome.t
        let id = "chart-\(question.position)"
        let most = max(1, question.counts.compactMap(\.count).max() ?? 1)
        let barSpace = Self.width - Self.labelWidth - 40
        var nodes: [Node<HTML.BodyContext>] = [
            .safe("viewBox", "0 0 \(Int(Self.width)) \(Int(Double(question.counts.count) * Self.rowHeight + 4))"),
            .attribute(named: "role", value: "img"), .safe("aria-labelledby", id), .attribute(named: "class", value: "figures-chart"),
        ]
        for (index, count) in question.counts.enumerated() {
            let top = Double(index) * Self.rowHeight
            let label = count.label.count > 18 ? String(count.label.prefix(17)) + "…" : count.label
            nodes.append(.element(named: "text", nodes: [.safe("x", "0"), .safe("y", Self.format(top + 18)), .txt(label)]))
            if let value = count.count {
                let length = barSpace * Double(value) / Double(most)
                nodes.append(.element(named: "rect", nodes: [
                    .attribute(named: "class", value: "bar"), .safe("x", Self.format(Self.labelWidth)), .safe("y", Self.format(top + 6)),
                    .safe("width", Self.format(max(length, value > 0 ? 2 : 0))), .attribute(named: "height", value: "16"),
                ]))
                nodes.append(.element(named: "text", nodes: [.safe("x", Self.format(Self.labelWidth + length + 4)), .safe("y", Self.format(top + 18)),
                                                             .txt(t.number(value))]))
            } else {
                nodes.append(.element(named: "text", nodes: [.safe("x", Self.format(Self.labelWidth)), .safe("y", Self.format(top + 18)),
                                                             .txt(t(.publicReportHeldBack))]))
            }
        }
        return .element(named: "figure", nodes: [
            .class("figures-figure"),
            .element(named: "figcaption", nodes: [.safe("id", id), .txt(t(.figuresChartCaption, ["number": t.number(question.position)]))]),
            .element(named: "svg", nodes: nodes),
        ])
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
