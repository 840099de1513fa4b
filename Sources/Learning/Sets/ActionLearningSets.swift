import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Action-learning sets: setting one up with its schedule, and the set's own record of its
/// meetings. Each function is told which set it works in and finds nothing outside it, so an id
/// from another set is a record that does not exist.
public enum ActionLearningSets {
    public static let members = 4...7
    public static let meetingsAtOnce = 1...12
    public static let weeksApart = 1...8

    // MARK: Who is inside

    /// The set as the policy sees it: facilitator and current members. Two queries.
    public static func access(setID: UUID, on database: any Database) async throws -> SetAccess? {
        guard let set = try await LearningSet.find(setID, on: database) else { return nil }
        let members = try await SetMember.query(on: database).filter(\.$setID == setID).filter(\.$leftAt == nil).all(\.$accountID)
        return SetAccess(setID: setID, organisationID: set.organisationID, facilitatorID: set.facilitatorID, memberIDs: Set(members))
    }

    // MARK: Setting up

    /// Someone a coordinator can choose: as facilitator, any professional, coordinator or trainer of
    /// the organisation; as a member, its professionals.
    public struct Candidate: Sendable, Equatable {
        public let id: UUID
        public let name: String
        public let mayBeMember: Bool
    }

    /// The organisation's people who can take part in a set, by name. Two queries.
    public static func candidates(in organisationID: UUID, on database: any Database) async throws -> [Candidate] {
        try await Membership.people(holding: [.professional, .coordinator, .trainer], in: [organisationID], on: database).map {
            Candidate(id: $0.id, name: $0.name, mayBeMember: $0.roles.contains(.professional))
        }
    }

    public struct Setup: Sendable, Equatable {
        public let name: String
        public let facilitatorID: UUID
        public let memberIDs: [UUID]
        public let meetings: [Date]
        public let place: String
    }

    public enum SetupProblem: String, Sendable, Equatable, CaseIterable {
        case name, facilitator, members, first, time, weeks, count, place
    }

