import Fluent

/// An organisation's own words for what each of its legal bases for sharing means.
public struct CreateLegalBasisExplanations: AsyncMigration {
    public var name: String { "M021_CreateLegalBasisExplanations" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(LegalBasisExplanation.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("basis", .string, .required)
            .field("text", .string, .required)
            .field("updated_by_id", .uuid, .required, .references("accounts", "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "organisation_id", "basis")
            .create()
        try await database.createIndex("legal_basis_explanations_updated_by_id", on: LegalBasisExplanation.schema, columns: ["updated_by_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(LegalBasisExplanation.schema).delete()
    }
}
