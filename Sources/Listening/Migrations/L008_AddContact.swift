import Fluent
import KanssaCore

/// A signed-in respondent who asks to be contacted: their account, stored only then, and taken
/// away when they change their mind.
public struct AddContact: AsyncMigration {
    public var name: String { "Listening_L008_AddContact" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Respondent.schema).field("contact_account_id", .uuid, .references("accounts", "id")).update()
        try await database.createIndex("consultation_respondents_contact_account_id", on: Respondent.schema, columns: ["contact_account_id"])
    }

    public func revert(on database: any Database) async throws {
        try await database.dropIndex("consultation_respondents_contact_account_id")
        try await database.schema(Respondent.schema).deleteField("contact_account_id").update()
    }
}
