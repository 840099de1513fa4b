import Fluent
import SQLKit

/// Notices to people, and each person's choice of a daily e-mail about them.
public struct CreateNotices: AsyncMigration {
    public var name: String { "M024_CreateNotices" }
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(PersonNotice.schema)
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("kind", .string, .required)
            .field("about", .string, .required)
            .field("actor_id", .uuid, .references("accounts", "id"))
            .field("title", .string)
            .field("due_at", .datetime)
            .field("link", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .field("mailed_at", .datetime)
            .unique(on: "account_id", "kind", "about")
            .create()
        // A person's list, newest first; their unread count uses the unique index's first column.
        try await database.createIndex("notices_account_id_created_at", on: PersonNotice.schema, columns: ["account_id", "created_at"])
        try await database.createIndex("notices_actor_id", on: PersonNotice.schema, columns: ["actor_id"])
        try await database.schema(Account.schema).field("email", .string).update()
        try await database.schema(Account.schema)
            .field("notices_by_email", .bool, .required, .sql(.default(SQLLiteral.boolean(false)))).update()
        try await database.schema(Account.schema).field("last_digest_at", .datetime).update()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Account.schema).deleteField("last_digest_at").update()
        try await database.schema(Account.schema).deleteField("notices_by_email").update()
        try await database.schema(Account.schema).deleteField("email").update()
        try await database.schema(PersonNotice.schema).delete()
    }
}
