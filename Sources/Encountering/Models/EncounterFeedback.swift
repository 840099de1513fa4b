import Fluent
import Foundation

/// A participant's feedback on a session, once: how much it changed how they see their way of
/// meeting people (1–5), what they heard that stays with them, what they will do differently —
/// and their answers to the module's self-reflection, if it has one.
public final class SessionFeedbackAnswer: Model, @unchecked Sendable {
    public static let schema = "encounter_feedback"

    @ID(key: .id) public var id: UUID?
    @Field(key: "session_id") public var sessionID: UUID
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "changed") public var changed: Int
    @Field(key: "heard") public var heard: String
    @Field(key: "will_do") public var willDo: String
    @OptionalField(key: "reflection_instrument") public var reflectionInstrument: String?
    @OptionalField(key: "reflection_version") public var reflectionVersion: Int?
    /// The self-reflection's answers as item id → point, as JSON.
    @OptionalField(key: "reflection_answers") public var reflectionAnswers: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(sessionID: UUID, accountID: UUID, changed: Int, heard: String, willDo: String, at now: Date) {
        self.sessionID = sessionID
        self.accountID = accountID
        self.changed = changed
        self.heard = heard
        self.willDo = willDo
        self.createdAt = now
    }
}

/// Did they do what they meant to? Stored by raw value; never rename one.
public enum FollowUpOutcome: String, Codable, Sendable, CaseIterable {
    case did
    case partly
    case notYet = "not-yet"
}

/// A participant's answer, weeks after the session, to whether they did what they meant to do.
public final class SessionFollowUp: Model, @unchecked Sendable {
    public static let schema = "encounter_follow_ups"

    @ID(key: .id) public var id: UUID?
    @Field(key: "session_id") public var sessionID: UUID
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "outcome") public var outcome: String
    @Field(key: "note") public var note: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(sessionID: UUID, accountID: UUID, outcome: FollowUpOutcome, note: String, at now: Date) {
        self.sessionID = sessionID
        self.accountID = accountID
        self.outcome = outcome.rawValue
        self.note = note
        self.createdAt = now
    }
}

/// A co-trainer's own reflection on a session they delivered: were we heard (1–5), and in
/// their words how it went. For their panel; staff do not read it.
public final class CoTrainerReflection: Model, @unchecked Sendable {
    public static let schema = "encounter_co_trainer_reflections"

    @ID(key: .id) public var id: UUID?
    @Field(key: "session_id") public var sessionID: UUID
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "heard") public var heard: Int
    @Field(key: "text") public var text: String
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(sessionID: UUID, accountID: UUID, heard: Int, text: String, at now: Date) {
        self.sessionID = sessionID
        self.accountID = accountID
        self.heard = heard
        self.text = text
        self.updatedAt = now
    }
}
