import Fluent
import Foundation

/// A municipality, NGO or agency that uses Kanssa. Organisations are walled from each other.
///
/// `@unchecked Sendable`: Fluent models are reference types with property wrappers that Swift
/// cannot check; they never cross tasks in Kanssa — handlers turn them into `Sendable` view models.
public final class Organisation: Model, @unchecked Sendable {
    public static let schema = "organisations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "default_language") public var defaultLanguage: String
    /// The legal bases this organisation relies on, as configured ("public-task,consent").
    @Field(key: "legal_bases") public var legalBases: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    /// The organisation with this id, as every page of an organisation reads it first.
    public static func named(_ id: UUID, on database: any Database) async throws -> Organisation? {
        guard let row = try await database.firstRow(of: ByID(id: id)) else { return nil }
        let organisation = Organisation(id: row.id, name: row.name, defaultLanguage: row.default_language, createdAt: row.created_at)
        organisation.legalBases = row.legal_bases
        // Read from the database, as `find` would have marked it: saving it updates the row.
        organisation.$id.exists = true
        return organisation
    }

    struct ByID: FrequentQuery {
        struct Row: Decodable, Sendable {
            let id: UUID
            let name: String
            let default_language: String
            let legal_bases: String
            let created_at: Date
        }
        static let sql = "SELECT id, name, default_language, legal_bases, created_at FROM organisations WHERE id = $1"
        let id: UUID
        var parameters: [QueryParameter] { [.uuid(id)] }
    }

    public init(id: UUID? = nil, name: String, defaultLanguage: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.defaultLanguage = defaultLanguage
        self.legalBases = "public-task,consent"
        self.createdAt = createdAt
    }
}
