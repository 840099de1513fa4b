import Fluent
import Foundation

/// A theme of a consultation's codebook: what the team heard, named and described, nested at
/// most two levels deep.
public final class Theme: Model, @unchecked Sendable {
    public static let schema = "consultation_themes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "consultation_id") public var consultationID: UUID
    @OptionalField(key: "parent_id") public var parentID: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(consultationID: UUID, parentID: UUID?, name: String, description: String, createdByID: UUID, at now: Date) {
        self.consultationID = consultationID
        self.parentID = parentID
        self.name = name
        self.description = description
        self.createdByID = createdByID
        self.createdAt = now
    }
}

/// One coder's reading of an answer: this theme, for the whole answer or a passage of it.
public final class Coding: Model, @unchecked Sendable {
    public static let schema = "consultation_codings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "answer_id") public var answerID: UUID
    @Field(key: "theme_id") public var themeID: UUID
    @Field(key: "coder_id") public var coderID: UUID
    /// "" for the whole answer, else the passage ("12-30", Unicode scalars).
    @Field(key: "passage") public var passage: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(answerID: UUID, themeID: UUID, coderID: UUID, passage: Passage?, at now: Date) {
        self.answerID = answerID
        self.themeID = themeID
        self.coderID = coderID
        self.passage = passage?.stored ?? ""
        self.createdAt = now
    }
}
