import Fluent
import Foundation

/// A staff pulse a coordinator scheduled for some teams: it opens every `everyWeeks` weeks from
/// `startsAt`, each time for `openDays` days, until stopped. Each opening is a period, numbered
/// from 0. `@unchecked Sendable`: Fluent models are reference types Swift cannot check; they
/// never leave a task — pages get `Sendable` view models.
public final class PulseSchedule: Model, @unchecked Sendable {
    public static let schema = "pulse_schedules"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    /// What it is, in the coordinator's words ("Monthly pulse 2027").
    @Field(key: "label") public var label: String
    @Field(key: "instrument_id") public var instrumentID: String
    @Field(key: "instrument_version") public var instrumentVersion: Int
    @Field(key: "every_weeks") public var everyWeeks: Int
    @Field(key: "open_days") public var openDays: Int
    @Field(key: "starts_at") public var startsAt: Date
    /// No period opens from this moment on; one open then stays open until it closes.
    @OptionalField(key: "stopped_at") public var stoppedAt: Date?
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(organisationID: UUID, label: String, instrumentID: String, instrumentVersion: Int, everyWeeks: Int, openDays: Int,
                startsAt: Date, createdByID: UUID, at now: Date) {
        self.organisationID = organisationID
        self.label = label
        self.instrumentID = instrumentID
        self.instrumentVersion = instrumentVersion
        self.everyWeeks = everyWeeks
        self.openDays = openDays
        self.startsAt = startsAt
        self.createdByID = createdByID
        self.createdAt = now
    }
}

/// A team a pulse asks.
public final class PulseTeam: Model, @unchecked Sendable {
    public static let schema = "pulse_teams"

    @ID(key: .id) public var id: UUID?
    @Field(key: "schedule_id") public var scheduleID: UUID
    @Field(key: "team_id") public var teamID: UUID

    public init() {}

    public init(scheduleID: UUID, teamID: UUID) {
        self.scheduleID = scheduleID
        self.teamID = teamID
    }
}

/// One person's answers to one period of a pulse, for the team they answered for — stored
/// without their account and without the time, so that nobody can find whose they are.
public final class PulseAnswer: Model, @unchecked Sendable {
    public static let schema = "pulse_answers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "schedule_id") public var scheduleID: UUID
    @Field(key: "period") public var period: Int
    @Field(key: "team_id") public var teamID: UUID
    /// `{"item": value}`, as a self-assessment's answers are kept.
    @Field(key: "answers") public var answers: String

    public init() {}

    public init(scheduleID: UUID, period: Int, teamID: UUID, answers: String) {
        self.scheduleID = scheduleID
        self.period = period
        self.teamID = teamID
        self.answers = answers
    }
}

/// That a person has answered a period of a pulse — only that, to refuse a second answer: no
/// time, no team, no link to the answer.
public final class PulseResponse: Model, @unchecked Sendable {
    public static let schema = "pulse_responses"

    @ID(key: .id) public var id: UUID?
    @Field(key: "schedule_id") public var scheduleID: UUID
    @Field(key: "period") public var period: Int
    @Field(key: "account_id") public var accountID: UUID

    public init() {}

    public init(scheduleID: UUID, period: Int, accountID: UUID) {
        self.scheduleID = scheduleID
        self.period = period
        self.accountID = accountID
    }
}

/// Running sums of a pulse's scores per period, team and condition: how many answered, how many
/// gave a score for the condition, their sum and the sum of their squares — all a mean and its
/// interval need. Written in the same transaction as each answer, so the figures are read from
/// a few hundred rows however many thousands answered.
public final class PulseTally: Model, @unchecked Sendable {
    public static let schema = "pulse_tallies"

    @ID(key: .id) public var id: UUID?
    @Field(key: "schedule_id") public var scheduleID: UUID
    @Field(key: "period") public var period: Int
    @Field(key: "team_id") public var teamID: UUID
    /// The instrument's subscale id.
    @Field(key: "condition") public var condition: String
    @Field(key: "answers") public var answers: Int
    @Field(key: "scored") public var scored: Int
    @Field(key: "total") public var total: Double
    @Field(key: "squares") public var squares: Double

    public init() {}
}
