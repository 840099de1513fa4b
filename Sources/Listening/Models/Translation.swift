import Fluent
import Foundation

/// Which text of a consultation a translation is of.
public enum TranslatedField: String, Codable, Sendable, CaseIterable {
    /// The consultation's own texts (its id is the subject).
    case title, purpose, audience, groups
    /// A question's (its id is the subject).
    case text, choices
}

/// A consultation's text, or one of its questions', in another of its languages. Choices and
/// groups are one per line, in the same order as the original.
public final class Translation: Model, @unchecked Sendable {
    public static let schema = "consultation_translations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "consultation_id") public var consultationID: UUID
    /// The consultation or the question the text belongs to.
    @Field(key: "subject_id") public var subjectID: UUID
    @Enum(key: "field") public var field: TranslatedField
    @Field(key: "language") public var language: String
    @Field(key: "text") public var text: String
    @Field(key: "updated_by_id") public var updatedByID: UUID
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(consultationID: UUID, subjectID: UUID, field: TranslatedField, language: String, text: String, by accountID: UUID,
                at now: Date) {
        self.consultationID = consultationID
        self.subjectID = subjectID
        self.field = field
        self.language = language
        self.text = text
        self.updatedByID = accountID
        self.updatedAt = now
    }
}
