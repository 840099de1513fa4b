import Fluent
import Foundation

/// A tool an organisation added to Kanssa's catalogue. `@unchecked Sendable`: see ``AssessmentRound``.
public final class OrganisationTool: Model, @unchecked Sendable {
    public static let schema = "practice_tools"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(organisationID: UUID, name: String, description: String, createdByID: UUID, at now: Date) {
        self.organisationID = organisationID
        self.name = name
        self.description = description
        self.createdByID = createdByID
        self.createdAt = now
    }
}

/// "I used this tool, with whom, what happened, what I learned" — read by the person only;
/// everyone else sees counts of people in groups of five or more.
public final class PracticeEntry: Model, @unchecked Sendable {
    public static let schema = "practice_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "account_id") public var accountID: UUID
    /// A standard tool's key or an organisation tool's id.
    @Field(key: "tool") public var tool: String
    /// The day the tool was used (its start, in the platform's time zone).
    @Field(key: "used_on") public var usedOn: Date
    /// Who it was used with, without identities ("a young man and his mother").
    @Field(key: "with_whom") public var withWhom: String
    @Field(key: "what_happened") public var whatHappened: String
    @Field(key: "what_learned") public var whatLearned: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(accountID: UUID, tool: String, usedOn: Date, withWhom: String, whatHappened: String, whatLearned: String, at now: Date) {
        self.accountID = accountID
        self.tool = tool
        self.usedOn = usedOn
        self.withWhom = withWhom
        self.whatHappened = whatHappened
        self.whatLearned = whatLearned
        self.createdAt = now
    }
}
