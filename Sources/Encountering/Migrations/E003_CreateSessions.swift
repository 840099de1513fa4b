import Fluent
import KanssaCore

/// Sessions of a module: the co-trainers delivering each, with what their time was recognised
/// with, and the professionals registered.
public struct CreateEncounterSessions: AsyncMigration {
    public var name: String { "Encountering_E003_CreateSessions" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("encounter_sessions")
            .id()
            .field("module_id", .uuid, .required, .references("encounter_modules", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("starts_at", .datetime, .required)
            .field("minutes", .int, .required)
            .field("mode", .string, .required)
            .field("place", .string, .required)
            .field("host_id", .uuid, .required, .references("accounts", "id"))
            .field("capacity", .int, .required)
            .field("follow_up_weeks", .int, .required)
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("encounter_sessions_module_id", on: "encounter_sessions", columns: ["module_id", "starts_at"])
        try await database.createIndex("encounter_sessions_organisation_id", on: "encounter_sessions", columns: ["organisation_id", "starts_at"])
        try await database.createIndex("encounter_sessions_host_id", on: "encounter_sessions", columns: ["host_id"])
        try await database.createIndex("encounter_sessions_created_by_id", on: "encounter_sessions", columns: ["created_by_id"])

        try await database.schema("encounter_session_co_trainers")
            .id()
            .field("session_id", .uuid, .required, .references("encounter_sessions", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("minutes", .int)
            .field("fee_cents", .int)
            .field("currency", .string)
            .field("voucher", .string)
            .field("recorded_at", .datetime)
            .unique(on: "session_id", "account_id")
            .create()
        try await database.createIndex("encounter_session_co_trainers_account_id", on: "encounter_session_co_trainers", columns: ["account_id"])

        try await database.schema("encounter_registrations")
            .id()
            .field("session_id", .uuid, .required, .references("encounter_sessions", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("registered_at", .datetime, .required)
            .field("cancelled_at", .datetime)
            .field("attended", .bool)
            .unique(on: "session_id", "account_id")
            .create()
        try await database.createIndex("encounter_registrations_account_id", on: "encounter_registrations", columns: ["account_id"])
    }

    public func revert(on database: any Database) async throws {
        for table in ["encounter_registrations", "encounter_session_co_trainers", "encounter_sessions"] {
            try await database.schema(table).delete()
        }
    }
}
