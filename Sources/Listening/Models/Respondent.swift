import Fluent
import Foundation

/// How an answer reached Kanssa: typed by the respondent on the public page, or entered by staff
/// from an interview, a workshop or a paper form.
public enum AnswerChannel: String, Codable, Sendable, CaseIterable {
    case web
    case interview
    case workshop
    case paper

    public var isEnteredByStaff: Bool { self != .web }
}

/// One person's answers to one consultation, linkable within it and never across: on the web, by
/// the digest of a private code kept in a cookie for that consultation only. No account is stored.
public final class Respondent: Model, @unchecked Sendable {
    public static let schema = "consultation_respondents"

    @ID(key: .id) public var id: UUID?
    @Field(key: "consultation_id") public var consultationID: UUID
    @Enum(key: "channel") public var channel: AnswerChannel
    /// A keyed digest of the respondent's private code (web only); the code itself is never kept.
    @OptionalField(key: "code_digest") public var codeDigest: String?
    /// The language they answered in.
    @Field(key: "language") public var language: String
    /// The consultation's respondent groups they said they belong to, by number, comma-separated.
    @Field(key: "groups") public var groups: String
    /// Who typed it in, for answers entered by staff.
    @OptionalField(key: "entered_by_id") public var enteredByID: UUID?
    /// The account of a signed-in respondent who asked to be contacted about their answers; no
    /// account is stored otherwise.
    @OptionalField(key: "contact_account_id") public var contactAccountID: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(consultationID: UUID, channel: AnswerChannel, codeDigest: String?, language: String, groups: [Int], enteredByID: UUID?,
                at now: Date) {
        self.consultationID = consultationID
        self.channel = channel
        self.codeDigest = codeDigest
        self.language = language
        self.groups = Self.numbers(groups)
        self.enteredByID = enteredByID
        self.createdAt = now
        self.updatedAt = now
    }

    public var groupList: [Int] { Self.numbers(groups) }

    static func numbers(_ list: [Int]) -> String { list.map(String.init).joined(separator: ",") }
    static func numbers(_ text: String) -> [Int] { text.split(separator: ",").compactMap { Int($0) } }
}

/// A respondent's answer to one question: at most one each, changed in place.
public final class Answer: Model, @unchecked Sendable {
    public static let schema = "consultation_answers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "respondent_id") public var respondentID: UUID
    @Field(key: "question_id") public var questionID: UUID
    /// The choices picked, by number, comma-separated (choice questions).
    @Field(key: "choices") public var choices: String
    /// 1 to 5 (a scale).
    @OptionalField(key: "scale") public var scale: Int?
    /// What they wrote (open text and stories), as they wrote it.
    @Field(key: "text") public var text: String
    /// A story's consents, each asked on its own: quoted inside the organisation, published on
    /// the public page, used in training.
    @Field(key: "consent_quote") public var consentQuote: Bool
    @Field(key: "consent_publish") public var consentPublish: Bool
    @Field(key: "consent_training") public var consentTraining: Bool
    /// The passages of the text a moderator hid ("12-30,41-52", in Unicode scalars); the text
    /// itself stays as written, for the team.
    @Field(key: "hidden") public var hidden: String
    @Enum(key: "moderation") public var moderation: ModerationState
    /// Counts moderation steps: a moderator saving over a step they did not see is told so.
    @Field(key: "moderation_version") public var moderationVersion: Int
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(respondentID: UUID, questionID: UUID, at now: Date) {
        self.respondentID = respondentID
        self.questionID = questionID
        self.choices = ""
        self.text = ""
        self.consentQuote = false
        self.consentPublish = false
        self.consentTraining = false
        self.hidden = ""
        self.moderation = .unmoderated
        self.moderationVersion = 0
        self.createdAt = now
        self.updatedAt = now
    }

    public var choiceList: [Int] { Respondent.numbers(choices) }
}
