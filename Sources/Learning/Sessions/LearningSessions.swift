import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Learning sessions: putting one on, registering, recording who came, and feedback — shown
/// to the trainer without names, and only once five people have given it.
public enum LearningSessions {
    public static let smallestGroup = GroupFigures.smallestGroup
    public static let commentLength = 1000
    public static let titleLength = 100
    public static let descriptionLength = 2000

    /// The session as the policy sees it. Two queries.
    public static func access(sessionID: UUID, on database: any Database) async throws -> SessionAccess? {
        guard let session = try await LearningSession.find(sessionID, on: database) else { return nil }
        let registrations = try await SessionRegistration.query(on: database).filter(\.$sessionID == sessionID)
            .filter(\.$cancelledAt == nil).all()
        return SessionAccess(
            sessionID: sessionID, organisationID: session.organisationID, trainerID: session.trainerID,
            registeredIDs: Set(registrations.map(\.accountID)),
            absentIDs: Set(registrations.filter { $0.attended == false }.map(\.accountID)))
    }

    public enum PlanProblem: String, Sendable, Equatable, CaseIterable {
        case title, description, trainer, date, time, minutes, place, materials, capacity
    }

    /// What someone typed to put a session on, checked: a title and what it is about; a trainer
    /// from the list; a day from today within a year, a time, 15 minutes to 8 hours; a room or a
    /// link; materials (optional, one per line); a number of places (optional, 1–500).
    public static func check(
        _ fields: [String: String], trainers: [ActionLearningSets.Candidate], timeZone: TimeZone, now: Date
    ) -> Result<SessionPlan, ProblemList<PlanProblem>> {
        var problems: [PlanProblem] = []
        let title = TypedText.clean(fields["title"], maxLength: titleLength)
        if title == nil { problems.append(.title) }
        let description = TypedText.clean(fields["description"], maxLength: descriptionLength, multiline: true)
        if description == nil { problems.append(.description) }
        let trainer = fields["trainer"].flatMap(UUID.init(uuidString:)).flatMap { id in trainers.first { $0.id == id } }
        if trainer == nil { problems.append(.trainer) }
        let day = Days.upcomingDay(fields["date"] ?? "", in: timeZone, now: now)
        if day == nil { problems.append(.date) }
        let time = Days.minutes(fields["time"] ?? "")
        if time == nil { problems.append(.time) }
        let minutes = Int(fields["minutes"] ?? "")
        if minutes.map({ !(15...480).contains($0) }) ?? true { problems.append(.minutes) }
        let place = TypedText.clean(fields["place"], maxLength: ActionLearningSets.placeLength)
        if place == nil { problems.append(.place) }
        let typedMaterials = fields["materials"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let materials = typedMaterials.isEmpty ? "" : TypedText.clean(typedMaterials, maxLength: 2000, multiline: true)
        if materials == nil { problems.append(.materials) }
        let typedCapacity = fields["capacity"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let capacity = typedCapacity.isEmpty ? nil : Int(typedCapacity)
        if !typedCapacity.isEmpty && (capacity.map { !(1...500).contains($0) } ?? true) { problems.append(.capacity) }
        guard let title, let description, let trainer, let day, let time, let minutes, let place, let materials, problems.isEmpty,
            let startsAt = Days.at(minutes: time, on: day, in: timeZone)
        else { return .failure(ProblemList(problems)) }
        return .success(SessionPlan(
            title: title, description: description, trainerID: trainer.id, startsAt: startsAt,
            minutes: minutes, place: place, materials: materials, capacity: capacity))
    }

    /// Records who of those registered came.
    public static func recordAttendance(_ present: Set<UUID>, for sessionID: UUID, on database: any Database) async throws {
        try await Places.recordAttendance(SessionRegistration.self, present: present, for: sessionID, on: database)
    }

    /// One person's feedback, once. False if they had given it already.
    public static func giveFeedback(
        usefulness: Int, comment: String, by accountID: UUID, on sessionID: UUID, at now: Date, on database: any Database
    ) async throws -> Bool {
        let given = try await SessionFeedback.query(on: database).filter(\.$sessionID == sessionID).filter(\.$accountID == accountID).count()
        guard given == 0 else { return false }
        do {
            try await SessionFeedback(sessionID: sessionID, accountID: accountID, usefulness: usefulness, comment: comment, at: now)
                .create(on: database)
            return true
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return false  // given meanwhile, from another tab
        }
    }

    /// Feedback as the trainer sees it: how many gave it; ratings and comments, without names,
    /// once five people have.
    public struct FeedbackSummary: Sendable, Equatable {
        public let given: Int
        /// People per usefulness rating 1–5; nil below five.
        public let ratings: [Int]?
        public let comments: [String]?
    }

    public static func feedback(on sessionID: UUID, on database: any Database) async throws -> FeedbackSummary {
        let all = try await SessionFeedback.query(on: database).filter(\.$sessionID == sessionID).all()
        guard all.count >= smallestGroup else { return FeedbackSummary(given: all.count, ratings: nil, comments: nil) }
        let ratings = (1...5).map { value in all.filter { $0.usefulness == value }.count }
        // In no particular order that would tell who wrote which: sorted by their words.
        return FeedbackSummary(given: all.count, ratings: ratings, comments: all.map(\.comment).filter { !$0.isEmpty }.sorted())
    }
}
