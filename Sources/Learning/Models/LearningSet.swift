import Fluent
import Foundation

/// An action-learning set of an organisation: a facilitator and its members.
/// `@unchecked Sendable`: see ``AssessmentRound``.
public final class LearningSet: Model, @unchecked Sendable {
    public static let schema = "learning_sets"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "name") public var name: String
    @Field(key: "facilitator_id") public var facilitatorID: UUID
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(organisationID: UUID, name: String, facilitatorID: UUID, createdByID: UUID, at now: Date) {
        self.organisationID = organisationID
        self.name = name
        self.facilitatorID = facilitatorID
        self.createdByID = createdByID
        self.createdAt = now
    }
}

/// A member of a set, from when they joined until they left (if they did).
public final class SetMember: Model, @unchecked Sendable {
    public static let schema = "learning_set_members"

    @ID(key: .id) public var id: UUID?
    @Field(key: "set_id") public var setID: UUID
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "joined_at") public var joinedAt: Date
    @OptionalField(key: "left_at") public var leftAt: Date?

    public init() {}

    public init(setID: UUID, accountID: UUID, at now: Date) {
        self.setID = setID
        self.accountID = accountID
        self.joinedAt = now
    }
}

/// A meeting of a set: when and where; who came once the facilitator records it.
public final class SetMeeting: Model, @unchecked Sendable {
    public static let schema = "learning_set_meetings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "set_id") public var setID: UUID
    @Field(key: "starts_at") public var startsAt: Date
    /// A room, an address or a link.
    @Field(key: "place") public var place: String
    @OptionalField(key: "attendance_recorded_at") public var attendanceRecordedAt: Date?

    public init() {}

    public init(setID: UUID, startsAt: Date, place: String) {
        self.setID = setID
        self.startsAt = startsAt
        self.place = place
    }
}

/// Someone who came to a meeting.
public final class SetAttendance: Model, @unchecked Sendable {
    public static let schema = "learning_set_attendance"

    @ID(key: .id) public var id: UUID?
    @Field(key: "meeting_id") public var meetingID: UUID
    @Field(key: "account_id") public var accountID: UUID

    public init() {}

    public init(meetingID: UUID, accountID: UUID) {
        self.meetingID = meetingID
        self.accountID = accountID
    }
}

/// A real problem a member presented at a meeting, in their words.
public final class SetChallenge: Model, @unchecked Sendable {
    public static let schema = "learning_set_challenges"

    @ID(key: .id) public var id: UUID?
    @Field(key: "set_id") public var setID: UUID
    @Field(key: "meeting_id") public var meetingID: UUID
    @Field(key: "presenter_id") public var presenterID: UUID
    @Field(key: "summary") public var summary: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(setID: UUID, meetingID: UUID, presenterID: UUID, summary: String, at now: Date) {
        self.setID = setID
        self.meetingID = meetingID
        self.presenterID = presenterID
        self.summary = summary
        self.createdAt = now
    }
}

/// The kinds of question a set asks a presenter, in the order they usually come — questions,
/// not advice. Stored by raw value; never rename one.
public enum QuestionKind: String, Codable, Sendable, CaseIterable {
    case clarifying, reflective, action
}

/// A question someone in the set asked a presenter, noted.
public final class SetQuestion: Model, @unchecked Sendable {
    public static let schema = "learning_set_questions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "challenge_id") public var challengeID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "text") public var text: String
    @Field(key: "noted_by_id") public var notedByID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(challengeID: UUID, kind: QuestionKind, text: String, notedByID: UUID, at now: Date) {
        self.challengeID = challengeID
        self.kind = kind.rawValue
        self.text = text
        self.notedByID = notedByID
        self.createdAt = now
    }
}

/// What a presenter committed to do, and — at a later meeting — what happened and what they learned.
public final class SetCommitment: Model, @unchecked Sendable {
    public static let schema = "learning_set_commitments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "set_id") public var setID: UUID
    @Field(key: "challenge_id") public var challengeID: UUID
    @Field(key: "presenter_id") public var presenterID: UUID
    @Field(key: "text") public var text: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "what_happened") public var whatHappened: String?
    @OptionalField(key: "what_learned") public var whatLearned: String?
    @OptionalField(key: "reported_at") public var reportedAt: Date?
    @OptionalField(key: "reported_meeting_id") public var reportedMeetingID: UUID?

    public init() {}

    public init(setID: UUID, challengeID: UUID, presenterID: UUID, text: String, at now: Date) {
        self.setID = setID
        self.challengeID = challengeID
        self.presenterID = presenterID
        self.text = text
        self.createdAt = now
    }
}
