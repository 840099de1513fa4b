import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Staff pulses: a coordinator schedules one for teams; while a period is open each staff member
/// of those teams answers once, anonymously; figures come only from five answers or more
/// (``PulseFigures``).
public enum Pulses {
    public static let labelLength = 100
    /// How often a pulse may open, in weeks.
    public static let intervals = [2, 4, 6, 8, 12]
    /// The longest a period stays open, in days (and never longer than the interval).
    public static let longestOpen = 14
    /// Only the teams a pulse asks can answer it; a list this long is not a form's.
    static let mostTeams = 200

    // MARK: Scheduling

    public struct Plan: Sendable, Equatable {
        public let label: String
        public let teamIDs: [UUID]
        public let everyWeeks: Int
        public let openDays: Int
        public let startsAt: Date
    }

    public enum PlanProblem: String, Sendable, Equatable, CaseIterable {
        case label, teams, every, open, starts
    }

    /// Checks a coordinator's form: a label, one or more of the organisation's teams, an interval
    /// from ``intervals``, 1 to ``longestOpen`` days open (within the interval), and a first day
    /// from today to a year ahead.
    public static func check(
        label: String, teams: [String], every: String, open: String, starts: String, organisationTeams: Set<UUID>, timeZone: TimeZone,
        now: Date
    ) -> Result<Plan, ProblemList<PlanProblem>> {
        var problems: [PlanProblem] = []
        let cleaned = TypedText.clean(label, maxLength: labelLength)
        if cleaned == nil { problems.append(.label) }
        let picked = teams.prefix(mostTeams).map { UUID(uuidString: $0) }
        let teamIDs = Array(Set(picked.compactMap { $0 })).sorted { $0.uuidString < $1.uuidString }
        if teamIDs.isEmpty || teams.count > mostTeams || picked.contains(nil) || !Set(teamIDs).isSubset(of: organisationTeams) {
            problems.append(.teams)
        }
        let everyWeeks = Int(every).flatMap { intervals.contains($0) ? $0 : nil }
        if everyWeeks == nil { problems.append(.every) }
        let openDays = Int(open).flatMap { (1...min(longestOpen, (everyWeeks ?? 52) * 7)).contains($0) ? $0 : nil }
        if openDays == nil { problems.append(.open) }
        let startsAt = Days.upcomingDay(starts, in: timeZone, now: now)
        if startsAt == nil { problems.append(.starts) }
        guard let cleaned, let everyWeeks, let openDays, let startsAt, problems.isEmpty else { return .failure(ProblemList(problems)) }
        return .success(Plan(label: cleaned, teamIDs: teamIDs, everyWeeks: everyWeeks, openDays: openDays, startsAt: startsAt))
    }

    public static func schedule(
        _ plan: Plan, organisationID: UUID, instrument: Instrument, by coordinatorID: UUID, at now: Date, on database: any Database
    ) async throws -> UUID {
        let schedule = PulseSchedule(
            organisationID: organisationID, label: plan.label, instrumentID: instrument.id, instrumentVersion: instrument.version,
            everyWeeks: plan.everyWeeks, openDays: plan.openDays, startsAt: plan.startsAt, createdByID: coordinatorID, at: now)
        try await database.transaction { database in
            try await schedule.create(on: database)
            for team in plan.teamIDs {
                try await PulseTeam(scheduleID: try schedule.requireID(), teamID: team).create(on: database)
            }
        }
        return try schedule.requireID()
    }

    /// Stops a pulse: no period opens from now on. False when it was stopped already.
    public static func stop(_ schedule: PulseSchedule, at now: Date, on database: any Database) async throws -> Bool {
        guard schedule.stoppedAt == nil else { return false }
        schedule.stoppedAt = now
        try await schedule.save(on: database)
        return true
    }

    // MARK: Periods

    /// One opening of a pulse.
    public struct Period: Sendable, Equatable {
        public let index: Int
        public let opensAt: Date
        public let closesAt: Date

        public func isOpen(at now: Date) -> Bool { opensAt <= now && now < closesAt }
    }

    /// When a pulse opens and for how long, as plain data.
    public struct Timing: Sendable, Equatable {
        public let startsAt: Date
        public let everyWeeks: Int
        public let openDays: Int
        public let stoppedAt: Date?

        public init(startsAt: Date, everyWeeks: Int, openDays: Int, stoppedAt: Date?) {
            self.startsAt = startsAt
            self.everyWeeks = everyWeeks
            self.openDays = openDays
            self.stoppedAt = stoppedAt
        }

        public init(_ schedule: PulseSchedule) {
            self.init(startsAt: schedule.startsAt, everyWeeks: schedule.everyWeeks, openDays: schedule.openDays,
                      stoppedAt: schedule.stoppedAt)
        }

