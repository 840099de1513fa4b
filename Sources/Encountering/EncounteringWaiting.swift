import Fluent
import Foundation
import KanssaCore

/// What Encountering asks of a person now, for their home page: feedback to give on a session
/// they attended, a follow-up that is due; and for those who give sessions, a session coming
/// within two weeks, their own reflection on one they gave, and participants' feedback that can
/// be read (from five answers). Soonest and most pressing first.
public enum EncounteringWaiting {
    public enum Item: Sendable, Equatable {
        case feedback(session: UUID, title: String, startsAt: Date)
        case followUp(session: UUID, title: String, startsAt: Date)
        case giving(session: UUID, title: String, startsAt: Date)
        case reflection(session: UUID, title: String, startsAt: Date)
        case feedbackReady(session: UUID, title: String, answers: Int)
    }

    /// Days after a session in which feedback and a co-trainer's reflection are asked for.
    static let askingDays = 60.0
    static let givingAheadDays = 14.0

    /// Sessions attended whose feedback, or whose follow-up, waits for the person. Three queries.
    static func participation(of accountID: UUID, now: Date, on database: any Database) async throws
        -> (feedback: [EncounterSession], followUps: [EncounterSession], registered: Set<UUID>)
    {
        let mine = try await EncounterRegistration.query(on: database).filter(\.$accountID == accountID).filter(\.$cancelledAt == nil).all()
        let attended = mine.filter { $0.attended != false }.map(\.sessionID)
        let past = attended.isEmpty ? [] : try await EncounterSession.query(on: database).filter(\.$id ~~ attended).filter(\.$startsAt <= now)
            .filter(\.$cancelledAt == nil).sort(\.$startsAt, .descending).limit(50).all()
        let given = past.isEmpty ? [] : try await SessionFeedbackAnswer.query(on: database).filter(\.$accountID == accountID)
            .filter(\.$sessionID ~~ past.compactMap(\.id)).all(\.$sessionID)
        let answered = given.isEmpty ? [] : try await SessionFollowUp.query(on: database).filter(\.$accountID == accountID)
            .filter(\.$sessionID ~~ given).all(\.$sessionID)
        return (
            past.filter { !given.contains($0.id!) && $0.startsAt > now.addingTimeInterval(-askingDays * 24 * 3600) },
            past.filter { given.contains($0.id!) && !answered.contains($0.id!) && EncounterFeedbacks.followUpDue($0) <= now },
            Set(mine.map(\.sessionID))
        )
    }

    /// At most eight queries, each bounded by the person's own registrations and sessions.
    public static func items(for principal: Principal, now: Date, on database: any Database) async throws -> [Item] {
        let me = principal.accountID
        let attending = try await participation(of: me, now: now, on: database)
        let delivering = try await SessionCoTrainer.query(on: database).filter(\.$accountID == me).all(\.$sessionID)
        let giving = delivering.isEmpty ? [] : try await EncounterSession.query(on: database).filter(\.$id ~~ delivering)
            .filter(\.$cancelledAt == nil)
            .filter(\.$startsAt > now.addingTimeInterval(-askingDays * 24 * 3600))
            .filter(\.$startsAt < now.addingTimeInterval(givingAheadDays * 24 * 3600))
            .sort(\.$startsAt).limit(50).all()
        let given = giving.filter { $0.startsAt <= now }.compactMap(\.id)
        let reflected = given.isEmpty ? [] : try await CoTrainerReflection.query(on: database).filter(\.$accountID == me)
            .filter(\.$sessionID ~~ given).all(\.$sessionID)
        let answers = given.isEmpty ? [] : try await SessionFeedbackAnswer.query(on: database).filter(\.$sessionID ~~ given).all(\.$sessionID)
        let sessions = attending.feedback + attending.followUps + giving
        let titles = sessions.isEmpty ? [:] : try await TrainingModule.query(on: database).filter(\.$id ~~ Set(sessions.map(\.moduleID))).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.title }
        let title = { (session: EncounterSession) in titles[session.moduleID] ?? "" }
        let counts = answers.reduce(into: [UUID: Int]()) { $0[$1, default: 0] += 1 }
        return attending.followUps.map { .followUp(session: $0.id!, title: title($0), startsAt: $0.startsAt) }
            + attending.feedback.map { .feedback(session: $0.id!, title: title($0), startsAt: $0.startsAt) }
            + giving.filter { $0.startsAt <= now && !reflected.contains($0.id!) }
                .map { .reflection(session: $0.id!, title: title($0), startsAt: $0.startsAt) }
            + giving.filter { $0.startsAt > now }.map { .giving(session: $0.id!, title: title($0), startsAt: $0.startsAt) }
            + giving.filter { (counts[$0.id!] ?? 0) >= GroupFigures.smallestGroup }
                .map { .feedbackReady(session: $0.id!, title: title($0), answers: counts[$0.id!]!) }
    }
}
