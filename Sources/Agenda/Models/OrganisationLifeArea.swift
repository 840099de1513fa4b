import Fluent
import Foundation
import KanssaCore

/// A life area an organisation wrote, in its own words; its id is the key its ratings are stored
/// under. `@unchecked Sendable`: see ``Plan``.
public final class OrganisationLifeArea: Model, @unchecked Sendable {
    public static let schema = "life_areas"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "name") public var name: String
    @Field(key: "position") public var position: Int
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "retired_at") public var retiredAt: Date?

    public init() {}

    public init(organisationID: UUID, name: String, position: Int, createdAt: Date) {
        self.$organisation.id = organisationID
        self.name = name
        self.position = position
        self.createdAt = createdAt
    }
}
