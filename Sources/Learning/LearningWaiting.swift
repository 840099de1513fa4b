import Fluent
import Foundation
import KanssaCore

/// What Learning asks of a member of staff now: a self-assessment round to answer and a learning
/// set meeting within a week (professionals); a round about to close and a closed round whose
/// figures are there to read (those who see the figures). Bounded by the rounds open or lately
/// closed, not by how many there have ever been.
public enum LearningWaiting {
    public enum Item: Sendable, Equatable {
        case roundToAnswer(round: UUID, label: String, closesAt: Date, started: Bool)
        case setMeeting(set: UUID, name: String, startsAt: Date)
        case roundClosing(organisation: UUID, round: UUID, label: String, closesAt: Date, submitted: Int)
        case figuresReady(organisation: UUID, round: UUID, label: String, closedAt: Date, submitted: Int)
        /// A learning session the person registered for, within a week.
        case sessionRegistered(session: UUID, title: String, startsAt: Date)
        /// A learning session of an organisation the person runs sessions for, within two weeks.
        case sessionComing(session: UUID, title: String, startsAt: Date, registered: Int, capacity: Int?)
    }

    /// How far ahead a meeting or a round's end counts, and how long a closed round's figures
    /// stay news.
    public static let daysAhead = 7
    public static let daysAfterClosing = 14

    /// Whether Learning may ask anything of this person: professionals, and those who see
    /// round figures or run learning sessions.
    public static func concerns(_ principal: Principal) -> Bool {
        principal.organisationIDs.contains { organisation in
            principal.roles(in: organisation).contains(.professional)
                || Policy.decide(.seeRoundFigures(organisation), for: principal).isAllowed
                || Policy.decide(.runLearningSessions(organisation), for: principal).isAllowed
        }
    }

    public static func items(for principal: Principal, now: Date, on database: any Database) async throws -> [Item] {
        let professionalOf = principal.memberships.filter { $0.role == .professional }.map(\.organisationID)
        let figuresOf = principal.organisationIDs.filter { Policy.decide(.seeRoundFigures($0), for: principal).isAllowed }
        let runsSessionsOf = principal.organisationIDs.filter { Policy.decide(.runLearningSessions($0), for: principal).isAllowed }
        let organisations = Array(Set(professionalOf + figuresOf + runsSessionsOf))
        guard !organisations.isEmpty else { return [] }
        let week = now.addingTimeInterval(TimeInterval(daysAhead) * 86_400)
        let rounds = try await AssessmentRound.query(on: database).filter(\.$organisationID ~~ organisations)
            .filter(\.$closesAt > now.addingTimeInterval(-TimeInterval(daysAfterClosing) * 86_400))
            .sort(\.$closesAt).all()
        var items: [Item] = []
        let answerable = rounds.filter {
            $0.closesAt > now && Policy.decide(.answerRound(organisation: $0.organisationID, team: $0.teamID), for: principal).isAllowed
        }
        if !answerable.isEmpty {
            let mine = try await AssessmentAnswer.query(on: database).filter(\.$accountID == principal.accountID)
                .filter(\.$roundID ~~ answerable.compactMap(\.id)).all()
                .reduce(into: [UUID: AssessmentAnswer]()) { $0[$1.roundID] = $1 }
            for round in answerable {
                guard let id = round.id, mine[id]?.submittedAt == nil else { continue }
                items.append(.roundToAnswer(round: id, label: round.label, closesAt: round.closesAt, started: mine[id] != nil))
            }
        }
        if !professionalOf.isEmpty {
            for set in try await MyRounds.sets(of: principal.accountID, now: now, on: database) {
                guard let meeting = set.nextMeeting, meeting <= week else { continue }
                items.append(.setMeeting(set: set.id, name: set.name, startsAt: meeting))
            }
        }
        let watched = rounds.filter { figuresOf.contains($0.organisationID) }
        if !watched.isEmpty {
            let submitted = try await Rounds.submittedCounts(of: watched.compactMap(\.id), on: database)
            for round in watched {
                guard let id = round.id else { continue }
                if round.closesAt <= now {
                    items.append(.figuresReady(organisation: round.organisationID, round: id, label: round.label,
                                               closedAt: round.closesAt, submitted: submitted[id] ?? 0))
                } else if round.closesAt <= week {
                    items.append(.roundClosing(organisation: round.organisationID, round: id, label: round.label,
                                               closesAt: round.closesAt, submitted: submitted[id] ?? 0))
                }
            }
        }
        items += try await sessions(
            for: principal, organisations: Array(Set(professionalOf + runsSessionsOf)), runsSessionsOf: Set(runsSessionsOf),
            now: now, on: database)
        return items
    }

    /// Sessions in the next two weeks: those the person registered for (within a week) and, for
    /// those who run sessions, every one of their organisations with how many registered. Two
    /// queries, bounded by the sessions of the fortnight.
    private static func sessions(
        for principal: Principal, organisations: [UUID], runsSessionsOf: Set<UUID>, now: Date, on database: any Database
    ) async throws -> [Item] {
        guard !organisations.isEmpty else { return [] }
        let fortnight = now.addingTimeInterval(2 * TimeInterval(daysAhead) * 86_400)
        let week = now.addingTimeInterval(TimeInterval(daysAhead) * 86_400)
        let sessions = try await LearningSession.query(on: database).filter(\.$organisationID ~~ organisations)
            .filter(\.$startsAt > now).filter(\.$startsAt <= fortnight).sort(\.$startsAt).all()
        guard !sessions.isEmpty else { return [] }
        let registrations = try await SessionRegistration.query(on: database)
            .filter(\.$sessionID ~~ sessions.compactMap(\.id)).filter(\.$cancelledAt == nil).all()
        var items: [Item] = []
        for session in sessions {
            guard let id = session.id else { continue }
            let here = registrations.filter { $0.sessionID == id }
            if runsSessionsOf.contains(session.organisationID) {
                items.append(.sessionComing(session: id, title: session.title, startsAt: session.startsAt,
                                            registered: here.count, capacity: session.capacity))
            } else if session.startsAt <= week, here.contains(where: { $0.accountID == principal.accountID }) {
                items.append(.sessionRegistered(session: id, title: session.title, startsAt: session.startsAt))
            }
        }
        return items
    }
}
