import Fluent
import KanssaCore

/// A round of a self-assessment for a group — an organisation's professionals, or one team's —
/// such as "before the programme" and "after the programme".
public struct CreateAssessmentRounds: AsyncMigration {
    public var name: String { "Learning_L001_CreateAssessmentRounds" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("assessment_rounds")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("team_id", .uuid, .references("teams", "id"))
            .field("instrument_id", .string, .required)
            .field("instrument_version", .int, .required)
            .field("label", .string, .required)
            .field("opened_by_id", .uuid, .required, .references("accounts", "id"))
            .field("opened_at", .datetime, .required)
            .field("closes_at", .datetime, .required)
            .create()
        try await database.createIndex("assessment_rounds_organisation_id", on: "assessment_rounds", columns: ["organisation_id"])
        try await database.createIndex("assessment_rounds_team_id", on: "assessment_rounds", columns: ["team_id"])
        try await database.createIndex("assessment_rounds_opened_by_id", on: "assessment_rounds", columns: ["opened_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("assessment_rounds").delete()
    }
}
