import Fluent

/// The life areas an organisation wrote for its people's check-ins, instead of Kanssa's default
/// set. A retired area is kept, so that ratings given in it keep their name.
public struct CreateLifeAreas: AsyncMigration {
    public var name: String { "Agenda_A010_CreateLifeAreas" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("life_areas")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("name", .string, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime, .required)
            .field("retired_at", .datetime)
            .create()
        try await database.createIndex("life_areas_organisation_id", on: "life_areas", columns: ["organisation_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("life_areas").delete()
    }
}
