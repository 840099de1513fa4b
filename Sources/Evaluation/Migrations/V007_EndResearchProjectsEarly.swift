import Fluent
import KanssaCore

/// A research project an admin ended before its end date: when, and by whom.
public struct EndResearchProjectsEarly: AsyncMigration {
    public var name: String { "Evaluation_V007_EndResearchProjectsEarly" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        // One column at a time: SQLite adds no more in one statement.
        try await database.schema(ResearchProject.schema).field("ended_at", .datetime).update()
        try await database.schema(ResearchProject.schema).field("ended_by_id", .uuid, .references("accounts", "id")).update()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ResearchProject.schema).deleteField("ended_by_id").update()
        try await database.schema(ResearchProject.schema).deleteField("ended_at").update()
    }
}
