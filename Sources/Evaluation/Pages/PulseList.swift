import Fluent
import Foundation
import KanssaCore
import SQLKit
@preconcurrency import Plot

/// An organisation's staff pulses: which teams each asks, how often, whether one is open now and
/// how many have answered it — never who — and the form to schedule one.
public enum PulseList {
    public enum State: Sendable, Equatable {
        case open(closesAt: Date, answered: Int)
        case next(opensAt: Date)
        case stopped(Date)
    }

    public struct Line: Sendable, Equatable {
        public let id: UUID
        public let label: String
        public let teams: [String]
        public let everyWeeks: Int
        public let openDays: Int
        public let state: State
    }

    public struct Choice: Sendable, Equatable {
        public let id: String
        public let name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public struct Model: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let teams: [Choice]
        public let lines: [Line]
        /// A coordinator schedules pulses; a researcher reads their figures.
        public var maySchedule = false
        public var draft: [String: String] = [:]
        public var pickedTeams: [String] = []
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    /// Four queries: the pulses, the teams they ask, the organisation's teams, and how many
    /// answered each period open now (counted, not read).
    public static func load(organisation: Organisation, now: Date, on database: any Database) async throws -> Model {
        let organisationID = try organisation.requireID()
        let schedules = try await PulseSchedule.query(on: database).filter(\.$organisationID == organisationID)
            .sort(\.$startsAt, .descending).sort(\.$id).all()
        let asked = try await PulseTeam.query(on: database).filter(\.$scheduleID ~~ schedules.compactMap(\.id)).all()
        let teams = try await Team.query(on: database).filter(\.$organisation.$id == organisationID).sort(\.$name).sort(\.$id).all()
        let names = teams.reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let current = schedules.compactMap { schedule in Pulses.Timing(schedule).current(at: now).map { (schedule.id!, $0.index) } }
        let answered = try await answeredCounts(current, on: database)
        return Model(
            organisationID: organisationID, organisationName: organisation.name,
            teams: teams.map { Choice(id: $0.id!.uuidString, name: $0.name) },
            lines: schedules.map { schedule in
                let timing = Pulses.Timing(schedule)
                let state: State = if let period = timing.current(at: now) {
                    .open(closesAt: period.closesAt, answered: answered[schedule.id!] ?? 0)
                } else if let stopped = schedule.stoppedAt {
                    .stopped(stopped)
                } else {
                    .next(opensAt: timing.next(after: now)?.opensAt ?? schedule.startsAt)
                }
                return Line(id: schedule.id!, label: schedule.label,
                            teams: asked.filter { $0.scheduleID == schedule.id }.compactMap { names[$0.teamID] }.sorted(),
                            everyWeeks: schedule.everyWeeks, openDays: schedule.openDays, state: state)
            })
    }

    /// How many answered the given period of each pulse, in one query.
    static func answeredCounts(_ periods: [(UUID, Int)], on database: any Database) async throws -> [UUID: Int] {
        guard !periods.isEmpty, let sql = database as? any SQLDatabase else { return [:] }
        struct Row: Decodable { let schedule_id: UUID; let period: Int; let answered: Int }
        let rows = try await sql.select().column("schedule_id").column("period")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "answered")
            .from(PulseResponse.schema).where("schedule_id", .in, periods.map(\.0)).groupBy("schedule_id").groupBy("period")
            .all(decoding: Row.self)
        return periods.reduce(into: [:]) { counts, current in
            counts[current.0] = rows.first { $0.schedule_id == current.0 && $0.period == current.1 }?.answered ?? 0
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
            return Layout.page(
                title: t(.pulsesTitle, ["organisation": model.organisationName]), chrome: chrome, errors: model.errors,
                notices: model.notice.map { [$0] } ?? [],
                content: .div(
                    .p(.txt(t(.pulsesIntro))),
                    .if(model.lines.isEmpty, .p(.txt(t(.pulsesNone)))),
                    .if(!model.lines.isEmpty, Components.table(
                        caption: t(.pulsesCaption),
                        headers: [t(.pulseLabel), t(.pulseTeams), t(.pulseHowOften), t(.pulseState)],
                        rows: model.lines.map { line in
                            [
                                .a(.link(EvaluationRoute.pulse(organisation: model.organisationID, pulse: line.id).url), .txt(line.label)),
                                .txt(t.list(line.teams)),
                                .txt(t(.pulseEvery, ["days": t.number(line.openDays)], counts: ["weeks": line.everyWeeks])),
                                .txt(state(line.state)),
                            ]
                        })),
                    .if(model.maySchedule, form)
                )
            )
        }

        private func state(_ state: State) -> String {
            let t = chrome.t
            return switch state {
            case .open(let closesAt, let answered): t(.pulseStateOpen, ["date": t.date(closesAt)], counts: ["count": answered])
            case .next(let opensAt): t(.pulseStateNext, ["date": t.date(opensAt)])
            case .stopped(let at): t(.pulseStateStopped, ["date": t.date(at)])
            }
        }

        private var form: Node<HTML.BodyContext> {
            let t = chrome.t
            let draft = model.draft
            return .section(
                .h2(.txt(t(.pulseScheduleHeading))),
                .p(.txt(t(.pulseScheduleIntro))),
                .form(
                    .class("stack narrow"), .method(.post), .link(EvaluationRoute.pulses(organisation: model.organisationID).url, as: "action"),
                    .attribute(named: "novalidate"),
                    Components.csrfField(chrome.csrfToken),
                    Components.textField(
                        name: "label", label: t(.pulseLabel), value: draft["label"] ?? "", hint: t(.pulseLabelHint),
                        error: model.errors.message(for: "label"), maxLength: Pulses.labelLength),
                    Components.checkboxes(
                        name: "teams", legend: t(.pulseTeams),
                        options: model.teams.map { .init(value: $0.id, label: $0.name, isSelected: model.pickedTeams.contains($0.id)) },
                        error: model.errors.message(for: "teams")),
                    Components.select(
                        name: "every", label: t(.pulseHowOften),
                        options: Pulses.intervals.map {
                            .init(value: String($0), label: t(.pulseEveryWeeks, counts: ["weeks": $0]), isSelected: (draft["every"] ?? "4") == String($0))
                        },
                        error: model.errors.message(for: "every")),
                    Components.textField(
                        name: "open", label: t(.pulseOpenDays), value: draft["open"] ?? "7", type: .number,
                        hint: t(.pulseOpenDaysHint, ["days": t.number(Pulses.longestOpen)]), error: model.errors.message(for: "open"), maxLength: 2),
                    Components.textField(
                        name: "starts", label: t(.pulseStarts), value: draft["starts"] ?? "", type: .date,
                        error: model.errors.message(for: "starts"), maxLength: 10),
                    Components.submit(t(.pulseSchedule))
                )
            )
        }
    }
}
