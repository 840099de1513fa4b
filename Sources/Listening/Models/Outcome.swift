import Fluent
import Foundation

/// What became of an assumption once people were heard.
public enum VerdictKind: String, Codable, Sendable, CaseIterable {
    case confirmed
    case challenged
    case overturned
    case noEvidence
}

/// One verdict on an assumption: what it was found to be, the reasoning, who gave it and when.
/// Verdicts are never changed: a later one stands over an earlier one, which stays on record.
public final class Verdict: Model, @unchecked Sendable {
    public static let schema = "consultation_verdicts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "assumption_id") public var assumptionID: UUID
    @Enum(key: "kind") public var kind: VerdictKind
    @Field(key: "reasoning") public var reasoning: String
    @Field(key: "given_by_id") public var givenByID: UUID
    @Field(key: "given_at") public var givenAt: Date

    public init() {}

    public init(assumptionID: UUID, kind: VerdictKind, reasoning: String, givenByID: UUID, at now: Date) {
        self.assumptionID = assumptionID
        self.kind = kind
        self.reasoning = reasoning
        self.givenByID = givenByID
        self.givenAt = now
    }
}

/// A coding a verdict rests on: a coded passage, or a whole coded answer.
public final class VerdictEvidence: Model, @unchecked Sendable {
    public static let schema = "consultation_verdict_evidence"

    @ID(key: .id) public var id: UUID?
    @Field(key: "verdict_id") public var verdictID: UUID
    @Field(key: "coding_id") public var codingID: UUID

    public init() {}

    public init(verdictID: UUID, codingID: UUID) {
        self.verdictID = verdictID
        self.codingID = codingID
    }
}

/// What a team decides to do with a service after listening.
public enum DecisionKind: String, Codable, Sendable, CaseIterable {
    case keep
    case change
    case stop
    case start
}

public enum DecisionStatus: String, Codable, Sendable, CaseIterable {
    case planned
    case underWay
    case done
    /// Given up, with a reason.
    case dropped
}

/// A decision taken on what was heard: keep, change, stop or start something, resting on
/// verdicts, with someone who sees it through by a day, tracked by dated updates until done.
public final class Decision: Model, @unchecked Sendable {
    public static let schema = "consultation_decisions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "consultation_id") public var consultationID: UUID
    @Enum(key: "kind") public var kind: DecisionKind
    /// What is kept, changed, stopped or started ("the entrepreneurship course").
    @Field(key: "subject") public var subject: String
    /// Why, and what it means for the people the service is for.
    @Field(key: "reason") public var reason: String
    @Field(key: "owner_id") public var ownerID: UUID
    @Field(key: "due_on") public var dueOn: String
    /// The latest update's status, kept here to list decisions without reading their updates.
    @Enum(key: "status") public var status: DecisionStatus
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(consultationID: UUID, kind: DecisionKind, subject: String, reason: String, ownerID: UUID, dueOn: String,
                createdByID: UUID, at now: Date) {
        self.consultationID = consultationID
        self.kind = kind
        self.subject = subject
        self.reason = reason
        self.ownerID = ownerID
        self.dueOn = dueOn
        self.status = .planned
        self.createdByID = createdByID
        self.createdAt = now
        self.updatedAt = now
    }
}

/// A verdict a decision rests on.
public final class DecisionGround: Model, @unchecked Sendable {
    public static let schema = "consultation_decision_grounds"

    @ID(key: .id) public var id: UUID?
    @Field(key: "decision_id") public var decisionID: UUID
    @Field(key: "verdict_id") public var verdictID: UUID

    public init() {}

    public init(decisionID: UUID, verdictID: UUID) {
        self.decisionID = decisionID
        self.verdictID = verdictID
    }
}

/// A dated step of a decision: where it stands now and what happened.
public final class DecisionUpdate: Model, @unchecked Sendable {
    public static let schema = "consultation_decision_updates"

    @ID(key: .id) public var id: UUID?
    @Field(key: "decision_id") public var decisionID: UUID
    @Enum(key: "status") public var status: DecisionStatus
    @Field(key: "note") public var note: String
    @Field(key: "by_id") public var byID: UUID
    @Field(key: "at") public var at: Date

    public init() {}

    public init(decisionID: UUID, status: DecisionStatus, note: String, byID: UUID, at now: Date) {
        self.decisionID = decisionID
        self.status = status
        self.note = note
        self.byID = byID
        self.at = now
    }
}
