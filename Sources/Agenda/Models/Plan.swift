import Fluent
import Foundation

/// A citizen's one whole-person plan, across every service that works with them. It belongs to
/// the citizen's account, not to any organisation. `version` detects concurrent edits.
///
/// `@unchecked Sendable`: Fluent models are reference types Swift cannot check; they never
/// leave a task — pages get `Sendable` view models.
public final class Plan: Model, @unchecked Sendable {
    public static let schema = "plans"

    @ID(key: .id) public var id: UUID?
    @Field(key: "owner_id") public var ownerID: UUID
    /// "What matters to me", in the citizen's own words. Nil until written.
    @OptionalField(key: "what_matters") public var whatMatters: String?
    /// The one-page profile's three headings.
    @OptionalField(key: "appreciated") public var appreciated: String?
    @OptionalField(key: "important") public var important: String?
    @OptionalField(key: "support") public var support: String?
    @Field(key: "version") public var version: Int
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    @Field(key: "updated_by_id") public var updatedByID: UUID
    /// The revisions the plan was read at, when ``PlanStore`` read it (not a field Fluent writes:
    /// the database raises them itself; see ``TrackPlanRevision``).
    public internal(set) var freshness: PlanFreshness?

    public init() {}

    public init(id: UUID? = nil, ownerID: UUID, createdAt: Date) {
        self.id = id
        self.ownerID = ownerID
        self.version = 0
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.updatedByID = ownerID
    }

    /// A plan as a plain row: read without Fluent's per-field reflection, on the pages every
    /// citizen opens.
    struct Row: Decodable, Sendable {
        let id: UUID
        let owner_id: UUID
        let what_matters: String?
        let appreciated: String?
        let important: String?
        let support: String?
        let version: Int
        let created_at: Date
        let updated_at: Date
        let updated_by_id: UUID
        let revision: Int
        let directory_revision: Int?
    }

    /// The plan a row holds, as if Fluent had read it.
    convenience init(row: Row) {
        self.init()
        id = row.id
        $id.exists = true
        ownerID = row.owner_id
        whatMatters = row.what_matters
        appreciated = row.appreciated
        important = row.important
        support = row.support
        version = row.version
        createdAt = row.created_at
        updatedAt = row.updated_at
        updatedByID = row.updated_by_id
        freshness = row.directory_revision.map { PlanFreshness(plan: row.revision, directory: $0) }
    }
}

/// Nothing a plan's pages show has changed while both numbers stay as they were: the plan's
/// revision (anything in the plan) and the directory's (the names of people, teams and
/// organisations, and who is in which team).
public struct PlanFreshness: Sendable, Hashable {
    public let plan: Int
    public let directory: Int
}
