import Fluent
import Foundation

/// One rating of one life area, 1 (worst) to 10 (best), by the citizen or by a professional
/// they authorised. Both are kept side by side; nothing is averaged. `@unchecked Sendable`: see
/// ``Plan``.
public final class CheckIn: Model, @unchecked Sendable {
    public static let schema = "check_ins"
    public static let ratings = 1...10

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: Plan
    @Field(key: "life_area") public var lifeArea: String
    @Field(key: "rating") public var rating: Int
    @OptionalField(key: "note") public var note: String?
    @Field(key: "perspective") public var perspective: CheckInPerspective
    @Field(key: "rated_by_id") public var ratedByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    /// A professional's rating given with the owner present, in a meeting.
    @Field(key: "with_owner_present") public var withOwnerPresent: Bool

    public init() {}

    public init(
        id: UUID? = nil, planID: UUID, lifeArea: String, rating: Int, note: String?, perspective: CheckInPerspective,
        ratedByID: UUID, createdAt: Date, withOwnerPresent: Bool = false
    ) {
        self.withOwnerPresent = withOwnerPresent
        self.id = id
        self.$plan.id = planID
        self.lifeArea = lifeArea
        self.rating = rating
        self.note = note
        self.perspective = perspective
        self.ratedByID = ratedByID
        self.createdAt = createdAt
    }
}

extension CheckIn {
    /// A row of `check_ins` as SQL returns it.
    struct Row: Decodable {
        let id: UUID
        let plan_id: UUID
        let life_area: String
        let rating: Int
        let note: String?
        let perspective: CheckInPerspective
        let rated_by_id: UUID
        let created_at: Date
        let with_owner_present: Bool
    }

    /// The rating a row holds, as if Fluent had read it.
    convenience init(row: Row) {
        self.init(id: row.id, planID: row.plan_id, lifeArea: row.life_area, rating: row.rating, note: row.note,
                  perspective: row.perspective, ratedByID: row.rated_by_id, createdAt: row.created_at,
                  withOwnerPresent: row.with_owner_present)
        $id.exists = true
    }
}

/// Whose view a rating is. Stored by raw value; never rename one.
public enum CheckInPerspective: String, Codable, Sendable, CaseIterable {
    case citizen
    case professional
}

/// The areas of a whole life that check-ins rate: Kanssa's own default set, written so that no
/// one service's slice of a person stands for the person; an organisation may write its own
/// instead (see ``LifeArea``). Stored by raw value; never rename one.
public enum DefaultLifeArea: String, Codable, Sendable, CaseIterable {
    case home
    case health
    case workAndLearning = "work-and-learning"
    case money
    case familyAndFriends = "family-and-friends"
    case freeTime = "free-time-and-community"
    case everydayLife = "everyday-life"
}
