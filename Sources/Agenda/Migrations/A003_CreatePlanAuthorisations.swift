import Fluent
import KanssaCore

public struct CreatePlanAuthorisations: AsyncMigration {
    public var name: String { "Agenda_A003_CreatePlanAuthorisations" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("plan_authorisations")
            .id()
            .field("plan_id", .uuid, .required, .references("plans", "id"))
            .field("grantee_account_id", .uuid, .references("accounts", "id"))
            .field("grantee_team_id", .uuid, .references("teams", "id"))
            .field("sections", .string, .required)
            .field("purpose", .string, .required)
            .field("legal_basis", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("revoked_by_id", .uuid, .references("accounts", "id"))
            .field("created_by_id", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
        for (index, columns) in [
            ("plan_authorisations_plan_id", ["plan_id"]),
            ("plan_authorisations_grantee_account_id", ["grantee_account_id"]),
            ("plan_authorisations_grantee_team_id", ["grantee_team_id"]),
            ("plan_authorisations_revoked_by_id", ["revoked_by_id"]),
            ("plan_authorisations_created_by_id", ["created_by_id"]),
        ] {
            try await database.createIndex(index, on: "plan_authorisations", columns: columns)
        }
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("plan_authorisations").delete()
    }
}
