import Fluent

/// When a goal last changed state: a goal the citizen set aside says since when.
public struct AddGoalStatusChanged: AsyncMigration {
    public var name: String { "Agenda_A013_AddGoalStatusChanged" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("goals").field("status_changed_at", .datetime).update()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("goals").deleteField("status_changed_at").update()
    }
}