        public func period(_ index: Int) -> Period {
            let opensAt = startsAt.addingTimeInterval(Double(index * everyWeeks * 7) * 86_400)
            return Period(index: index, opensAt: opensAt, closesAt: opensAt.addingTimeInterval(Double(openDays) * 86_400))
        }

        /// Every period that has opened by `now` (none opens once the pulse is stopped).
        public func periods(until now: Date) -> [Period] {
            let end = min(now, stoppedAt ?? now)
            guard end >= startsAt else { return [] }
            let last = Int(end.timeIntervalSince(startsAt) / (Double(everyWeeks * 7) * 86_400))
            return (0...last).map(period).filter { period in period.opensAt <= end && (stoppedAt.map { period.opensAt < $0 } ?? true) }
        }

        /// The period open now, if one is.
        public func current(at now: Date) -> Period? {
            periods(until: now).last.flatMap { $0.isOpen(at: now) ? $0 : nil }
        }

        /// The next period to open after `now`, unless stopped.
        public func next(after now: Date) -> Period? {
            guard stoppedAt == nil else { return nil }
            let index = now < startsAt ? 0 : Int(now.timeIntervalSince(startsAt) / (Double(everyWeeks * 7) * 86_400)) + 1
            return period(index)
        }
    }

    // MARK: Answering

    public static func teams(of scheduleID: UUID, on database: any Database) async throws -> Set<UUID> {
        Set(try await PulseTeam.query(on: database).filter(\.$scheduleID == scheduleID).all().map(\.teamID))
    }

    public static func hasAnswered(_ accountID: UUID, scheduleID: UUID, period: Int, on database: any Database) async throws -> Bool {
        try await PulseResponse.query(on: database).filter(\.$scheduleID == scheduleID).filter(\.$period == period)
            .filter(\.$accountID == accountID).count() > 0
    }

    /// Keeps one person's answers without their account, and that they answered, and adds their
    /// scores to the period's sums. False (nothing kept) when they had answered this period
    /// already — also when two sends race.
    public static func answer(
        _ answers: [String: Int], instrument: Instrument, scheduleID: UUID, period: Int, teamID: UUID, accountID: UUID,
        on database: any Database
    ) async throws -> Bool {
        do {
            try await database.transaction { database in
                try await PulseResponse(scheduleID: scheduleID, period: period, accountID: accountID).create(on: database)
                try await PulseAnswer(scheduleID: scheduleID, period: period, teamID: teamID, answers: stored(answers)).create(on: database)
                try await PulseTallies.add([PulseTallies.Key(period: period, teamID: teamID): PulseTallies.sums(of: answers, instrument: instrument)],
                                           scheduleID: scheduleID, on: database)
            }
            return true
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return false
        }
    }

    public static func stored(_ answers: [String: Int]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(answers)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func read(_ stored: String) -> [String: Int] {
        (try? JSONDecoder().decode([String: Int].self, from: Data(stored.utf8))) ?? [:]
    }

    // MARK: What is open for a person

    public struct Open: Sendable, Equatable {
        public let scheduleID: UUID
        public let label: String
        public let closesAt: Date
    }

    /// The pulses open now that ask one of the person's teams and that they have not answered.
    /// Three queries, bounded by the pulses of their organisations.
    public static func open(for principal: Principal, now: Date, on database: any Database) async throws -> [Open] {
        let organisations = principal.organisationIDs.filter {
            !principal.roles(in: $0).isDisjoint(with: [.professional, .coordinator, .trainer])
        }
        guard !organisations.isEmpty, !principal.teamIDs.isEmpty else { return [] }
        let schedules = try await PulseSchedule.query(on: database).filter(\.$organisationID ~~ organisations)
            .filter(\.$startsAt <= now).group(.or) { $0.filter(\.$stoppedAt == nil).filter(\.$stoppedAt > now.addingTimeInterval(-Double(longestOpen) * 86_400)) }
            .sort(\.$startsAt).all()
        let current = schedules.compactMap { schedule in Timing(schedule).current(at: now).map { (schedule, $0) } }
        guard !current.isEmpty else { return [] }
        let asked = try await PulseTeam.query(on: database).filter(\.$scheduleID ~~ current.compactMap { $0.0.id })
            .filter(\.$teamID ~~ Array(principal.teamIDs)).all()
        let mine = current.filter { schedule, _ in asked.contains { $0.scheduleID == schedule.id } }
        guard !mine.isEmpty else { return [] }
        let answered = try await PulseResponse.query(on: database).filter(\.$accountID == principal.accountID)
            .filter(\.$scheduleID ~~ mine.compactMap { $0.0.id }).all()
        return mine.compactMap { schedule, period in
            guard let id = schedule.id, !answered.contains(where: { $0.scheduleID == id && $0.period == period.index }) else { return nil }
            return Open(scheduleID: id, label: schedule.label, closesAt: period.closesAt)
        }
    }
}
