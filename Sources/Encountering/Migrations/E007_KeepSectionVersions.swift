import Fluent
import KanssaCore

/// Sections a panel changes in place, each earlier wording kept; a version number on each
/// section so that two co-trainers changing it at once do not overwrite each other.
public struct KeepSectionVersions: AsyncMigration {
    public var name: String { "Encountering_E007_KeepSectionVersions" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ModuleSection.schema)
            .field("version", .int, .required, .sql(.default(0)))
            .update()
        try await database.schema(ModuleSection.schema).field("changed_at", .datetime).update()
        try await database.schema(ModuleSection.schema).field("changed_by_id", .uuid, .references("accounts", "id")).update()
        try await database.schema(SectionVersion.schema)
            .id()
            .field("section_id", .uuid, .required, .references(ModuleSection.schema, "id"))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("instrument_id", .string)
            .field("written_by_id", .uuid, .required, .references("accounts", "id"))
            .field("written_at", .datetime, .required)
            .field("replaced_at", .datetime, .required)
            .create()
        try await database.createIndex("encounter_section_versions_section_id", on: SectionVersion.schema, columns: ["section_id"])
        try await database.createIndex("encounter_section_versions_written_by_id", on: SectionVersion.schema, columns: ["written_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(SectionVersion.schema).delete()
        try await database.schema(ModuleSection.schema).deleteField("changed_by_id").update()
        try await database.schema(ModuleSection.schema).deleteField("changed_at").update()
        try await database.schema(ModuleSection.schema).deleteField("version").update()
    }
}
