import Fluent
import Foundation

/// What one of an organisation's legal bases for sharing a plan means for the people it serves,
/// in the organisation's own words: shown beside the choice when a citizen shares their plan.
/// Where an organisation wrote none, Kanssa's own plain explanation is shown.
public final class LegalBasisExplanation: Model, @unchecked Sendable {
    public static let schema = "legal_basis_explanations"
    public static let longest = 600

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "basis") public var basis: LegalBasis
    @Field(key: "text") public var text: String
    @Field(key: "updated_by_id") public var updatedByID: UUID
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(organisationID: UUID, basis: LegalBasis, text: String, updatedByID: UUID, at now: Date) {
        self.organisationID = organisationID
        self.basis = basis
        self.text = text
        self.updatedByID = updatedByID
        self.updatedAt = now
    }

    /// Each organisation's explanations, by basis. One query.
    public static func of(_ organisationIDs: [UUID], on database: any Database) async throws -> [UUID: [LegalBasis: String]] {
        guard !organisationIDs.isEmpty else { return [:] }
        return try await query(on: database).filter(\.$organisationID ~~ organisationIDs).all()
            .reduce(into: [UUID: [LegalBasis: String]]()) { $0[$1.organisationID, default: [:]][$1.basis] = $1.text }
    }
}
