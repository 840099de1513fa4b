import Fluent
import Foundation

/// Where a consultation is in its life: written (its ledger still open), asking, or done asking.
public enum ConsultationState: String, Codable, Sendable, CaseIterable {
    case draft
    case open
    case closed
}

/// A consultation: a team asking the people a service is for, after writing down what it expects
/// to hear. `@unchecked Sendable`: Fluent models are reference types Swift cannot check; they
/// never leave a task.
public final class Consultation: Model, @unchecked Sendable {
    public static let schema = "consultations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "team_id") public var teamID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "purpose") public var purpose: String
    /// Whom it asks, in words ("people far from the labour market").
    @Field(key: "audience") public var audience: String
    @Enum(key: "state") public var state: ConsultationState
    /// The days it means to open and close, as the team planned them ("2026-03-01").
    @Field(key: "opens_on") public var opensOn: String
    @Field(key: "closes_on") public var closesOn: String
    /// The short code on its posters and in its public address (``ConsultationCode``).
    @OptionalField(key: "public_code") public var publicCode: String?
    /// The respondent groups its answers are compared by ("16–24", "has children"), one per line.
    @Field(key: "groups") public var groups: String
    /// The languages it asks in, comma-separated; the first is the one it is written in.
    @Field(key: "languages") public var languages: String
    @OptionalField(key: "opened_at") public var openedAt: Date?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    /// A closed consultation may be opened again once, visibly.
    @OptionalField(key: "reopened_at") public var reopenedAt: Date?
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(organisationID: UUID, teamID: UUID, title: String, purpose: String, audience: String, opensOn: String, closesOn: String,
                groups: [String] = [], language: String = "en", publicCode: ConsultationCode, createdByID: UUID, at now: Date) {
        self.organisationID = organisationID
        self.teamID = teamID
        self.title = title
        self.purpose = purpose
        self.audience = audience
        self.state = .draft
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.groups = groups.joined(separator: "\n")
        self.languages = language
        self.publicCode = publicCode.value
        self.createdByID = createdByID
        self.createdAt = now
    }

    public var groupList: [String] { groups.isEmpty ? [] : groups.components(separatedBy: "\n") }

    public var languageList: [String] { languages.split(separator: ",").map(String.init) }
    /// The language it is written in.
    public var sourceLanguage: String { languageList.first ?? "en" }
}

/// What staff expect to hear, written before they ask: the statement, whose belief it is, how
/// sure they are, and what they would do if it turned out wrong. Frozen once the consultation
/// opens (the database refuses changes); one added later says so.
public final class Assumption: Model, @unchecked Sendable {
    public static let schema = "consultation_assumptions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "consultation_id") public var consultationID: UUID
    @Field(key: "statement") public var statement: String
    /// Whose belief it is, in words: a team, a role, "we".
    @Field(key: "held_by") public var heldBy: String
    /// How sure, from 0 to 100 %.
    @Field(key: "confidence") public var confidence: Int
    @Field(key: "if_wrong") public var ifWrong: String
    @Field(key: "added_after_opening") public var addedAfterOpening: Bool
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(consultationID: UUID, statement: String, heldBy: String, confidence: Int, ifWrong: String, addedAfterOpening: Bool,
                createdByID: UUID, at now: Date) {
        self.consultationID = consultationID
        self.statement = statement
        self.heldBy = heldBy
        self.confidence = confidence
        self.ifWrong = ifWrong
        self.addedAfterOpening = addedAfterOpening
        self.createdByID = createdByID
        self.createdAt = now
    }
}
