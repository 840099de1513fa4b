import Fluent
import Foundation

/// How a citizen answered, or did not, the three questions after meeting someone.
public enum FeedbackOutcome: String, Codable, Sendable, CaseIterable {
    case answered
    /// Said no to the questions about this meeting: never asked again.
    case skipped
    /// "Not now": asked again from `askAgainAt`.
    case later
}

/// An answer to one of the three questions: yes, partly, no.
public enum FeedbackAnswer: Int, Codable, Sendable, CaseIterable {
    case no = 0
    case partly = 1
    case yes = 2
}

/// A citizen's word after a meeting on their plan: did you talk about what matters to you, did
/// you decide together what happens next, did you feel listened to. Linked to the plan, which
/// only its owner reads it through; staff see counts of five or more, never a row.
public final class MeetingFeedback: Model, @unchecked Sendable {
    public static let schema = "evaluation_meeting_feedback"

    @ID(key: .id) public var id: UUID?
    @Field(key: "plan_id") public var planID: UUID
    /// Who the citizen met; nil once that person's account was erased.
    @OptionalField(key: "professional_id") public var professionalID: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @OptionalField(key: "team_id") public var teamID: UUID?
    @Field(key: "met_on") public var metOn: String
    @Enum(key: "outcome") public var outcome: FeedbackOutcome
    @OptionalField(key: "ask_again_at") public var askAgainAt: Date?
    /// The three answers (``FeedbackAnswer``'s raw values); nil unless answered.
    @OptionalField(key: "mattered") public var mattered: Int?
    @OptionalField(key: "decided") public var decided: Int?
    @OptionalField(key: "listened") public var listened: Int?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(planID: UUID, professionalID: UUID, organisationID: UUID, teamID: UUID?, metOn: String, outcome: FeedbackOutcome, at now: Date) {
        self.planID = planID
        self.professionalID = professionalID
        self.organisationID = organisationID
        self.teamID = teamID
        self.metOn = metOn
        self.outcome = outcome
        self.createdAt = now
        self.updatedAt = now
    }
}
