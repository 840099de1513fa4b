import Agenda
import Encountering
import Fluent
import Foundation
import KanssaCore
import Learning
import Listening

/// The coordinator's dashboard: for a quarter, and the one before it, the structural and cultural
/// conditions (staff pulse, turnover and stability, continuity for citizens, barriers) beside what
/// the other modules show (citizens' voice, whose agenda plans serve, what listening led to),
/// each read through the module's own functions and each an aggregate of five or more where it
/// is about people.
public enum Dashboard {
    /// A condition of the staff pulse: its last figure shown in the quarter and in the one before.
    public struct Condition: Sendable, Equatable {
        public let name: String
        public let current: PulseFigures.Point?
        public let previous: PulseFigures.Point?
        /// The intervals do not overlap.
        public var isClear: Bool {
            guard let current, let previous else { return false }
            return PulseFigures.areApart(previous, current)
        }
    }

    public struct Pulse: Sendable, Equatable {
        public let label: String
        public let conditions: [Condition]
    }

    public struct Barriers: Sendable, Equatable {
        /// By status, as they stand today.
        public let byStatus: [BarrierStatus: Int]
        public let recorded: Int
        public let resolved: Int
        /// Open and being addressed, latest change first, at most five.
        public let open: [Evaluation.Barriers.Summary]
    }

    public struct Model: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let periods: [StaffChanges.Period]
        /// The quarter shown; the one before it is compared with.
        public let chosen: Int
        public let teamID: UUID?
        public let teams: [Evaluation.Barriers.Place]
        public let pulse: Pulse?
        /// This quarter's and the one before's.
        public let staff: (current: StaffChanges.Figures, previous: StaffChanges.Figures)
        public let continuity: (current: Continuity.Figures, previous: Continuity.Figures)
        public let barriers: Barriers
        public let voice: (current: CitizensVoice.Tally, previous: CitizensVoice.Tally)
        /// Whose agenda plans serve, per team, as it stands today: read on every view.
        public internal(set) var alignment: [TeamAlignment.Line]
        public let listening: (current: ListeningEvidence.Outcomes, previous: ListeningEvidence.Outcomes)
        /// The latest change between rounds by the end of each quarter.
        public let mindset: (current: LearningEvidence.MindsetChange?, previous: LearningEvidence.MindsetChange?)
        public let practice: (current: LearningEvidence.Practice, previous: LearningEvidence.Practice)
        public let reach: (current: EncounteringEvidence.Reach, previous: EncounteringEvidence.Reach)

        public var team: String? { teamID.flatMap { id in teams.first { $0.id == id }?.name } }
        public var current: StaffChanges.Period { periods[chosen] }
        public var previous: StaffChanges.Period { periods[chosen - 1] }

