import Fluent
import Foundation
import KanssaCore
import Listening

/// One barrier as its page shows it: what it is, its evidence with each linked figure as it
/// stands today (read again on every view, never copied), its actions and its reviews.
public enum BarrierRecord {
    /// A condition's trend in a pulse: its last two figures shown (five or more answers, closed periods).
    public struct PulseTrend: Sendable, Equatable {
        public let pulseID: UUID
        public let label: String
        public let condition: String
        /// nil: the whole group the pulse asks.
        public let team: String?
        public let latest: Dated?
        public let previous: Dated?
        /// The two intervals do not overlap.
        public var isClear: Bool {
            guard let latest, let previous else { return false }
            return PulseFigures.areApart(previous.point, latest.point)
        }

        public struct Dated: Sendable, Equatable {
            public let opensAt: Date
            public let point: PulseFigures.Point
        }
    }

    /// A team's staff figures this quarter and the one before.
    public struct StaffFigures: Sendable, Equatable {
        public let team: String
        public let current: (period: StaffChanges.Period, figures: StaffChanges.Figures)
        public let previous: (period: StaffChanges.Period, figures: StaffChanges.Figures)

        public static func == (a: StaffFigures, b: StaffFigures) -> Bool {
            a.team == b.team && a.current.period == b.current.period && a.current.figures == b.current.figures
                && a.previous.period == b.previous.period && a.previous.figures == b.previous.figures
        }
    }

    public enum Figure: Sendable, Equatable {
        case pulse(PulseTrend)
        case staff(StaffFigures)
        case theme(ListeningEvidence.ThemeFigure)
        case decision(ListeningEvidence.DecisionFigure)
        case note(String)
        /// What it pointed to is no longer there (or no longer this organisation's).
        case gone(EvidenceKind)
    }

    public struct Evidence: Sendable, Equatable {
        public let id: UUID
        public let figure: Figure
        public let addedBy: String
        public let addedAt: Date
    }

    public struct Action: Sendable, Equatable {
        public let id: UUID
        public let text: String
        public let dueOn: String
        public let doneAt: Date?
        public let doneBy: String?
        public let addedBy: String
    }

    public struct Review: Sendable, Equatable {
        public let status: BarrierStatus
        public let note: String
        public let by: String
        public let at: Date
    }

    public struct Model: Sendable, Equatable {
        public let id: UUID
        public let organisationID: UUID
        public let organisationName: String
        public let title: String
        public let description: String
        public let kind: BarrierKind
        public let status: BarrierStatus
        public let teamID: UUID?
        public let team: String?
        public let service: String
        public let ownerID: UUID
        public let owner: String
        public let recordedBy: String
        public let recordedAt: Date
        public let evidence: [Evidence]
        /// Not yet done first, by the day they are due; then those done.
        public let actions: [Action]
        /// Newest first.
        public let reviews: [Review]
    }

    /// The barrier with everything on its page. About ten queries, and two more per pulse linked.
    public static func load(
        _ barrier: Barrier, organisationName: String, instrument: Instrument, language: String, now: Date, timeZone: TimeZone,
        on database: any Database
    ) async throws -> Model {
        let barrierID = try barrier.requireID()
        let organisationID = barrier.organisationID
        let evidence = try await BarrierEvidence.query(on: database).filter(\.$barrierID == barrierID).sort(\.$addedAt).sort(\.$id).all()
        let actions = try await BarrierAction.query(on: database).filter(\.$barrierID == barrierID).sort(\.$dueOn).sort(\.$id).all()
        let reviews = try await BarrierReview.query(on: database).filter(\.$barrierID == barrierID).sort(\.$at, .descending).sort(\.$id).all()
        let people = try await Account.displayNames(
            of: Set([barrier.ownerID, barrier.createdByID] + evidence.map(\.addedByID) + actions.map(\.addedByID) + actions.compactMap(\.doneByID)
                    + reviews.map(\.byID)),
            on: database)
        let teamIDs = Set(evidence.compactMap(\.teamID) + [barrier.teamID].compactMap { $0 })
        let teams = try await Team.query(on: database).filter(\.$id ~~ teamIDs).filter(\.$organisation.$id == organisationID).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let figures = try await Figures.load(evidence, organisationID: organisationID, teams: teams, instrument: instrument, language: language,
                                             now: now, timeZone: timeZone, on: database)
        return Model(
            id: barrierID, organisationID: organisationID, organisationName: organisationName, title: barrier.title,
            description: barrier.description, kind: barrier.kind, status: barrier.status, teamID: barrier.teamID,
            team: barrier.teamID.map { teams[$0] ?? "" }, service: barrier.service, ownerID: barrier.ownerID, owner: people[barrier.ownerID] ?? "",
            recordedBy: people[barrier.createdByID] ?? "", recordedAt: barrier.createdAt,
            evidence: evidence.map { Evidence(id: $0.id!, figure: figures[$0.id!] ?? .gone($0.kind), addedBy: people[$0.addedByID] ?? "", addedAt: $0.addedAt) },
            actions: actions.sorted { ($0.doneAt == nil ? 0 : 1, $0.dueOn) < ($1.doneAt == nil ? 0 : 1, $1.dueOn) }.map { action in
                Action(id: action.id!, text: action.text, dueOn: action.dueOn, doneAt: action.doneAt, doneBy: action.doneByID.map { people[$0] ?? "" },
                       addedBy: people[action.addedByID] ?? "")
            },
            reviews: reviews.map { Review(status: $0.status, note: $0.note, by: people[$0.byID] ?? "", at: $0.at) })
    }

