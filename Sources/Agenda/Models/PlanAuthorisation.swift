import Fluent
import Foundation
import KanssaCore

/// A citizen's permission for a person or a team to see named sections of their plan, for a
/// purpose, on a legal basis, until a date. Never deleted: a revoked one stays on the citizen's
/// receipt. `@unchecked Sendable`: see ``Plan``.
public final class PlanAuthorisation: Model, @unchecked Sendable {
    public static let schema = "plan_authorisations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: Plan
    @OptionalField(key: "grantee_account_id") public var granteeAccountID: UUID?
    @OptionalField(key: "grantee_team_id") public var granteeTeamID: UUID?
    /// The sections, stored as "agenda,goals".
    @Field(key: "sections") public var sections: String
    @Field(key: "purpose") public var purpose: String
    @Field(key: "legal_basis") public var legalBasis: LegalBasis
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    @OptionalField(key: "revoked_by_id") public var revokedByID: UUID?
    @Field(key: "created_by_id") public var createdByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    /// Recorded by a professional (`createdByID`) in a meeting with the owner present.
    @Field(key: "with_owner_present") public var withOwnerPresent: Bool

    public init() {}

    public init(
        id: UUID? = nil, planID: UUID, granteeAccountID: UUID?, granteeTeamID: UUID?, sections: Set<PlanSection>,
        purpose: String, legalBasis: LegalBasis, expiresAt: Date, createdByID: UUID, createdAt: Date,
        withOwnerPresent: Bool = false
    ) {
        self.id = id
        self.$plan.id = planID
        self.granteeAccountID = granteeAccountID
        self.granteeTeamID = granteeTeamID
        self.sections = PlanSection.stored(sections)
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.expiresAt = expiresAt
        self.createdByID = createdByID
        self.createdAt = createdAt
        self.withOwnerPresent = withOwnerPresent
    }

    public var grant: PlanGrant {
        PlanGrant(granteeAccountID: granteeAccountID, granteeTeamID: granteeTeamID, storedSections: sections,
                  expiresAt: expiresAt, revokedAt: revokedAt)
    }
}

extension PlanGrant {
    /// The grant an authorisation as stored makes: its sections as the column holds them, revoked
    /// when it has a revocation date. Every read of authorisations, model or plain row, goes
    /// through here.
    init(granteeAccountID: UUID?, granteeTeamID: UUID?, storedSections: String, expiresAt: Date, revokedAt: Date?) {
        self.init(granteeAccountID: granteeAccountID, granteeTeamID: granteeTeamID, sections: PlanSection.set(storedSections),
                  expiresAt: expiresAt, isRevoked: revokedAt != nil)
    }
}
