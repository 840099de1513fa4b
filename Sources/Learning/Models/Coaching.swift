import Fluent
import Foundation
import KanssaCore

/// A coach and a coachee of one organisation. The coachee owns the record: they decide whether
/// the coach may keep reading it after the relationship ends. `@unchecked Sendable`: see ``AssessmentRound``.
public final class CoachingRelationship: Model, @unchecked Sendable {
    public static let schema = "coaching_relationships"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "coach_id") public var coachID: UUID
    @Field(key: "coachee_id") public var coacheeID: UUID
    @Field(key: "started_at") public var startedAt: Date
    @OptionalField(key: "ended_at") public var endedAt: Date?
    @Field(key: "coach_may_read_after_end") public var coachMayReadAfterEnd: Bool

    public init() {}

    public init(organisationID: UUID, coachID: UUID, coacheeID: UUID, at now: Date) {
        self.organisationID = organisationID
        self.coachID = coachID
        self.coacheeID = coacheeID
        self.startedAt = now
        self.coachMayReadAfterEnd = false
    }

    /// The relationship as the policy sees it.
    public var access: CoachingAccess? {
        id.map { CoachingAccess(coachingID: $0, organisationID: organisationID, coachID: coachID, coacheeID: coacheeID,
                                isActive: endedAt == nil, coachMayReadAfterEnd: coachMayReadAfterEnd) }
    }
}

/// One coaching session, shaped as Goal, Reality, Options and Will (the way forward: what,
/// when, who) — a compass, not a fixed order, so any part may be left empty but not all.
public final class CoachingSession: Model, @unchecked Sendable {
    public static let schema = "coaching_sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "relationship_id") public var relationshipID: UUID
    @Field(key: "held_on") public var heldOn: Date
    @Field(key: "goal") public var goal: String
    @Field(key: "reality") public var reality: String
    @Field(key: "options") public var options: String
    @Field(key: "will") public var will: String
    @Field(key: "written_by_id") public var writtenByID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(relationshipID: UUID, heldOn: Date, grow: CoachingNotes, writtenByID: UUID, at now: Date) {
        self.relationshipID = relationshipID
        self.heldOn = heldOn
        self.goal = grow.goal
        self.reality = grow.reality
        self.options = grow.options
        self.will = grow.will
        self.writtenByID = writtenByID
        self.createdAt = now
    }
}

/// What a session's notes say, part by part.
public struct CoachingNotes: Sendable, Equatable {
    public let goal: String
    public let reality: String
    public let options: String
    public let will: String

    public init(goal: String, reality: String, options: String, will: String) {
        self.goal = goal
        self.reality = reality
        self.options = options
        self.will = will
    }
}
