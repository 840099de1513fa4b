import Foundation
import KanssaCore
@preconcurrency import Plot

/// A pulse's figures for the whole group or one team: per condition a sentence on what changed,
/// the trend as a chart, and the same figures as a table. Aggregates of five or more only.
public enum PulseFiguresPage {
    public struct Model: Sendable, Equatable {
        public let figures: PulseFigures.Model
        public let organisationName: String
        /// The team shown; nil for the whole group.
        public let teamID: UUID?
        public let teams: [PulseList.Choice]
        public let isStopped: Bool
        public let mayStop: Bool
        public var notice: Notice?

        public init(figures: PulseFigures.Model, organisationName: String, teamID: UUID?, isStopped: Bool, mayStop: Bool) {
            self.figures = figures
            self.organisationName = organisationName
            self.teamID = teamID
            self.teams = figures.conditions.first?.teams.compactMap { series in
                series.teamID.map { PulseList.Choice(id: $0.uuidString, name: series.name) }
            } ?? []
            self.isStopped = isStopped
            self.mayStop = mayStop
        }
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
            let figures = model.figures
            let scope = model.teams.first { $0.id == model.teamID?.uuidString }?.name ?? t(.pulseScopeGroup)
            return Layout.page(
                title: figures.label, chrome: chrome, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.class("screen-only"), .a(.link(EvaluationRoute.pulses(organisation: figures.organisationID).url),
                                                 .txt(t(.pulseBackToList, ["organisation": model.organisationName])))),
                    .p(.txt(figures.instrumentTitle)),
                    .p(.txt(t(.pulseFiguresIntro))),
                    .if(figures.periods.isEmpty, .p(.txt(t(.pulseNoPeriods)))),
                    .if(!figures.periods.isEmpty, .group(
                        scopeForm,
                        .forEach(Array(figures.conditions.enumerated())) { index, condition in
                            let series = model.teamID.flatMap { id in condition.teams.first { $0.teamID == id } } ?? condition.group
                            return section(condition, series: series, scope: scope, index: index)
                        }
                    )),
                    .if(model.mayStop && !model.isStopped, .section(
                        .class("screen-only"),
                        .h2(.txt(t(.pulseStopHeading))),
                        .p(.txt(t(.pulseStopIntro))),
                        Components.postButton(action: EvaluationRoute.stopPulse(organisation: figures.organisationID, pulse: figures.scheduleID).url,
                                              csrfToken: chrome.csrfToken, label: t(.pulseStop))
                    ))
                )
            )
        }

        private var scopeForm: Node<HTML.BodyContext> {
            let t = chrome.t
            return .form(
                .class("inline-form screen-only"), .method(.get),
                .link(EvaluationRoute.pulse(organisation: model.figures.organisationID, pulse: model.figures.scheduleID).url, as: "action"),
                Components.select(
                    name: "team", label: t(.pulseShowFor),
                    options: [.init(value: "", label: t(.pulseWholeGroup), isSelected: model.teamID == nil)]
                        + model.teams.map { .init(value: $0.id, label: $0.name, isSelected: $0.id == model.teamID?.uuidString) }),
                Components.submit(t(.pulseShow), style: .secondary)
            )
        }

        private func section(_ condition: PulseFigures.Condition, series: PulseFigures.Series, scope: String, index: Int) -> Node<HTML.BodyContext> {
            let t = chrome.t
            let periods = model.figures.periods
            return .section(
                .h2(.txt(condition.name)),
                .p(.txt(sentence(condition.name, series))),
                TrendChart.render(id: "trend-\(index)", caption: t(.pulseChartCaption, ["condition": condition.name, "scope": scope]),
                                  points: series.points, periods: periods, t: t),
                Components.table(
                    caption: t(.pulseTableCaption, ["condition": condition.name, "scope": scope]),
                    headers: [t(.pulsePeriod), t(.pulseAnswered), t(.pulseMean), t(.pulseInterval)],
                    rows: periods.map { period in
                        let point = series.points[period.index]
                        let isOpen = period.index == model.figures.openPeriod
                        return [
                            .txt(t.date(period.opensAt)),
                            .txt(isOpen ? t(.pulseStillOpen, ["date": t.date(period.closesAt)]) : point.map { t.number($0.count) } ?? t(.pulseHeldBack)),
                            .txt(point.map { t.decimal($0.mean) } ?? "–"),
                            .txt(point.map { t(.pulseIntervalValue, ["lower": t.decimal($0.lower), "upper": t.decimal($0.upper)]) } ?? "–"),
                        ]
                    })
            )
        }

        private func sentence(_ name: String, _ series: PulseFigures.Series) -> String {
            let t = chrome.t
            guard let change = PulseFigures.change(in: series) else { return t(.pulseChangeNone) }
            let periods = model.figures.periods
            return PulseWords.change(name, from: change.from.point, on: periods[change.from.period].opensAt, to: change.to.point,
                                     on: periods[change.to.period].opensAt, t)
        }
    }
}

/// The sentence saying how a pulse condition moved between two figures, wherever one is shown.
enum PulseWords {
    static func change(
        _ condition: String, from before: PulseFigures.Point, on beforeDate: Date, to after: PulseFigures.Point, on afterDate: Date, _ t: Localizer
    ) -> String {
        let values = ["condition": condition, "from": t.decimal(before.mean), "to": t.decimal(after.mean),
                      "before": t.date(beforeDate), "after": t.date(afterDate)]
        // Compared as shown, to one decimal: "rose from 3.0 to 3.0" would read as nonsense.
        let moved = (after.mean * 10).rounded() - (before.mean * 10).rounded()
        let key: MessageKey = moved > 0 ? .pulseChangeUp : moved < 0 ? .pulseChangeDown : .pulseChangeSame
        return t(key, values) + " " + t(PulseFigures.areApart(before, after) ? .pulseChangeClear : .pulseChangeUnclear)
    }
}
