import Fluent
import Foundation

/// The pages the law and the public expect of a service, linked from every page's footer.
/// Stored by raw value; never rename one.
public enum AboutPage: String, Codable, Sendable, CaseIterable {
    /// The accessibility statement the EU Web Accessibility Directive asks of public bodies.
    case accessibility
    /// The privacy notice: who keeps what, why, for how long, and one's rights.
    case privacy
    /// Who to ask, and how.
    case help
}

/// An organisation's own text for one of its about pages; without one, Kanssa's default shows,
/// drawn from the organisation's settings where it can be.
public final class OrganisationPage: Model, @unchecked Sendable {
    public static let schema = "organisation_pages"
    public static let longest = 20_000

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "kind") public var kind: AboutPage
    @Field(key: "text") public var text: String
    @Field(key: "updated_by_id") public var updatedByID: UUID
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(organisationID: UUID, kind: AboutPage, text: String, updatedByID: UUID, at now: Date) {
        self.organisationID = organisationID
        self.kind = kind
        self.text = text
        self.updatedByID = updatedByID
        self.updatedAt = now
    }
}
