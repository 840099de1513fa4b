import Fluent
import KanssaCore
import SQLKit
import Vapor

/// Bringing people into organisations: accounts, memberships, teams and invitation codes. Used
/// by the invitation pages, the operator's `create-admin` command and the demo.
enum Enrolment {
    static let invitationLifetime: TimeInterval = 14 * 24 * 3600

    /// Gives an account a role (and optionally a team) in an organisation; does nothing if it
    /// already has them.
    static func grant(
        accountID: UUID, organisationID: UUID, role: Role, teamID: UUID? = nil, at now: Date,
        on database: any Database
    ) async throws {
        let hasRole = try await Membership.query(on: database)
            .filter(\.$account.$id == accountID)
            .filter(\.$organisation.$id == organisationID)
            .filter(\.$role == role)
            .count() > 0
        if !hasRole {
            try await Membership(accountID: accountID, organisationID: organisationID, role: role, createdAt: now)
                .create(on: database)
        }
        if let teamID {
            try await TeamMembership.join(teamID, accountID: accountID, at: now, on: database)
        }
    }

    /// Creates an invitation and returns its code, which is stored only as a keyed digest.
    static func invite(
        organisationID: UUID, role: Role, teamID: UUID?, invitedBy: UUID, platform: Platform,
        on database: any Database
    ) async throws -> (code: InvitationCode, expiresAt: Date) {
        let now = platform.dependencies.now()
        let code = InvitationCode.random(using: platform.dependencies.randomBytes)
        let expiresAt = now.addingTimeInterval(invitationLifetime)
        try await Invitation(
            codeDigest: digest(code, platform), organisationID: organisationID, role: role, teamID: teamID,
            invitedByID: invitedBy, expiresAt: expiresAt, createdAt: now
        ).create(on: database)
        return (code, expiresAt)
    }

    static func digest(_ code: InvitationCode, _ platform: Platform) -> String {
        platform.secret.digest(code.value, purpose: "invitation")
    }

    /// The open invitation for a code, or nil if there is none, it expired or was used.
    static func openInvitation(
        _ code: InvitationCode, platform: Platform, on database: any Database
    ) async throws -> Invitation? {
        try await Invitation.query(on: database)
            .filter(\.$codeDigest == digest(code, platform))
            .filter(\.$redeemedAt == nil)
            .filter(\.$expiresAt > platform.dependencies.now())
            .first()
    }

    /// Marks an invitation used, exactly once even when two people race: the update only
    /// matches a row that is still open, and reports whether it did.
    static func claim(_ invitationID: UUID, by accountID: UUID, at now: Date, on database: any Database) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { return false }
        let rows = try await sql.update(Invitation.schema)
            .set("redeemed_at", to: now)
            .set("redeemed_by_id", to: accountID)
            .where("id", .equal, invitationID)
            .where("redeemed_at", .is, SQLLiteral.null)
            .returning("id")
            .all()
        return rows.count == 1
    }
}
