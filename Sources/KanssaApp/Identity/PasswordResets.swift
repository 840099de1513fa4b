import Fluent
import KanssaCore
import SQLKit
import Vapor

/// Codes to set a new password, handed by staff to a person of their organisation who forgot
/// theirs: short, typable, one use, valid for a day, the latest one only; who gave it is kept.
/// A person with an e-mail address may also have a code sent to it, as a link, for an hour.
enum PasswordResets {
    static let lifetime: TimeInterval = 24 * 3600

    /// How long a code sent by e-mail works: it is not handed over in person.
    static let mailedLifetime: TimeInterval = 3600

    /// Gives a new code for the account; one given in person voids any earlier one still open,
    /// one sent by e-mail (`lifetime` shorter) leaves a code given in person as it is.
    static func issue(
        for accountID: UUID, in organisationID: UUID, by issuerID: UUID, lifetime: TimeInterval = lifetime,
        platform: Platform, on database: any Database
    ) async throws -> (code: InvitationCode, expiresAt: Date) {
        let now = platform.dependencies.now()
        let code = InvitationCode.random(using: platform.dependencies.randomBytes)
        let expiresAt = now.addingTimeInterval(lifetime)
        let voidsEarlier = issuerID != accountID
        try await database.transaction { database in
            if voidsEarlier {
                try await PasswordReset.query(on: database).filter(\.$accountID == accountID).filter(\.$usedAt == nil)
                    .filter(\.$expiresAt > now).set(\.$expiresAt, to: now).update()
            }
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

    /// Sends a link with a new code to the address the account gave, if it gave one, belongs to
    /// an organisation and is not disabled; otherwise does nothing. Run apart from the request
    /// that asked, so that the answer takes the same time either way.
    static func mail(
        login: String, requestID: String, platform: Platform, mailer: any Mailer, on database: any Database
    ) async throws -> Bool {
        guard let account = try await Account.query(on: database).filter(\.$login == login).filter(\.$disabledAt == nil).first(),
              let accountID = account.id, let address = account.email,
              let membership = try await Membership.query(on: database).filter(\.$account.$id == accountID)
                  .sort(\.$createdAt).first()
        else { return false }
        let (code, _) = try await issue(for: accountID, in: membership.$organisation.id, by: accountID, lifetime: mailedLifetime,
                                        platform: platform, on: database)
        // On the person's trace: a code was issued for their address (nobody signed in asked for
        // it) — written before the mail goes, so that no mail leaves without its line.
        try await AuditLog.record(AuditRecord(
            actorID: nil, subjectID: accountID, organisationID: membership.$organisation.id, event: .passwordResetIssued,
            target: "password-reset-mail", purpose: .security, requestID: requestID), at: platform.dependencies.now(), on: database)
        let t = platform.localizer(for: account.preferredLanguage)
        var link = URLComponents()
        link.path = SiteRoute.resetPassword.path
        link.queryItems = [URLQueryItem(name: "login", value: account.login), URLQueryItem(name: "code", value: code.value)]
        try await mailer.send(Mail(
            to: address, subject: t(.passwordMailSubject),
            body: t(.passwordMailBody, ["link": platform.config.linkBase + (link.string ?? SiteRoute.resetPassword.path)]),
            language: t.language))
        return true
    }
}
