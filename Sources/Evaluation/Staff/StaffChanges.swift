import Fluent
import Foundation
import KanssaCore

/// Staff changes seen from the teams: who joined and left which team and when (from the stints
/// every change of team places writes, ``TeamMembership``), and per team and quarter the
/// turnover, the stability and the median tenure — the structural conditions the seed names.
public enum StaffChanges {
    /// A span of time figures are given for: a calendar quarter, the current one up to now.
    public struct Period: Sendable, Equatable {
        public let start: Date
        public let end: Date
        /// The quarter's first day ("2026-10-01"), for its label.
        public let firstDay: String
        /// Whether it runs to now rather than to its end.
        public let isCurrent: Bool
    }

    /// The last `count` calendar quarters, oldest first, the current one ending now.
    public static func quarters(_ count: Int, endingAt now: Date, timeZone: TimeZone) -> [Period] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month], from: now)
        let month = ((parts.month ?? 1) - 1) / 3 * 3 + 1
        guard var start = calendar.date(from: DateComponents(year: parts.year, month: month, day: 1)) else { return [] }
        var periods: [Period] = []
        var end = now
        for index in 0..<max(1, count) {
            let day = calendar.dateComponents([.year, .month, .day], from: start)
            periods.append(Period(start: start, end: end, firstDay: String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 1, day.day ?? 1),
                                  isCurrent: index == 0))
            end = start
            guard let earlier = calendar.date(byAdding: .month, value: -3, to: start) else { break }
            start = earlier
        }
        return periods.reversed()
    }

    /// One team's figures in one period. Each is nil where its divisor is nought.
    public struct Figures: Sendable, Equatable {
        public let atStart: Int
        public let atEnd: Int
        public let joined: Int
        public let left: Int
        /// Leavers ÷ the average of the headcounts at the start and at the end.
        public let turnover: Double?
        /// Of those there at the start, the share still there at the end.
        public let stability: Double?
        /// Days since joining of those there at the end, the middle one (the mean of the two in
        /// the middle when they are even).
        public let medianTenureDays: Double?
    }

    /// A stint as figures need it: when it began and ended.
    public struct Span: Sendable, Equatable {
        public let joinedAt: Date
        public let leftAt: Date?

        public init(joinedAt: Date, leftAt: Date?) {
            self.joinedAt = joinedAt
            self.leftAt = leftAt
        }

        func isPresent(at moment: Date) -> Bool {
            joinedAt <= moment && (leftAt.map { $0 > moment } ?? true)
        }
    }

    /// The figures of one team's stints in one period.
    public static func figures(_ spans: [Span], in period: Period) -> Figures {
        let atStart = spans.filter { $0.isPresent(at: period.start) }
        let atEnd = spans.filter { $0.isPresent(at: period.end) }
        let left = spans.filter { $0.leftAt.map { $0 > period.start && $0 <= period.end } ?? false }.count
        let joined = spans.filter { $0.joinedAt > period.start && $0.joinedAt <= period.end }.count
        let average = Double(atStart.count + atEnd.count) / 2
        let stayed = atStart.filter { $0.isPresent(at: period.end) }.count
        let tenures = atEnd.map { period.end.timeIntervalSince($0.joinedAt) / 86_400 }.sorted()
        let median: Double? = tenures.isEmpty ? nil
            : tenures.count % 2 == 1 ? tenures[tenures.count / 2] : (tenures[tenures.count / 2 - 1] + tenures[tenures.count / 2]) / 2
        return Figures(
            atStart: atStart.count, atEnd: atEnd.count, joined: joined, left: left,
            turnover: average > 0 ? Double(left) / average : nil,
            stability: atStart.isEmpty ? nil : Double(stayed) / Double(atStart.count),
            medianTenureDays: median)
    }

    public struct TeamRow: Sendable, Equatable {
        public let teamID: UUID
        public let name: String
        /// By period, in the order of ``Model/periods``.
        public let figures: [Figures]
    }

    /// One change in the register: someone's stint in a team, begun and perhaps ended.
    public struct Line: Sendable, Equatable {
        public let id: UUID
        public let team: String
        /// Nil once the person was erased.
        public let person: String?
        public let joinedAt: Date
        public let leftAt: Date?
        public let reason: LeaveReason?
    }

    public struct Model: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let periods: [Period]
        public let teams: [TeamRow]
        /// Plans that lost the last person who could see them, by period as ``periods``.
        public let continuity: [Continuity.Figures]
        /// Who joined and left, newest change first: for those who manage the organisation's members.
        public var register: Paged<Line>?
        public var notice: Notice?
    }

    /// The organisation's teams with their figures over the last four quarters, and the plans'
    /// continuity over the same. Two queries — the teams, and their stints (a row per time someone
    /// was in a team) — and three more when someone left in that time (``Continuity``).
    public static func load(
        organisation: Organisation, now: Date, timeZone: TimeZone, on database: any Database
    ) async throws -> Model {
        let organisationID = try organisation.requireID()
        let teams = try await Team.query(on: database).filter(\.$organisation.$id == organisationID).sort(\.$name).sort(\.$id).all()
        let stints = try await Continuity.Stint.of(teams: teams.compactMap(\.id), on: database)
        let periods = quarters(4, endingAt: now, timeZone: timeZone)
        let spans = Dictionary(grouping: stints, by: \.team).mapValues { $0.map { Span(joinedAt: $0.joinedAt, leftAt: $0.leftAt) } }
        return Model(
            organisationID: organisationID, organisationName: organisation.name, periods: periods,
            teams: teams.map { team in
                TeamRow(teamID: team.id!, name: team.name, figures: periods.map { figures(spans[team.id!] ?? [], in: $0) })
            },
            continuity: try await Continuity.load(teams: teams.compactMap(\.id), stints: stints, periods: periods, now: now, on: database))
    }

    /// A page of the register, newest change first. Three queries.
    public static func register(of organisationID: UUID, page: ListPage, on database: any Database) async throws -> Paged<Line> {
        let teams = try await Team.query(on: database).filter(\.$organisation.$id == organisationID).all()
        let names = teams.reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let query = TeamStint.query(on: database).filter(\.$teamID ~~ Array(names.keys))
        let total = try await query.count()
        // The latest change of a stint is its leaving, or else its joining.
        let stints = try await query.copy()
            .sort(.sql(unsafeRaw: "COALESCE(left_at, joined_at)"), .descending).sort(\.$id)
            .range(page.offset..<(page.offset + page.size)).all()
        let people = try await Account.displayNames(of: Array(Set(stints.compactMap(\.accountID))), on: database)
        return Paged(items: stints.map { stint in
            Line(id: stint.id!, team: names[stint.teamID] ?? "", person: stint.accountID.map { people[$0] ?? "" }, joinedAt: stint.joinedAt,
                 leftAt: stint.leftAt, reason: stint.leaveReason)
        }, page: page, total: total)
    }

    /// A stint of one of the organisation's teams, with its team's name and the person's.
    public static func stint(_ stintID: UUID, of organisationID: UUID, on database: any Database) async throws -> Line? {
        guard let stint = try await TeamStint.find(stintID, on: database),
              let team = try await Team.find(stint.teamID, on: database), team.$organisation.id == organisationID
        else { return nil }
        var person: String?
        if let accountID = stint.accountID { person = try await Account.displayNames(of: [accountID], on: database)[accountID] ?? "" }
        return Line(id: stintID, team: team.name, person: person, joinedAt: stint.joinedAt, leftAt: stint.leftAt, reason: stint.leaveReason)
    }

    /// Records why a stint ended; only an ended one has a reason.
    public static func recordReason(
        _ reason: LeaveReason, for stintID: UUID, by accountID: UUID, at now: Date, on database: any Database
    ) async throws {
        guard let stint = try await TeamStint.find(stintID, on: database), stint.leftAt != nil else { throw EvaluationError.notEnded }
        stint.leaveReason = reason
        stint.reasonByID = accountID
        stint.reasonAt = now
        try await stint.update(on: database)
    }
}

/// What Evaluation refuses, for the pages to say in the person's words.
public enum EvaluationError: Error, Equatable {
    /// A reason for leaving, given for someone still in the team.
    case notEnded
}