    /// Each piece of evidence's figure today, read through the module that holds it.
    enum Figures {
        static func load(
            _ evidence: [BarrierEvidence], organisationID: UUID, teams: [UUID: String], instrument: Instrument, language: String, now: Date,
            timeZone: TimeZone, on database: any Database
        ) async throws -> [UUID: Figure] {
            var figures: [UUID: Figure] = [:]
            let pulses = try await pulseFigures(Set(evidence.compactMap { $0.kind == .pulse ? $0.pulseID : nil }), organisationID: organisationID,
                                                instrument: instrument, language: language, now: now, on: database)
            let staffTeams = Set(evidence.compactMap { $0.kind == .staff ? $0.teamID : nil }).filter { teams[$0] != nil }
            let periods = StaffChanges.quarters(2, endingAt: now, timeZone: timeZone)
            let stints = staffTeams.isEmpty ? [] : try await TeamStint.query(on: database).filter(\.$teamID ~~ staffTeams)
                .field(\.$teamID).field(\.$joinedAt).field(\.$leftAt).all()
            let spans = Dictionary(grouping: stints, by: \.teamID).mapValues { $0.map { StaffChanges.Span(joinedAt: $0.joinedAt, leftAt: $0.leftAt) } }
            let themes = try await ListeningEvidence.themes(evidence.compactMap { $0.kind == .theme ? $0.linkedID : nil }, of: organisationID, on: database)
            let decisions = try await ListeningEvidence.decisions(evidence.compactMap { $0.kind == .decision ? $0.linkedID : nil }, of: organisationID,
                                                                  on: database)
            for item in evidence {
                let id = item.id!
                switch item.kind {
                case .pulse:
                    guard let pulse = item.pulseID.flatMap({ pulses[$0] }),
                          let condition = pulse.conditions.first(where: { $0.id == item.condition })
                    else { continue }
                    let series = item.teamID.map { team in condition.teams.first { $0.teamID == team } } ?? condition.group
                    guard let series else { continue }
                    figures[id] = .pulse(trend(series, of: pulse, condition: condition.name, team: item.teamID.map { _ in series.name }))
                case .staff:
                    guard let teamID = item.teamID, let name = teams[teamID], periods.count == 2 else { continue }
                    let mine = spans[teamID] ?? []
                    figures[id] = .staff(StaffFigures(team: name, current: (periods[1], StaffChanges.figures(mine, in: periods[1])),
                                                      previous: (periods[0], StaffChanges.figures(mine, in: periods[0]))))
                case .theme:
                    if let theme = item.linkedID.flatMap({ themes[$0] }) { figures[id] = .theme(theme) }
                case .decision:
                    if let decision = item.linkedID.flatMap({ decisions[$0] }) { figures[id] = .decision(decision) }
                case .note:
                    figures[id] = .note(item.note)
                }
            }
            return figures
        }

        /// The organisation's pulses among `ids` scheduled with this instrument, with their figures.
        static func pulseFigures(
            _ ids: Set<UUID>, organisationID: UUID, instrument: Instrument, language: String, now: Date, on database: any Database
        ) async throws -> [UUID: PulseFigures.Model] {
            guard !ids.isEmpty else { return [:] }
            let schedules = try await PulseSchedule.query(on: database).filter(\.$id ~~ ids).filter(\.$organisationID == organisationID)
                .filter(\.$instrumentID == instrument.id).filter(\.$instrumentVersion == instrument.version).all()
            var figures: [UUID: PulseFigures.Model] = [:]
            for schedule in schedules {
                figures[schedule.id!] = try await PulseFigures.load(schedule, instrument: instrument, language: language, now: now, on: database)
            }
            return figures
        }

        static func trend(_ series: PulseFigures.Series, of pulse: PulseFigures.Model, condition: String, team: String?) -> PulseTrend {
            let shown = series.points.enumerated().compactMap { index, point in
                point.map { PulseTrend.Dated(opensAt: pulse.periods[index].opensAt, point: $0) }
            }
            return PulseTrend(pulseID: pulse.scheduleID, label: pulse.label, condition: condition, team: team, latest: shown.last,
                              previous: shown.count >= 2 ? shown[shown.count - 2] : nil)
        }
    }
}
