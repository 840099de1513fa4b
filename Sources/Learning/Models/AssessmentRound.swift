import Fluent
import Foundation

/// A round of a self-assessment for a group, under one version of one instrument.
/// `@unchecked Sendable`: Fluent models are reference types Swift cannot check; they never leave
/// a task — pages get `Sendable` view models.
public final class AssessmentRound: Model, @unchecked Sendable {
    public static let schema = "assessment_rounds"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    /// The team whose professionals answer; nil: every professional of the organisation.
    @OptionalField(key: "team_id") public var teamID: UUID?
    @Field(key: "instrument_id") public var instrumentID: String
    @Field(key: "instrument_version") public var instrumentVersion: Int
    /// What the round is, in the coordinator's words ("Before the programme").
    @Field(key: "label") public var label: String
    @Field(key: "opened_by_id") public var openedByID: UUID
    @Field(key: "opened_at") public var openedAt: Date
    @Field(key: "closes_at") public var closesAt: Date

    public init() {}

    public init(
        organisationID: UUID, teamID: UUID?, instrument: String, version: Int, label: String, openedByID: UUID, openedAt: Date,
        closesAt: Date
    ) {
        self.organisationID = organisationID
        self.teamID = teamID
        self.instrumentID = instrument
        self.instrumentVersion = version
        self.label = label
        self.openedByID = openedByID
        self.openedAt = openedAt
        self.closesAt = closesAt
    }
}
