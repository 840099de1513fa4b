import Fluent
import Foundation
import KanssaCore

/// A session of a module: when, how long, in person or online, who hosts it for the
/// organisation, how many places; co-trainers deliver it. Held by the module's organisation.
public final class EncounterSession: Model, @unchecked Sendable {
    public static let schema = "encounter_sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "module_id") public var moduleID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "minutes") public var minutes: Int
    /// `SessionMode` by raw value.
    @Field(key: "mode") public var mode: String
    /// The room, or the link for an online session.
    @Field(key: "place") public var place: String
    /// A staff member of the organisation: the participants' contact, also for the co-trainers.
    @Field(key: "host_id") public var hostID: UUID
    @Field(key: "capacity") public var capacity: Int
    /// How many weeks after the session participants are asked whether they did what they meant to.
    @Field(key: "follow_up_weeks") public var followUpWeeks: Int
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    /// Called off before it began; nil while it stands.
    @OptionalField(key: "cancelled_at") public var cancelledAt: Date?
    @OptionalField(key: "cancelled_by_id") public var cancelledByID: UUID?

    public init() {}

    public init(moduleID: UUID, organisationID: UUID, plan: EncounterSessionPlan, createdByID: UUID, at now: Date) {
        self.moduleID = moduleID
        self.organisationID = organisationID
        self.startsAt = plan.startsAt
        self.minutes = plan.minutes
        self.mode = plan.mode.rawValue
        self.place = plan.place
        self.hostID = plan.hostID
        self.capacity = plan.capacity
        self.followUpWeeks = plan.followUpWeeks
        self.createdByID = createdByID
        self.createdAt = now
    }

    public var endsAt: Date { startsAt.addingTimeInterval(Double(minutes) * 60) }
}

/// In person or online. Stored by raw value; never rename one.
public enum SessionMode: String, Codable, Sendable, CaseIterable {
    case inPerson = "in-person"
    case online
}

/// What a session is, as someone scheduled it.
public struct EncounterSessionPlan: Sendable, Equatable {
    public let startsAt: Date
    public let minutes: Int
    public let mode: SessionMode
    public let place: String
    public let hostID: UUID
    public let coTrainerIDs: [UUID]
    public let capacity: Int
    public let followUpWeeks: Int

    public init(startsAt: Date, minutes: Int, mode: SessionMode, place: String, hostID: UUID, coTrainerIDs: [UUID], capacity: Int,
                followUpWeeks: Int) {
        self.startsAt = startsAt
        self.minutes = minutes
        self.mode = mode
        self.place = place
        self.hostID = hostID
        self.coTrainerIDs = coTrainerIDs
        self.capacity = capacity
        self.followUpWeeks = followUpWeeks
    }
}

/// A co-trainer delivering a session, and what their time was recognised with once the host
/// recorded it: hours, a fee, a voucher.
public final class SessionCoTrainer: Model, @unchecked Sendable {
    public static let schema = "encounter_session_co_trainers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "session_id") public var sessionID: UUID
    @Field(key: "account_id") public var accountID: UUID
    /// Time recognised, in minutes (preparation included if the host counts it); nil until recorded.
    @OptionalField(key: "minutes") public var minutes: Int?
    /// A fee in the currency's smallest unit (cents, pence); nil if none.
    @OptionalField(key: "fee_cents") public var feeCents: Int?
    @OptionalField(key: "currency") public var currency: String?
    /// A voucher or other thanks, as written ("Cinema voucher, 20 €").
    @OptionalField(key: "voucher") public var voucher: String?
    @OptionalField(key: "recorded_at") public var recordedAt: Date?

    public init() {}

    public init(sessionID: UUID, accountID: UUID) {
        self.sessionID = sessionID
        self.accountID = accountID
    }
}

/// A professional registered for a session; whether they came, once the host records it.
public final class EncounterRegistration: PlaceRegistration, @unchecked Sendable {
    public static let schema = "encounter_registrations"
    public static let sessionsSchema = EncounterSession.schema
    public static var sessionKey: KeyPath<EncounterRegistration, FieldProperty<EncounterRegistration, UUID>> { \.$sessionID }
    public static var accountKey: KeyPath<EncounterRegistration, FieldProperty<EncounterRegistration, UUID>> { \.$accountID }
    public static var cancelledKey: KeyPath<EncounterRegistration, OptionalFieldProperty<EncounterRegistration, Date>> { \.$cancelledAt }

    @ID(key: .id) public var id: UUID?
    @Field(key: "session_id") public var sessionID: UUID
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "registered_at") public var registeredAt: Date
    @OptionalField(key: "cancelled_at") public var cancelledAt: Date?
    @OptionalField(key: "attended") public var attended: Bool?

    public init() {}

    public init(sessionID: UUID, accountID: UUID, at now: Date) {
        self.sessionID = sessionID
        self.accountID = accountID
        self.registeredAt = now
    }
}
