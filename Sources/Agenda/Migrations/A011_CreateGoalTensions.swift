import Fluent

/// Two goals of a plan that pull against each other ("full-time work" and "home when the
/// children come from school"), noted by the citizen or someone they authorised for the goals.
public struct CreateGoalTensions: AsyncMigration {
    public var name: String { "Agenda_A011_CreateGoalTensions" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("goal_tensions")
            .id()
            .field("plan_id", .uuid, .required, .references("plans", "id"))
            .field("first_goal_id", .uuid, .required, .references("goals", "id"))
            .field("second_goal_id", .uuid, .required, .references("goals", "id"))
            .field("note", .string)
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("with_owner_present", .bool, .required)
            .create()
        try await database.createIndex("goal_tensions_plan_id", on: "goal_tensions", columns: ["plan_id"])
        try await database.createIndex("goal_tensions_first_goal_id", on: "goal_tensions", columns: ["first_goal_id"])
        try await database.createIndex("goal_tensions_second_goal_id", on: "goal_tensions", columns: ["second_goal_id"])
        try await database.createIndex("goal_tensions_created_by_id", on: "goal_tensions", columns: ["created_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("goal_tensions").delete()
    }
}
