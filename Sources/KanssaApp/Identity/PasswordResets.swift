import Fluent
import KanssaCore
import SQLKit
import Vapor

/// Codes to set a new password, handed by staff to a person of their organisation who forgot
/// theirs: short, typable, one use, valid for a day, the latest one only; who gave it is kept.
enum PasswordResets {
    static let lifetime: TimeInterval = 24 * 3600

    /// Gives a new code for the account, voiding any earlier one still open.
    static func issue(
        for accountID: UUID, in organisationID: UUID, by issuerID: UUID, platform: Platform, on database: any Database
    ) async throws -> (code: InvitationCode, expiresAt: Date) {
        let now = platform.dependencies.now()
        let code = InvitationCode.random(using: platform.dependencies.randomBytes)
        let expiresAt = now.addingTimeInterval(lifetime)
        try await database.transaction { database in
            try await PasswordReset.query(on: database).filter(\.$accountID == accountID).filter(\.$usedAt == nil)
                .filter(\.$expiresAt > now).set(\.$expiresAt, to: now).update()
            try await PasswordReset(accountID: accountID, organisationID: organisationID, codeDigest: digest(code, platform),
                                    issuedByID: issuerID, at: now, expiresAt: expiresAt).create(on: database)
        }
        return (code, expiresAt)
    }

    static func digest(_ code: InvitationCode, _ platform: Platform) -> String {
        platform.secret.digest(code.value, purpose: "password-reset")
    }

    /// Sets the account's new password if the code is its open one and it still belongs to the
    /// organisation that gave it; claims the code exactly once, ends every session of the account.
    /// Nil when the login and code do not go together, whatever the reason.
    static func redeem(
        login: String, code: InvitationCode, passwordHash: String, platform: Platform, on database: any Database
    ) async throws -> PasswordReset? {
        let now = platform.dependencies.now()
        return try await database.transaction { database -> PasswordReset? in
            guard let account = try await Account.query(on: database).filter(\.$login == login).filter(\.$disabledAt == nil).first(),
                let accountID = account.id,
                let reset = try await PasswordReset.query(on: database).filter(\.$codeDigest == digest(code, platform))
                    .filter(\.$accountID == accountID).filter(\.$usedAt == nil).filter(\.$expiresAt > now).first(),
                try await Membership.query(on: database).filter(\.$account.$id == accountID)
                    .filter(\.$organisation.$id == reset.organisationID).count() > 0,
                let sql = database as? any SQLDatabase,
                try await sql.update(PasswordReset.schema).set("used_at", to: now).where("id", .equal, reset.id)
                    .where("used_at", .is, SQLLiteral.null).returning("id").all().count == 1
            else { return nil }
            try await Account.query(on: database).filter(\.$id == accountID).set(\.$passwordHash, to: passwordHash).update()
            try await SessionStore.endAll(accountID: accountID, on: database)
            return reset
        }
    }
}