        public static func == (a: Model, b: Model) -> Bool {
            a.organisationID == b.organisationID && a.chosen == b.chosen && a.teamID == b.teamID && a.pulse == b.pulse
                && a.staff.current == b.staff.current && a.staff.previous == b.staff.previous
                && a.continuity.current == b.continuity.current && a.continuity.previous == b.continuity.previous
                && a.barriers == b.barriers && a.voice.current == b.voice.current && a.voice.previous == b.voice.previous
                && a.alignment == b.alignment && a.listening.current == b.listening.current && a.listening.previous == b.listening.previous
                && a.mindset.current == b.mindset.current && a.mindset.previous == b.mindset.previous
                && a.practice.current == b.practice.current && a.practice.previous == b.practice.previous
                && a.reach.current == b.reach.current && a.reach.previous == b.reach.previous
        }
    }

    /// A dashboard as shown: the whole model, agenda alignment read now, and the rest as kept
    /// with what is rendered from it.
    public struct Shown: Sendable {
        public let model: Model
        public let kept: Kept<Model>
    }

    /// How many quarters back one can look; the first is only compared with.
    public static let quarters = 5

    /// The dashboard for the quarter `chosen` (1 the oldest offered, `quarters - 1` this one) and
    /// one team or all: from `cache` while the evidence it was built from stands (one query), and
    /// agenda alignment as it stands now (one more).
    public static func load(
        organisation: Organisation, chosen: Int?, teamID: UUID?, instrument: Instrument, instruments: [String: Instrument], language: String,
        now: Date, timeZone: TimeZone, roundFigures: RoundFiguresCache? = nil, cache: DashboardCache? = nil, on database: any Database
    ) async throws -> Shown {
        let build: @Sendable () async throws -> Kept<Model> = {
            Kept(try await evidence(organisation: organisation, chosen: chosen, teamID: teamID, instrument: instrument, instruments: instruments,
                               language: language, now: now, timeZone: timeZone, roundFigures: roundFigures, on: database))
        }
        let kept = if let cache {
            try await cache.model(organisation: try organisation.requireID(), team: teamID, chosen: chosen, language: language, now: now,
                                  on: database, build: build)
        } else {
            try await build()
        }
        var model = kept.model
        let teams = model.teams.filter { model.teamID == nil || $0.id == model.teamID }
        model.alignment = try await TeamAlignment.lines(of: teams.map { ($0.id, $0.name) }, now: now, on: database)
        return Shown(model: model, kept: kept)
    }

    /// Everything but agenda alignment: a fixed number of queries, and two more when someone left
    /// in the span.
    static func evidence(
        organisation: Organisation, chosen: Int?, teamID: UUID?, instrument: Instrument, instruments: [String: Instrument], language: String,
        now: Date, timeZone: TimeZone, roundFigures: RoundFiguresCache?, on database: any Database
    ) async throws -> Model {
        let organisationID = try organisation.requireID()
        let periods = StaffChanges.quarters(quarters, endingAt: now, timeZone: timeZone)
        let chosen = min(max(chosen ?? periods.count - 1, 1), periods.count - 1)
        let span = [periods[chosen - 1], periods[chosen]]
        let teams = try await Evaluation.Barriers.teams(of: organisationID, on: database)
        let teamID = teamID.flatMap { id in teams.contains { $0.id == id } ? id : nil }
        let scope = teamID.map { [$0] } ?? teams.map(\.id)

        let stints = try await Continuity.Stint.of(teams: scope, on: database)
        let spans = stints.map { StaffChanges.Span(joinedAt: $0.joinedAt, leftAt: $0.leftAt) }
        let continuity = try await Continuity.load(teams: scope, stints: stints, periods: span, now: now, on: database)
        let ranges = span.map { $0.start..<until($0) }
        let mindset = try await LearningEvidence.mindsetChange(
            organisationID: organisationID, teamID: teamID, closedBy: span.map { min($0.end, now) }, bundled: instruments, language: language,
            cache: roundFigures, on: database)
        let practice = try await LearningEvidence.practice(organisationID: organisationID, teamID: teamID, in: ranges, language: language, on: database)
        let reach = try await EncounteringEvidence.reach(organisationID: organisationID, teamID: teamID, in: ranges, now: now, on: database)
        return Model(
            organisationID: organisationID, organisationName: organisation.name, periods: periods, chosen: chosen, teamID: teamID, teams: teams,
            pulse: try await pulse(of: organisationID, team: teamID, span: span, instrument: instrument, language: language, now: now, on: database),
            staff: (StaffChanges.figures(spans, in: span[1]), StaffChanges.figures(spans, in: span[0])),
            continuity: (continuity.count == 2 ? continuity[1] : Continuity.figures([]), continuity.first ?? Continuity.figures([])),
            barriers: try await barriers(of: organisationID, team: teamID, in: span[1], on: database),
            voice: (try await CitizensVoice.tally(of: organisationID, team: teamID, from: span[1].start, until: until(span[1]), on: database),
                    try await CitizensVoice.tally(of: organisationID, team: teamID, from: span[0].start, until: until(span[0]), on: database)),
            alignment: [],
            listening: (try await ListeningEvidence.outcomes(of: organisationID, from: span[1].start, until: until(span[1]), on: database),
                        try await ListeningEvidence.outcomes(of: organisationID, from: span[0].start, until: until(span[0]), on: database)),
            mindset: (mindset[1], mindset[0]), practice: (practice[1], practice[0]), reach: (reach[1], reach[0]))
    }

    /// Where counting in a period stops: its end, or for the quarter running now, nowhere — what
    /// was recorded this very moment belongs to it.
    static func until(_ period: StaffChanges.Period) -> Date {
        period.isCurrent ? .distantFuture : period.end
    }

    /// The organisation's latest pulse: each condition's last figure shown (five or more, closed)
    /// of a period that opened in each quarter, for the team or the whole group it asks.
    static func pulse(
        of organisationID: UUID, team: UUID?, span: [StaffChanges.Period], instrument: Instrument, language: String, now: Date,
        on database: any Database
    ) async throws -> Pulse? {
        guard let schedule = try await PulseSchedule.query(on: database).filter(\.$organisationID == organisationID)
            .filter(\.$instrumentID == instrument.id).filter(\.$instrumentVersion == instrument.version)
            .sort(\.$startsAt, .descending).sort(\.$id).first()
        else { return nil }
        let figures = try await PulseFigures.load(schedule, instrument: instrument, language: language, now: now, on: database)
        func last(_ series: PulseFigures.Series, in period: StaffChanges.Period) -> PulseFigures.Point? {
            figures.periods.indices.reversed().first { index in
                figures.periods[index].opensAt >= period.start && figures.periods[index].opensAt < period.end && series.points[index] != nil
            }.flatMap { series.points[$0] }
        }
        return Pulse(label: schedule.label, conditions: figures.conditions.map { condition in
            let series = team.flatMap { id in condition.teams.first { $0.teamID == id } } ?? condition.group
            return Condition(name: condition.name, current: last(series, in: span[1]), previous: last(series, in: span[0]))
        })
    }

    /// Barriers as they stand, and how many were recorded and resolved in the quarter. Three queries.
    static func barriers(of organisationID: UUID, team: UUID?, in period: StaffChanges.Period, on database: any Database) async throws -> Barriers {
        var query = Barrier.query(on: database).filter(\.$organisationID == organisationID)
        if let team { query = query.filter(\.$teamID == team) }
        let all = try await query.all()
        let resolved = all.isEmpty ? 0 : try await BarrierReview.query(on: database).filter(\.$barrierID ~~ all.compactMap(\.id))
            .filter(\.$status == .resolved).filter(\.$at >= period.start).filter(\.$at < until(period)).all()
            .reduce(into: Set<UUID>()) { $0.insert($1.barrierID) }.count
        let open = all.filter { [.open, .beingAddressed].contains($0.status) }.sorted { ($0.updatedAt, $0.id!.uuidString) > ($1.updatedAt, $1.id!.uuidString) }
            .prefix(5)
        let owners = try await Account.displayNames(of: Set(open.map(\.ownerID)), on: database)
        return Barriers(
            byStatus: all.reduce(into: [:]) { $0[$1.status, default: 0] += 1 },
            recorded: all.filter { $0.createdAt >= period.start && $0.createdAt < until(period) }.count,
            resolved: resolved,
            open: open.map { barrier in
                Evaluation.Barriers.Summary(id: barrier.id!, title: barrier.title, kind: barrier.kind, status: barrier.status, team: nil,
                                            service: barrier.service, owner: owners[barrier.ownerID] ?? "", nextDue: nil, updatedAt: barrier.updatedAt)
            })
    }
}
