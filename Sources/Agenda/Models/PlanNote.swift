import Fluent
import Foundation

/// A note on the plan's shared timeline. Whoever writes it, the citizen sees it: there are no
/// hidden notes about a person. `@unchecked Sendable`: see ``Plan``.
public final class PlanNote: Model, @unchecked Sendable {
    public static let schema = "plan_notes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: Plan
    @Field(key: "author_id") public var authorID: UUID
    @Field(key: "text") public var text: String
    @Field(key: "created_at") public var createdAt: Date
    /// Written by someone else with the owner present, in a meeting.
    @Field(key: "with_owner_present") public var withOwnerPresent: Bool

    public init() {}

    public init(id: UUID? = nil, planID: UUID, authorID: UUID, text: String, createdAt: Date, withOwnerPresent: Bool = false) {
        self.withOwnerPresent = withOwnerPresent
        self.id = id
        self.$plan.id = planID
        self.authorID = authorID
        self.text = text
        self.createdAt = createdAt
    }
}
