import Fluent
import Foundation

/// Whether a barrier lies in how the work is set up or in how people see it.
public enum BarrierNature: String, Codable, Sendable, CaseIterable {
    case structural
    case cultural
}

/// The conditions the seed names, each structural or cultural; "other" on either side.
public enum BarrierKind: String, Codable, Sendable, CaseIterable {
    case workload
    case fragmentedTeams
    case turnover
    case otherStructural
    case morale
    case ethics
    case openness
    case otherCultural

    public var nature: BarrierNature {
        switch self {
        case .workload, .fragmentedTeams, .turnover, .otherStructural: .structural
        case .morale, .ethics, .openness, .otherCultural: .cultural
        }
    }
}

public enum BarrierStatus: String, Codable, Sendable, CaseIterable {
    case open
    case beingAddressed
    case resolved
    /// Lived with, on purpose: nothing more will be done about it.
    case accepted
}

/// Something in the way of the change an organisation is making, where it bites, who sees to it
/// and how it stands. Its status is its latest review's (``BarrierReview``), kept here to list
/// barriers without reading their reviews.
public final class Barrier: Model, @unchecked Sendable {
    public static let schema = "evaluation_barriers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Enum(key: "kind") public var kind: BarrierKind
    /// Where it bites: a team, a service in words, both or neither (the whole organisation).
    @OptionalField(key: "team_id") public var teamID: UUID?
    @Field(key: "service") public var service: String
    @Field(key: "owner_id") public var ownerID: UUID
    @Enum(key: "status") public var status: BarrierStatus
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(organisationID: UUID, title: String, description: String, kind: BarrierKind, teamID: UUID?, service: String, ownerID: UUID,
                createdByID: UUID, at now: Date) {
        self.organisationID = organisationID
        self.title = title
        self.description = description
        self.kind = kind
        self.teamID = teamID
        self.service = service
        self.ownerID = ownerID
        self.status = .open
        self.createdByID = createdByID
        self.createdAt = now
        self.updatedAt = now
    }
}

public enum EvidenceKind: String, Codable, Sendable, CaseIterable {
    /// A condition's trend in a staff pulse, for the group it asks or one team.
    case pulse
    /// A team's turnover, stability and tenure.
    case staff
    /// A theme heard in a consultation (Listening).
    case theme
    /// A decision taken on what was heard (Listening).
    case decision
    case note
}

/// What shows a barrier is there (or going): a link to figures that are read again each time the
/// barrier is shown, or a note. The ids of other modules' rows carry no foreign key: what they
/// point to is read through that module's own functions, and may since have gone.
public final class BarrierEvidence: Model, @unchecked Sendable {
    public static let schema = "evaluation_barrier_evidence"

    @ID(key: .id) public var id: UUID?
    @Field(key: "barrier_id") public var barrierID: UUID
    @Enum(key: "kind") public var kind: EvidenceKind
    @OptionalField(key: "pulse_id") public var pulseID: UUID?
    /// The pulse instrument's subscale; "" for other kinds.
    @Field(key: "condition") public var condition: String
    @OptionalField(key: "team_id") public var teamID: UUID?
    /// A theme's or a decision's id (Listening).
    @OptionalField(key: "linked_id") public var linkedID: UUID?
    @Field(key: "note") public var note: String
    @Field(key: "added_by_id") public var addedByID: UUID
    @Field(key: "added_at") public var addedAt: Date

    public init() {}

    public init(barrierID: UUID, kind: EvidenceKind, pulseID: UUID? = nil, condition: String = "", teamID: UUID? = nil, linkedID: UUID? = nil,
                note: String = "", addedByID: UUID, at now: Date) {
        self.barrierID = barrierID
        self.kind = kind
        self.pulseID = pulseID
        self.condition = condition
        self.teamID = teamID
        self.linkedID = linkedID
        self.note = note
        self.addedByID = addedByID
        self.addedAt = now
    }
}

/// Something to be done about a barrier, by a day.
public final class BarrierAction: Model, @unchecked Sendable {
    public static let schema = "evaluation_barrier_actions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "barrier_id") public var barrierID: UUID
    @Field(key: "text") public var text: String
    @Field(key: "due_on") public var dueOn: String
    @OptionalField(key: "done_at") public var doneAt: Date?
    @OptionalField(key: "done_by_id") public var doneByID: UUID?
    @Field(key: "added_by_id") public var addedByID: UUID
    @Field(key: "added_at") public var addedAt: Date

    public init() {}

    public init(barrierID: UUID, text: String, dueOn: String, addedByID: UUID, at now: Date) {
        self.barrierID = barrierID
        self.text = text
        self.dueOn = dueOn
        self.addedByID = addedByID
        self.addedAt = now
    }
}

/// A dated look at how a barrier stands: what was seen, and its status from then on.
public final class BarrierReview: Model, @unchecked Sendable {
    public static let schema = "evaluation_barrier_reviews"

    @ID(key: .id) public var id: UUID?
    @Field(key: "barrier_id") public var barrierID: UUID
    @Enum(key: "status") public var status: BarrierStatus
    @Field(key: "note") public var note: String
    @Field(key: "by_id") public var byID: UUID
    @Field(key: "at") public var at: Date

    public init() {}

    public init(barrierID: UUID, status: BarrierStatus, note: String, byID: UUID, at now: Date) {
        self.barrierID = barrierID
        self.status = status
        self.note = note
        self.byID = byID
        self.at = now
    }
}
