import Fluent
import Foundation

/// A service-user panel of an organisation: co-trainers (citizens with the co-trainer role) and a
/// staff contact who supports them but does not own their work. `@unchecked Sendable`: Fluent
/// models are reference types Swift cannot check; they never leave a task.
public final class Panel: Model, @unchecked Sendable {
    public static let schema = "encounter_panels"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "name") public var name: String
    @Field(key: "staff_contact_id") public var staffContactID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(organisationID: UUID, name: String, staffContactID: UUID, at now: Date) {
        self.organisationID = organisationID
        self.name = name
        self.staffContactID = staffContactID
        self.createdAt = now
    }
}

/// A co-trainer in a panel, with the name they wish to be credited by (a chosen name is fine).
public final class PanelMember: Model, @unchecked Sendable {
    public static let schema = "encounter_panel_members"

    @ID(key: .id) public var id: UUID?
    @Field(key: "panel_id") public var panelID: UUID
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "credit_name") public var creditName: String
    @Field(key: "joined_at") public var joinedAt: Date
    @OptionalField(key: "left_at") public var leftAt: Date?

    public init() {}

    public init(panelID: UUID, accountID: UUID, creditName: String, at now: Date) {
        self.panelID = panelID
        self.accountID = accountID
        self.creditName = creditName
        self.joinedAt = now
    }
}
