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
    }

    /// How far ahead a meeting or a round's end counts, and how long a closed round's figures
    /// stay news.
    public static let daysAhead = 7
    public static let daysAfterClosing = 14

    public static func items(for principal: Principal, now: Date, on database: any Database) async throws -> [Item] {
        let professionalOf = principal.memberships.filter { $0.role == .professional }.map(\.organisationID)
        let figuresOf = principal.organisationIDs.filter { Policy.decide(.seeRoundFigures($0), for: principal).isAllowed }
        let organisations = Array(Set(professionalOf + figuresOf))
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
        return items
    }
}
