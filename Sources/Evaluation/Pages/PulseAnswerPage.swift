import Foundation
import KanssaCore
@preconcurrency import Plot

/// Answering the period of a pulse open now: the team one answers for (when one works in more
/// than one it asks), the statements on their scale, and what happens to the answers.
public enum PulseAnswerPage {
    public enum State: Sendable, Equatable {
        case open(closesAt: Date)
        case answered
        case closed(nextOpensAt: Date?)
    }

    public struct Model: Sendable, Equatable {
        public let scheduleID: UUID
        public let label: String
        public let instrument: Instrument
        public let language: String
        public let state: State
        /// The person's teams that the pulse asks.
        public let teams: [PulseList.Choice]
        public var answers: [String: Int] = [:]
        public var team: String = ""
        public var errors: [FieldError] = []
        public var notice: Notice?

        public init(scheduleID: UUID, label: String, instrument: Instrument, language: String, state: State, teams: [PulseList.Choice]) {
            self.scheduleID = scheduleID
            self.label = label
            self.instrument = instrument
            self.language = language
            self.state = state
            self.teams = teams
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
            let instrument = model.instrument
            return Layout.page(
                title: model.label, chrome: chrome, errors: model.errors, notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(instrument.text(instrument.title, in: model.language))),
                    .unwrap(instrument.intro) { .p(.txt(instrument.text($0, in: model.language))) },
                    .p(.txt(t(.pulseAnonymous))),
                    content
                )
            )
        }

        private var content: Node<HTML.BodyContext> {
            let t = chrome.t
            switch model.state {
            case .answered:
                return .p(.txt(t(.pulseAnsweredAlready)))
            case .closed(let next):
                return .p(.txt(next.map { t(.pulseClosedNext, ["date": t.date($0)]) } ?? t(.pulseClosed)))
            case .open(let closesAt):
                let instrument = model.instrument
                return .group(
                    .p(.txt(t(.pulseOpenUntil, ["date": t.date(closesAt)]))),
                    .form(
                        .class("stack"), .method(.post), .link(EvaluationRoute.answerPulse(model.scheduleID).url, as: "action"),
                        .attribute(named: "novalidate"),
                        Components.csrfField(chrome.csrfToken),
                        .if(model.teams.count > 1, Components.radios(
                            name: "team", legend: t(.pulseWhichTeam), hint: t(.pulseWhichTeamHint),
                            options: model.teams.map { .init(value: $0.id, label: $0.name, isSelected: model.team == $0.id) },
                            error: model.errors.message(for: "team"))),
                        .if(model.teams.count == 1, .unwrap(model.teams.first) { team in
                            .group(.input(.type(.hidden), .name("team"), .safe("value", team.id)),
                                   .p(.txt(t(.pulseForTeam, ["team": team.name]))))
                        }),
                        .forEach(Array(instrument.items.enumerated())) { index, item in
                            InstrumentForm.question(item, number: index + 1, of: instrument, language: model.language,
                                                    selected: model.answers[item.id], error: model.errors.message(for: "item-\(item.id)"), t)
                        },
                        Components.submit(t(.pulseSend))
                    )
                )
            }
        }
    }
}
