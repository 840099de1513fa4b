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

    public init(id: UUID? = nil, name: String, defaultLanguage: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.defaultLanguage = defaultLanguage
        self.legalBases = "public-task,consent"
        self.createdAt = createdAt
    }
}
