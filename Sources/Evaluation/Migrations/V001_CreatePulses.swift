import Fluent
import KanssaCore

/// Staff pulses: schedules, the teams they ask, anonymous answers, and who has answered.
public struct CreatePulses: AsyncMigration {
    public var name: String { "Evaluation_V001_CreatePulses" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(PulseSchedule.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
            .field("label", .string, .required)
            .field("instrument_id", .string, .required)
            .field("instrument_version", .int, .required)
            .field("every_weeks", .int, .required)
            .field("open_days", .int, .required)
            .field("starts_at", .datetime, .required)
            .field("stopped_at", .datetime)
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("pulse_schedules_organisation_id", on: PulseSchedule.schema, columns: ["organisation_id", "starts_at"])
        try await database.createIndex("pulse_schedules_created_by_id", on: PulseSchedule.schema, columns: ["created_by_id"])
        try await database.schema(PulseTeam.schema)
            .id()
            .field("schedule_id", .uuid, .required, .references(PulseSchedule.schema, "id"))
            .field("team_id", .uuid, .required, .references(Team.schema, "id"))
            .unique(on: "schedule_id", "team_id")
            .create()
        try await database.createIndex("pulse_teams_team_id", on: PulseTeam.schema, columns: ["team_id"])
        try await database.schema(PulseAnswer.schema)
            .id()
            .field("schedule_id", .uuid, .required, .references(PulseSchedule.schema, "id"))
            .field("period", .int, .required)
            .field("team_id", .uuid, .required, .references(Team.schema, "id"))
            .field("answers", .string, .required)
            .create()
        try await database.createIndex("pulse_answers_schedule_id", on: PulseAnswer.schema, columns: ["schedule_id", "period", "team_id"])
        try await database.createIndex("pulse_answers_team_id", on: PulseAnswer.schema, columns: ["team_id"])
        try await database.schema(PulseResponse.schema)
            .id()
            .field("schedule_id", .uuid, .required, .references(PulseSchedule.schema, "id"))
            .field("period", .int, .required)
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .unique(on: "schedule_id", "period", "account_id")
            .create()
        try await database.createIndex("pulse_responses_account_id", on: PulseResponse.schema, columns: ["account_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(PulseResponse.schema).delete()
        try await database.schema(PulseAnswer.schema).delete()
        try await database.schema(PulseTeam.schema).delete()
        try await database.schema(PulseSchedule.schema).delete()
    }
}
