import Fluent
import KanssaCore

/// Action-learning sets: a facilitator and 4–7 members meeting over months; at each meeting a
/// member presents a challenge, the others' questions are noted, the presenter commits to
/// actions and reports back at a later meeting. Everything said is read only inside the set.
public struct CreateActionLearningSets: AsyncMigration {
    public var name: String { "Learning_L003_CreateActionLearningSets" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("learning_sets")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("name", .string, .required)
            .field("facilitator_id", .uuid, .required, .references("accounts", "id"))
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("learning_sets_organisation_id", on: "learning_sets", columns: ["organisation_id"])
        try await database.createIndex("learning_sets_facilitator_id", on: "learning_sets", columns: ["facilitator_id"])
        try await database.createIndex("learning_sets_created_by_id", on: "learning_sets", columns: ["created_by_id"])

        try await database.schema("learning_set_members")
            .id()
            .field("set_id", .uuid, .required, .references("learning_sets", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("joined_at", .datetime, .required)
            .field("left_at", .datetime)
            .unique(on: "set_id", "account_id")
            .create()
        try await database.createIndex("learning_set_members_account_id", on: "learning_set_members", columns: ["account_id"])

        try await database.schema("learning_set_meetings")
            .id()
            .field("set_id", .uuid, .required, .references("learning_sets", "id"))
            .field("starts_at", .datetime, .required)
            .field("place", .string, .required)
            .field("attendance_recorded_at", .datetime)
            .create()
        try await database.createIndex("learning_set_meetings_set_id", on: "learning_set_meetings", columns: ["set_id"])

        try await database.schema("learning_set_attendance")
            .id()
            .field("meeting_id", .uuid, .required, .references("learning_set_meetings", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .unique(on: "meeting_id", "account_id")
            .create()
        try await database.createIndex("learning_set_attendance_account_id", on: "learning_set_attendance", columns: ["account_id"])

        try await database.schema("learning_set_challenges")
            .id()
            .field("set_id", .uuid, .required, .references("learning_sets", "id"))
            .field("meeting_id", .uuid, .required, .references("learning_set_meetings", "id"))
            .field("presenter_id", .uuid, .required, .references("accounts", "id"))
            .field("summary", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("learning_set_challenges_set_id", on: "learning_set_challenges", columns: ["set_id"])
        try await database.createIndex("learning_set_challenges_meeting_id", on: "learning_set_challenges", columns: ["meeting_id"])
        try await database.createIndex("learning_set_challenges_presenter_id", on: "learning_set_challenges", columns: ["presenter_id"])

        try await database.schema("learning_set_questions")
            .id()
            .field("challenge_id", .uuid, .required, .references("learning_set_challenges", "id"))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("noted_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("learning_set_questions_challenge_id", on: "learning_set_questions", columns: ["challenge_id"])
        try await database.createIndex("learning_set_questions_noted_by_id", on: "learning_set_questions", columns: ["noted_by_id"])

        try await database.schema("learning_set_commitments")
            .id()
            .field("set_id", .uuid, .required, .references("learning_sets", "id"))
            .field("challenge_id", .uuid, .required, .references("learning_set_challenges", "id"))
            .field("presenter_id", .uuid, .required, .references("accounts", "id"))
            .field("text", .string, .required)
            .field("created_at", .datetime, .required)
            .field("what_happened", .string)
            .field("what_learned", .string)
            .field("reported_at", .datetime)
            .field("reported_meeting_id", .uuid, .references("learning_set_meetings", "id"))
            .create()
        try await database.createIndex("learning_set_commitments_set_id", on: "learning_set_commitments", columns: ["set_id"])
        try await database.createIndex("learning_set_commitments_challenge_id", on: "learning_set_commitments", columns: ["challenge_id"])
        try await database.createIndex("learning_set_commitments_presenter_id", on: "learning_set_commitments", columns: ["presenter_id"])
        try await database.createIndex(
            "learning_set_commitments_reported_meeting_id", on: "learning_set_commitments", columns: ["reported_meeting_id"])
    }

    public func revert(on database: any Database) async throws {
        for table in [
            "learning_set_commitments", "learning_set_questions", "learning_set_challenges", "learning_set_attendance",
            "learning_set_meetings", "learning_set_members", "learning_sets",
        ] {
            try await database.schema(table).delete()
        }
    }
}
