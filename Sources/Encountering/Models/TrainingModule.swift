import Fluent
import Foundation

/// A training module a panel writes: sections in its own words, credits as the authors wish,
/// a licence (an open one by default). A draft until the co-trainers publish it.
public final class TrainingModule: Model, @unchecked Sendable {
    public static let schema = "encounter_modules"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "panel_id") public var panelID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "summary") public var summary: String
    /// The language it is written in ("fi", "en" …).
    @Field(key: "language") public var language: String
    @Field(key: "licence") public var licence: String
    /// The published module this one was adapted from; nil for an original.
    @OptionalField(key: "adapted_from_id") public var adaptedFromID: UUID?
    @OptionalField(key: "published_at") public var publishedAt: Date?
    /// Counts every change, so that a change made meanwhile in another tab is detected.
    @Field(key: "version") public var version: Int
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(organisationID: UUID, panelID: UUID, title: String, summary: String, language: String, licence: String,
                createdByID: UUID, at now: Date) {
        self.organisationID = organisationID
        self.panelID = panelID
        self.title = title
        self.summary = summary
        self.language = language
        self.licence = licence
        self.version = 0
        self.createdByID = createdByID
        self.createdAt = now
        self.updatedAt = now
    }
}

/// The kinds of section a module holds. Stored by raw value; never rename one.
public enum SectionKind: String, Codable, Sendable, CaseIterable {
    case goodEncounter = "good-encounter"
    case badEncounter = "bad-encounter"
    case tips
    case exercise
    case discussion
    /// A self-reflection questionnaire from the instrument engine, with words around it.
    case reflection
}

/// One section of a module, in order.
public final class ModuleSection: Model, @unchecked Sendable {
    public static let schema = "encounter_sections"

    @ID(key: .id) public var id: UUID?
    @Field(key: "module_id") public var moduleID: UUID
    @Field(key: "position") public var position: Int
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    /// For a reflection: the questionnaire's id.
    @OptionalField(key: "instrument_id") public var instrumentID: String?
    @Field(key: "written_by_id") public var writtenByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    /// Counts changes, so that a change made meanwhile by another co-trainer is detected.
    @Field(key: "version") public var version: Int
    /// When and by whom its present wording was written, if it was changed after it was added.
    @OptionalField(key: "changed_at") public var changedAt: Date?
    @OptionalField(key: "changed_by_id") public var changedByID: UUID?

    public init() {}

    public init(moduleID: UUID, position: Int, kind: SectionKind, title: String, body: String, instrumentID: String?,
                writtenByID: UUID, at now: Date) {
        self.moduleID = moduleID
        self.position = position
        self.kind = kind.rawValue
        self.title = title
        self.body = body
        self.instrumentID = instrumentID
        self.writtenByID = writtenByID
        self.createdAt = now
        self.version = 0
    }
}

/// Someone credited for a module, as they wish to be named, and what they did.
public final class ModuleCredit: Model, @unchecked Sendable {
    public static let schema = "encounter_credits"

    @ID(key: .id) public var id: UUID?
    @Field(key: "module_id") public var moduleID: UUID
    @Field(key: "name") public var name: String
    /// What they did: `CreditRole` by raw value.
    @Field(key: "role") public var role: String
    /// The panel and organisation at the time, as written then.
    @Field(key: "panel_name") public var panelName: String
    @Field(key: "organisation_name") public var organisationName: String
    /// Came with the module this one was adapted from, as it was there; never changed here.
    @Field(key: "inherited") public var inherited: Bool
    @Field(key: "position") public var position: Int

    public init() {}

    public init(moduleID: UUID, name: String, role: CreditRole, panelName: String, organisationName: String, inherited: Bool, position: Int) {
        self.moduleID = moduleID
        self.name = name
        self.role = role.rawValue
        self.panelName = panelName
        self.organisationName = organisationName
        self.inherited = inherited
        self.position = position
    }
}

/// What a credited person did. Stored by raw value; never rename one.
public enum CreditRole: String, Codable, Sendable, CaseIterable {
    /// Wrote the original module.
    case author
    /// Adapted it: translated, changed, made it their own.
    case adapter
}

/// A staff member's comment on a module: advice for the co-trainers, never a change to their text.
public final class ModuleComment: Model, @unchecked Sendable {
    public static let schema = "encounter_comments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "module_id") public var moduleID: UUID
    @Field(key: "author_id") public var authorID: UUID
    @Field(key: "text") public var text: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(moduleID: UUID, authorID: UUID, text: String, at now: Date) {
        self.moduleID = moduleID
        self.authorID = authorID
        self.text = text
        self.createdAt = now
    }
}
