import Agenda
import Fluent
import KanssaCore

/// Citizens' answers after meetings on their plans.
public struct CreateMeetingFeedback: AsyncMigration {
    public var name: String { "Evaluation_V003_CreateMeetingFeedback" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(MeetingFeedback.schema)
            .id()
            .field("plan_id", .uuid, .required, .references(Plan.schema, "id"))
            .field("professional_id", .uuid, .references("accounts", "id"))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
            .field("team_id", .uuid, .references(Team.schema, "id"))
            .field("met_on", .string, .required)
            .field("outcome", .string, .required)
            .field("ask_again_at", .datetime)
            .field("mattered", .int)
            .field("decided", .int)
            .field("listened", .int)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            // One word per person met and day: a double click or a second tab changes nothing.
            .unique(on: "plan_id", "professional_id", "met_on")
            .create()
        try await database.createIndex("evaluation_meeting_feedback_professional_id", on: MeetingFeedback.schema, columns: ["professional_id"])
        try await database.createIndex("evaluation_meeting_feedback_organisation_id", on: MeetingFeedback.schema,
                                       columns: ["organisation_id", "outcome"])
        try await database.createIndex("evaluation_meeting_feedback_team_id", on: MeetingFeedback.schema, columns: ["team_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(MeetingFeedback.schema).delete()
    }
}
