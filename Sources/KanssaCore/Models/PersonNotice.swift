import Fluent
import Foundation

/// What a notice tells its person about: something waiting for them or something that changed.
public enum NoticeKind: String, Codable, Sendable, CaseIterable {
    /// A professional suggested a goal for the person's plan; it waits for their answer.
    case suggestion
    /// Someone else wrote a note on the person's plan.
    case note
    /// Someone looked at the person's information for the first time.
    case newReader
    /// A share of the person's plan ends soon.
    case shareEnding
    /// Someone the person's plan is shared with left their team, or a team it is shared with is empty.
    case sharedWithLeft
    /// A self-assessment round is open for the person to answer.
    case roundToAnswer
    /// A session or meeting the person takes part in, or gives, is coming.
    case sessionComing
    /// Feedback, a follow-up or a reflection on a session waits for the person.
    case feedback
}

/// One notice to one person. It names no personal data of its own beyond who did something
/// (`actorID`, shown by their current name) and the title of a round, session or team; the
/// words are made in the reader's language when shown. At most one per person, kind and thing
/// it is about, so raising it again changes nothing.
public final class PersonNotice: Model, @unchecked Sendable {
    public static let schema = "notices"

    @ID(key: .id) public var id: UUID?
    @Field(key: "account_id") public var accountID: UUID
    @Enum(key: "kind") public var kind: NoticeKind
    /// What it is about, unique per person and kind: a goal's or session's id, a reader's id…
    @Field(key: "about") public var about: String
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @OptionalField(key: "title") public var title: String?
    /// When the thing happens or ends: a session's start, a round's or share's end.
    @OptionalField(key: "due_at") public var dueAt: Date?
    /// The page of this site where the person deals with it.
    @Field(key: "link") public var link: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "read_at") public var readAt: Date?
    /// When it went out in an e-mail digest; nil while it has not.
    @OptionalField(key: "mailed_at") public var mailedAt: Date?

    public init() {}
}
