import Fluent
import Foundation

/// Something the citizen can draw on: what they are good at, care about, and who and what is
/// around them. Plans start here, not with problems. `@unchecked Sendable`: see ``Plan``.
public final class Strength: Model, @unchecked Sendable {
    public static let schema = "strengths"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: Plan
    @Field(key: "kind") public var kind: StrengthKind
    @Field(key: "text") public var text: String
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: UUID? = nil, planID: UUID, kind: StrengthKind, text: String, createdByID: UUID, createdAt: Date) {
        self.id = id
        self.$plan.id = planID
        self.kind = kind
        self.text = text
        self.createdByID = createdByID
        self.createdAt = createdAt
    }
}

/// Kinds of strengths and assets. Stored by raw value; never rename one.
public enum StrengthKind: String, Codable, Sendable, CaseIterable {
    case skill
    case interest
    case person
    case place
    case group
    case communityResource = "community-resource"
}
