import Fluent
import Foundation
import KanssaCore

/// What Encountering offers other modules (Evaluation's dashboard): whom the service users'
/// training reached in a span, and whether people did what they meant to, weeks later. Counts
/// only; the follow-ups' outcomes only where five or more answered.
public enum EncounteringEvidence {
    public struct Reach: Sendable, Equatable {
        /// Sessions the organisation held (begun, not called off).
        public let sessions: Int
        /// Different professionals recorded as having come.
        public let trained: Int
        public let followUps: Int
        /// People per outcome, in `FollowUpOutcome.allCases` order; nil under five follow-ups.
        public let outcomes: [Int]?
    }

    /// One `Reach` per span: sessions by the day they began, follow-ups by the day they were
    /// answered. With a team, only its members today are counted as trained or as following up;
    /// the sessions are the organisation's. Four queries, and one more for a team.
    public static func reach(
        organisationID: UUID, teamID: UUID?, in spans: [Range<Date>], now: Date, on database: any Database
    ) async throws -> [Reach] {
        guard let first = spans.map(\.lowerBound).min(), let last = spans.map(\.upperBound).max() else { return [] }
        let sessions = try await EncounterSession.query(on: database).filter(\.$organisationID == organisationID)
            .filter(\.$cancelledAt == nil).filter(\.$startsAt >= first).filter(\.$startsAt < min(last, now)).all()
        let every = try await EncounterSession.query(on: database).filter(\.$organisationID == organisationID).all(\.$id)
        let came = sessions.isEmpty ? [] : try await EncounterRegistration.query(on: database).filter(\.$sessionID ~~ sessions.compactMap(\.id))
            .filter(\.$cancelledAt == nil).filter(\.$attended == true).all()
        let followUps = every.isEmpty ? [] : try await SessionFollowUp.query(on: database).filter(\.$sessionID ~~ every)
            .filter(\.$createdAt >= first).filter(\.$createdAt < last).all()
        let members: Set<UUID>? = if let teamID {
            Set(try await TeamMember.query(on: database).filter(\.$team.$id == teamID).all(\.$account.$id))
        } else { nil }
        let counted: (UUID) -> Bool = { members?.contains($0) ?? true }
        let began = sessions.reduce(into: [UUID: Date]()) { $0[$1.id!] = $1.startsAt }
        return spans.map { span in
            let trained = Set(came.filter { began[$0.sessionID].map(span.contains) == true && counted($0.accountID) }.map(\.accountID))
            let answered = followUps.filter { span.contains($0.createdAt) && counted($0.accountID) }
            return Reach(
                sessions: sessions.filter { span.contains($0.startsAt) }.count, trained: trained.count, followUps: answered.count,
                outcomes: answered.count >= GroupFigures.smallestGroup
                    ? FollowUpOutcome.allCases.map { outcome in answered.filter { $0.outcome == outcome.rawValue }.count } : nil)
        }
    }
}

extension EncounteringEvidence {
    /// For a research export: who registered for the organisation's sessions that began in the
    /// span, of which module, and whether the host recorded them as having come. Three queries.
    public static func attendance(of organisationID: UUID, from: Date, until: Date, on database: any Database) async throws -> ResearchTable {
        let sessions = try await EncounterSession.query(on: database).filter(\.$organisationID == organisationID)
            .filter(\.$cancelledAt == nil).filter(\.$startsAt >= from).filter(\.$startsAt < until).all()
        let registrations = sessions.isEmpty ? [] : try await EncounterRegistration.query(on: database)
            .filter(\.$sessionID ~~ sessions.compactMap(\.id)).filter(\.$cancelledAt == nil).all()
        let modules = sessions.isEmpty ? [] : try await TrainingModule.query(on: database).filter(\.$id ~~ Set(sessions.map(\.moduleID))).all()
        let titles = modules.reduce(into: [UUID: String]()) { $0[$1.id!] = $1.title }
        let byID = sessions.reduce(into: [UUID: EncounterSession]()) { $0[$1.id!] = $1 }
        return ResearchTable(columns: ["person", "session", "module", "came"], rows: registrations.compactMap { registration in
            guard let session = byID[registration.sessionID] else { return nil }
            let came: ResearchTable.Cell = registration.attended.map { .text($0 ? "yes" : "no") } ?? .none
            return [.person(registration.accountID), .day(session.startsAt), .text(titles[session.moduleID] ?? ""), came]
        })
    }
}
