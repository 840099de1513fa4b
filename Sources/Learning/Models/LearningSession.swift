import Fluent
import Foundation
import KanssaCore

/// A session run by a trainer — an external specialist or a colleague: when, where (a room or a
/// link), what, with materials. `@unchecked Sendable`: see ``AssessmentRound``.
public final class LearningSession: Model, @unchecked Sendable {
    public static let schema = "learning_sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "trainer_id") public var trainerID: UUID
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "minutes") public var minutes: Int
    @Field(key: "place") public var place: String
    /// Links and notes, one per line.
    @Field(key: "materials") public var materials: String
    /// The most people who can register; nil for no limit.
    @OptionalField(key: "capacity") public var capacity: Int?
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(
        organisationID: UUID, plan: SessionPlan, createdByID: UUID, at now: Date
    ) {
        self.organisationID = organisationID
        self.title = plan.title
        self.description = plan.description
        self.trainerID = plan.trainerID
        self.startsAt = plan.startsAt
        self.minutes = plan.minutes
        self.place = plan.place
        self.materials = plan.materials
        self.capacity = plan.capacity
        self.createdByID = createdByID
        self.createdAt = now
    }
}

/// What a session will be, checked.
public struct SessionPlan: Sendable, Equatable {
    public let title: String
    public let description: String
    public let trainerID: UUID
    public let startsAt: Date
    public let minutes: Int
    public let place: String
    public let materials: String
    public let capacity: Int?

    public init(
        title: String, description: String, trainerID: UUID, startsAt: Date, minutes: Int, place: String, materials: String, capacity: Int?
    ) {
        self.title = title
        self.description = description
        self.trainerID = trainerID
        self.startsAt = startsAt
        self.minutes = minutes
        self.place = place
        self.materials = materials
        self.capacity = capacity
    }
}

/// Someone registered for a session; whether they came, once the trainer records it.
public final class SessionRegistration: PlaceRegistration, @unchecked Sendable {
    public static let schema = "learning_session_registrations"
    public static let sessionsSchema = LearningSession.schema
    public static var sessionKey: KeyPath<SessionRegistration, FieldProperty<SessionRegistration, UUID>> { \.$sessionID }
    public static var accountKey: KeyPath<SessionRegistration, FieldProperty<SessionRegistration, UUID>> { \.$accountID }
    public static var cancelledKey: KeyPath<SessionRegistration, OptionalFieldProperty<SessionRegistration, Date>> { \.$cancelledAt }

    @ID(key: .id) public var id: UUID?
    @Field(key: "session_id") public var sessionID: UUID
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "registered_at") public var registeredAt: Date
    @OptionalField(key: "cancelled_at") public var cancelledAt: Date?
    /// Nil until the trainer records attendance.
    @OptionalField(key: "attended") public var attended: Bool?

    public init() {}

    public init(sessionID: UUID, accountID: UUID, at now: Date) {
        self.sessionID = sessionID
        self.accountID = accountID
        self.registeredAt = now
    }
}

/// A participant's feedback: how useful, and what they want the trainer to know. Shown to the
/// trainer and coordinators without names; one per person.
public final class SessionFeedback: Model, @unchecked Sendable {
    public static let schema = "learning_session_feedback"

    @ID(key: .id) public var id: UUID?
    @Field(key: "session_id") public var sessionID: UUID
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "usefulness") public var usefulness: Int
    @Field(key: "comment") public var comment: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(sessionID: UUID, accountID: UUID, usefulness: Int, comment: String, at now: Date) {
        self.sessionID = sessionID
        self.accountID = accountID
        self.usefulness = usefulness
        self.comment = comment
        self.createdAt = now
    }
}
