import Fluent
import KanssaCore

/// Instruments organisations imported, each version kept.
public struct CreateImportedInstruments: AsyncMigration {
    public var name: String { "Learning_L007_CreateImportedInstruments" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("imported_instruments")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("instrument_id", .string, .required)
            .field("version", .int, .required)
            .field("source", .string, .required)
            .field("licence", .string, .required)
            .field("imported_by_id", .uuid, .required, .references("accounts", "id"))
            .field("imported_at", .datetime, .required)
            .unique(on: "organisation_id", "instrument_id", "version")
            .create()
        try await database.createIndex("imported_instruments_imported_by_id", on: "imported_instruments", columns: ["imported_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("imported_instruments").delete()
    }
}
