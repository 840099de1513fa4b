import Fluent
import KanssaCore

public struct CreatePlanActions: AsyncMigration {
    public var name: String { "Agenda_A007_CreatePlanActions" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("plan_actions")
            .id()
            .field("plan_id", .uuid, .required, .references("plans", "id"))
            .field("goal_id", .uuid, .required, .references("goals", "id"))
            .field("text", .string, .required)
            .field("owner_kind", .string, .required)
            .field("owner_account_id", .uuid, .references("accounts", "id"))
            .field("owner_name", .string)
            .field("team_id", .uuid, .references("teams", "id"))
            .field("due_on", .string)
            .field("status", .string, .required)
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_by_id", .uuid, .required, .references("accounts", "id"))
            .field("updated_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await database.createIndex("plan_actions_plan_id_status_due_on", on: "plan_actions", columns: ["plan_id", "status", "due_on"])
        try await database.createIndex("plan_actions_goal_id", on: "plan_actions", columns: ["goal_id"])
        try await database.createIndex("plan_actions_owner_account_id", on: "plan_actions", columns: ["owner_account_id"])
        try await database.createIndex("plan_actions_team_id", on: "plan_actions", columns: ["team_id"])
        try await database.createIndex("plan_actions_created_by_id", on: "plan_actions", columns: ["created_by_id"])
        try await database.createIndex("plan_actions_updated_by_id", on: "plan_actions", columns: ["updated_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("plan_actions").delete()
    }
}
