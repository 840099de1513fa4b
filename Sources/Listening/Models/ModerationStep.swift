import Fluent
import Foundation

/// Where a written answer is in moderation. Until moderated it is seen by the consultation's
/// team only; flagged abusive, it is never shown beyond them.
public enum ModerationState: String, Codable, Sendable, CaseIterable {
    case unmoderated
    case moderated
    case flagged
}

/// One step a moderator took on an answer: what was hidden or flagged, by whom, when and why.
/// Never changed or removed while the answer exists.
public final class ModerationStep: Model, @unchecked Sendable {
    public static let schema = "consultation_moderation_steps"

    @ID(key: .id) public var id: UUID?
    @Field(key: "answer_id") public var answerID: UUID
    @Field(key: "moderator_id") public var moderatorID: UUID
    @Enum(key: "state") public var state: ModerationState
    /// The passages hidden after this step, as kept on the answer.
    @Field(key: "hidden") public var hidden: String
    @Field(key: "reason") public var reason: String
    @Field(key: "at") public var at: Date

    public init() {}

    public init(answerID: UUID, moderatorID: UUID, state: ModerationState, hidden: String, reason: String, at now: Date) {
        self.answerID = answerID
        self.moderatorID = moderatorID
        self.state = state
        self.hidden = hidden
        self.reason = reason
        self.at = now
    }
}
