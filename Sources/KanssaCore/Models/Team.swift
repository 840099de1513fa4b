import Fluent
import Foundation

/// A service inside an organisation (youth outreach, employment, social work …).
///
/// `@unchecked Sendable`: see ``Organisation``.
public final class Team: Model, @unchecked Sendable {
    public static let schema = "teams"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "name") public var name: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: UUID? = nil, organisationID: UUID, name: String, createdAt: Date) {
        self.id = id
        self.$organisation.id = organisationID
        self.name = name
        self.createdAt = createdAt
    }
}
