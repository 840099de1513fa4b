import Fluent
import Foundation

/// A research project an admin admitted a researcher to: what it is for, which tables it may
/// have, the period they cover and the day it ends. Its salt keys its pseudonyms and is never shown.
public final class ResearchProject: Model, @unchecked Sendable {
    public static let schema = "research_projects"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "researcher_id") public var researcherID: UUID
    @Field(key: "name") public var name: String
    @Field(key: "purpose") public var purpose: String
    /// `ResearchField` raw values, comma-separated: what the admin approved.
    @Field(key: "fields") public var fields: String
    /// The days the tables cover ("2026-01-01" to "2026-12-31"), both included.
    @Field(key: "period_start") public var periodStart: String
    @Field(key: "period_end") public var periodEnd: String
    /// After this day nothing is asked for or downloaded.
    @Field(key: "ends_on") public var endsOn: String
    /// Dates to the day rather than to the month, where the admin approved it.
    @Field(key: "exact_dates") public var exactDates: Bool
    @Field(key: "salt") public var salt: String
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    /// Set when an admin ended the project before its end date.
    @OptionalField(key: "ended_at") public var endedAt: Date?
    @OptionalField(key: "ended_by_id") public var endedByID: UUID?

    public init() {}

    public var approved: [ResearchField] { ResearchField.list(fields) }
}

/// An export a researcher asked for: some of the project's tables, released or refused by
/// another person. Its tables are made when downloaded, never stored: what a person erased is
/// not in them.
public final class ResearchExport: Model, @unchecked Sendable {
    public static let schema = "research_exports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "fields") public var fields: String
    @Field(key: "requested_by_id") public var requestedByID: UUID
    @Field(key: "requested_at") public var requestedAt: Date
    @Field(key: "status") public var status: ResearchExportStatus
    @OptionalField(key: "decided_by_id") public var decidedByID: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?

    public init() {}

    public var tables: [ResearchField] { ResearchField.list(fields) }
}

/// Stored by raw value; never rename one.
public enum ResearchExportStatus: String, Codable, Sendable, CaseIterable {
    case requested
    case released
    case refused
}