    /// What a coordinator typed to set up a set, checked: a name; a facilitator who is not also a
    /// member; 4–7 members; the first meeting on a day from today, at a time, then every 1–8
    /// weeks, 1–12 meetings; a place (a room, an address or a link).
    public static func checkSetup(
        _ fields: [String: String], members: [String], candidates: [Candidate], timeZone: TimeZone, now: Date
    ) -> Result<Setup, ProblemList<SetupProblem>> {
        var problems: [SetupProblem] = []
        let name = TypedText.clean(fields["name"], maxLength: nameLength)
        if name == nil { problems.append(.name) }
        let byID = candidates.reduce(into: [UUID: Candidate]()) { $0[$1.id] = $1 }
        let facilitator = fields["facilitator"].flatMap(UUID.init(uuidString:)).flatMap { byID[$0] }
        if facilitator == nil { problems.append(.facilitator) }
        let chosen = Array(Set(members.compactMap(UUID.init(uuidString:))))
        if chosen.count != members.count || !ActionLearningSets.members.contains(chosen.count)
            || chosen.contains(where: { byID[$0]?.mayBeMember != true || $0 == facilitator?.id })
        {
            problems.append(.members)
        }
        let first = Days.upcomingDay(fields["first"] ?? "", in: timeZone, now: now)
        if first == nil { problems.append(.first) }
        let time = Days.minutes(fields["time"] ?? "")
        if time == nil { problems.append(.time) }
        let weeks = Int(fields["weeks"] ?? "")
        if weeks.map({ !weeksApart.contains($0) }) ?? true { problems.append(.weeks) }
        let count = Int(fields["count"] ?? "")
        if count.map({ !meetingsAtOnce.contains($0) }) ?? true { problems.append(.count) }
        let place = TypedText.clean(fields["place"], maxLength: placeLength)
        if place == nil { problems.append(.place) }
        guard let name, let facilitator, let first, let time, let weeks, let count, let place, problems.isEmpty else {
            return .failure(ProblemList(problems))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let meetings = (0..<count).compactMap { index -> Date? in
            calendar.date(byAdding: .day, value: 7 * weeks * index, to: first)
                .flatMap { Days.at(minutes: time, on: $0, in: timeZone) }
        }
        return .success(Setup(name: name, facilitatorID: facilitator.id, memberIDs: chosen, meetings: meetings, place: place))
    }

    /// Creates the set, its members and its meetings in one transaction.
    public static func create(
        _ setup: Setup, organisationID: UUID, by coordinatorID: UUID, at now: Date, on database: any Database
    ) async throws -> UUID {
        try await database.transaction { database in
            let set = LearningSet(organisationID: organisationID, name: setup.name, facilitatorID: setup.facilitatorID,
                                  createdByID: coordinatorID, at: now)
            try await set.create(on: database)
            let setID = try set.requireID()
            for member in setup.memberIDs { try await SetMember(setID: setID, accountID: member, at: now).create(on: database) }
            for start in setup.meetings { try await SetMeeting(setID: setID, startsAt: start, place: setup.place).create(on: database) }
            return setID
        }
    }

    /// A set of the organisation, or nil: a set id of another organisation is not found.
    public static func set(_ setID: UUID, of organisationID: UUID, on database: any Database) async throws -> LearningSet? {
        try await LearningSet.query(on: database).filter(\.$id == setID).filter(\.$organisationID == organisationID).first()
    }

    /// Changes who is in a set: those no longer chosen leave (their words stay in the set's
    /// record; they no longer read it), those newly chosen join, and someone who left and is
    /// chosen again comes back. Still 4–7 professionals, never the facilitator. False if the
    /// choice breaks that.
    public static func changeMembers(
        of set: LearningSet, to chosen: [String], candidates: [Candidate], at now: Date, on database: any Database
    ) async throws -> Bool {
        let ids = Set(chosen.compactMap(UUID.init(uuidString:)))
        let byID = candidates.reduce(into: [UUID: Candidate]()) { $0[$1.id] = $1 }
        guard ids.count == chosen.count, members.contains(ids.count),
            ids.allSatisfy({ byID[$0]?.mayBeMember == true && $0 != set.facilitatorID })
        else { return false }
        let setID = try set.requireID()
        try await database.transaction { database in
            let rows = try await SetMember.query(on: database).filter(\.$setID == setID).all()
            for row in rows {
                let wanted = ids.contains(row.accountID)
                if wanted && row.leftAt != nil {
                    row.leftAt = nil
                    row.joinedAt = now
                    try await row.save(on: database)
                } else if !wanted && row.leftAt == nil {
                    row.leftAt = now
                    try await row.save(on: database)
                }
            }
            let known = Set(rows.map(\.accountID))
            for newcomer in ids.subtracting(known) {
                try await SetMember(setID: setID, accountID: newcomer, at: now).create(on: database)
            }
        }
        return true
    }

    // MARK: Meetings

    public enum MeetingProblem: String, Sendable, Equatable, CaseIterable {
        case date, time, place
    }

    /// A further meeting the facilitator schedules: a day within a year either side of today (a
    /// meeting already held can be written down afterwards), a time, a place.
    public static func checkMeeting(
        _ fields: [String: String], timeZone: TimeZone, now: Date
    ) -> Result<(startsAt: Date, place: String), ProblemList<MeetingProblem>> {
        var problems: [MeetingProblem] = []
        let day = Days.startOfDay(fields["date"] ?? "", in: timeZone)
        if day.map({ abs($0.timeIntervalSince(now)) > 366 * 24 * 3600 }) ?? true { problems.append(.date) }
        let time = Days.minutes(fields["time"] ?? "")
        if time == nil { problems.append(.time) }
        let place = TypedText.clean(fields["place"], maxLength: placeLength)
        if place == nil { problems.append(.place) }
        guard let day, let time, let place, problems.isEmpty else { return .failure(ProblemList(problems)) }
        guard let startsAt = Days.at(minutes: time, on: day, in: timeZone) else { return .failure(ProblemList([.time])) }
        return .success((startsAt, place))
    }

    public static func meeting(_ meetingID: UUID, in setID: UUID, on database: any Database) async throws -> SetMeeting? {
        try await SetMeeting.query(on: database).filter(\.$id == meetingID).filter(\.$setID == setID).first()
    }

    /// Whether a meeting's day has come: what happens at it is written from that day on, not before.
    public static func hasBegun(_ meeting: SetMeeting, timeZone: TimeZone, now: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.startOfDay(for: meeting.startsAt) <= now
    }

    /// Records who came: people inside the set only (others are ignored), replacing what was
    /// recorded before.
    public static func recordAttendance(
        _ present: Set<UUID>, at meeting: SetMeeting, access: SetAccess, now: Date, on database: any Database
    ) async throws {
        let meetingID = try meeting.requireID()
        try await database.transaction { database in
            try await SetAttendance.query(on: database).filter(\.$meetingID == meetingID).delete()
            for person in present where access.isInside(person) {
                try await SetAttendance(meetingID: meetingID, accountID: person).create(on: database)
            }
            meeting.attendanceRecordedAt = now
            try await meeting.save(on: database)
        }
    }

    // MARK: What is said

    public static let nameLength = 100
    public static let placeLength = 200
    public static let summaryLength = 2000
    public static let questionLength = 500
    public static let commitmentLength = 500

    public static func challenge(_ challengeID: UUID, in setID: UUID, on database: any Database) async throws -> SetChallenge? {
        try await SetChallenge.query(on: database).filter(\.$id == challengeID).filter(\.$setID == setID).first()
    }

    public static func commitment(_ commitmentID: UUID, in setID: UUID, on database: any Database) async throws -> SetCommitment? {
        try await SetCommitment.query(on: database).filter(\.$id == commitmentID).filter(\.$setID == setID).first()
    }

    /// Whether a commitment can be reported on at a meeting: one after the meeting it was made at.
    public static func isLater(_ meeting: SetMeeting, than commitment: SetCommitment, on database: any Database) async throws -> Bool {
        guard let challenge = try await SetChallenge.find(commitment.challengeID, on: database),
            let madeAt = try await SetMeeting.find(challenge.meetingID, on: database)
        else { return false }
        return meeting.startsAt > madeAt.startsAt
    }

    /// Records what happened and what was learned. A report is given once: a second one (say,
    /// from a form open in two tabs) is refused rather than written over the first.
    public static func report(
        _ commitment: SetCommitment, happened: String, learned: String, at meeting: SetMeeting, now: Date, on database: any Database
    ) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { return false }
        let rows = try await sql.update(SetCommitment.schema)
            .set("what_happened", to: happened).set("what_learned", to: learned)
            .set("reported_at", to: now).set("reported_meeting_id", to: meeting.requireID())
            .where("id", .equal, commitment.requireID())
            .where("reported_at", .is, SQLLiteral.null)
            .returning("id")
            .all()
        return rows.count == 1
    }
}
