import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Coaching: starting a relationship, writing GROW-shaped sessions, ending it, and the coachee's
/// decision about the coach's reading afterwards.
public enum Coachings {
    public static let partLength = 2000

    public struct Candidate: Sendable, Equatable {
        public let id: UUID
        public let name: String
        public let organisationID: UUID
    }

    /// Who can coach a professional: the trainers, coordinators and other professionals of the
    /// organisations where they are a professional. Two queries.
    public static func coaches(for principal: Principal, on database: any Database) async throws -> [Candidate] {
        let organisations = principal.memberships.filter { $0.role == .professional }.map(\.organisationID)
        return try await Membership.people(holding: [.professional, .coordinator, .trainer], in: organisations, on: database)
            .filter { $0.id != principal.accountID }
            .map { Candidate(id: $0.id, name: $0.name, organisationID: $0.organisationID) }
    }

    public static func find(_ id: UUID, on database: any Database) async throws -> CoachingRelationship? {
        try await CoachingRelationship.find(id, on: database)
    }

    /// Starts a relationship with a coach from the list; nil if the coach is not one of them or
    /// the two already have one going on.
    public static func start(
        coachID: UUID, coachee: Principal, candidates: [Candidate], at now: Date, on database: any Database
    ) async throws -> UUID? {
        guard let coach = candidates.first(where: { $0.id == coachID }) else { return nil }
        let going = try await CoachingRelationship.query(on: database).filter(\.$coachID == coachID)
            .filter(\.$coacheeID == coachee.accountID).filter(\.$endedAt == nil).count()
        guard going == 0 else { return nil }
        let relationship = CoachingRelationship(organisationID: coach.organisationID, coachID: coachID, coacheeID: coachee.accountID, at: now)
        try await relationship.create(on: database)
        return try relationship.requireID()
    }

    public enum SessionProblem: String, Sendable, Equatable, CaseIterable {
        case heldOn = "held-on", empty = "goal", tooLong = "parts"
    }

    /// A session's notes: a day that has come (within a year), and at least one of the four
    /// parts, none longer than 2,000 characters.
    public static func check(
        _ fields: [String: String], timeZone: TimeZone, now: Date
    ) -> Result<(heldOn: Date, notes: CoachingNotes), ProblemList<SessionProblem>> {
        var problems: [SessionProblem] = []
        let day = Days.startOfDay(fields["held-on"] ?? "", in: timeZone)
        if day.map({ $0 > now || now.timeIntervalSince($0) > 366 * 24 * 3600 }) ?? true { problems.append(.heldOn) }
        var parts: [String: String] = [:]
        var tooLong = false
        for part in ["goal", "reality", "options", "will"] {
            let typed = fields[part]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !typed.isEmpty else { parts[part] = ""; continue }
            if let clean = TypedText.clean(typed, maxLength: partLength, multiline: true) { parts[part] = clean } else { tooLong = true }
        }
        if tooLong { problems.append(.tooLong) } else if parts.values.allSatisfy(\.isEmpty) { problems.append(.empty) }
        guard let day, problems.isEmpty else { return .failure(ProblemList(problems)) }
        return .success((day, CoachingNotes(goal: parts["goal"] ?? "", reality: parts["reality"] ?? "", options: parts["options"] ?? "",
                                            will: parts["will"] ?? "")))
    }

    /// Ends a relationship still going on; false if it had ended already (say, by the other person).
    public static func end(_ access: CoachingAccess, at now: Date, on database: any Database) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { return false }
        let rows = try await sql.update(CoachingRelationship.schema).set("ended_at", to: now)
            .where("id", .equal, access.coachingID).where("ended_at", .is, SQLLiteral.null)
            .returning("id").all()
        return rows.count == 1
    }

    /// The coachee's decision whether the coach may read the record after it ends.
    public static func setCoachReading(_ allowed: Bool, _ access: CoachingAccess, on database: any Database) async throws {
        try await CoachingRelationship.query(on: database).filter(\.$id == access.coachingID)
            .set(\.$coachMayReadAfterEnd, to: allowed).update()
    }
}
