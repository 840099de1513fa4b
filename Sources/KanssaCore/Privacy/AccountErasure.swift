import Fluent
import Foundation

/// The platform's part of an erasure: the account, its memberships and sessions, and the trace
/// of who read or changed the person's data.
public enum AccountErasure {
    /// The name an emptied account is shown by.
    public static let erasedName = "—"

    /// Closes the account at the first run: signed out everywhere, the sign-in name and password
    /// gone, so nobody signs in as it again. The display name stays while records an
    /// organisation keeps still need to say whom they are about.
    public static func close(_ request: DataRequest, now: Date, on database: any Database) async throws {
        try await BrowserSession.query(on: database).filter(\.$account.$id == request.accountID).delete()
        // A code to set a new password would open the account again.
        try await PasswordReset.query(on: database).filter(\.$accountID == request.accountID).delete()
        try await Notices.erase(accountID: request.accountID, on: database)
        // Someone who cannot sign in any more works in no team: their time in each ends here.
        try await TeamMembership.leave(nil, accountID: request.accountID, at: now, on: database)
        if let account = try await Account.find(request.accountID, on: database) {
            account.login = "erased-\(try request.requireID().uuidString.lowercased())"
            account.passwordHash = "!"  // no bcrypt hash: nothing matches it
            account.disabledAt = account.disabledAt ?? now
            account.email = nil
            account.noticesByEmail = false
            try await account.update(on: database)
        }
        request.accountClosedAt = now
        try await request.update(on: database)
    }

    /// Removes what is left once no module keeps anything: team places, memberships, the
    /// account. Invitations the person redeemed stay, without the link to them. When work shared
    /// with others still names the account, the account stays as an empty row instead: no name,
    /// no sign-in, no memberships.
    public static func remove(_ request: DataRequest, sharedWorkRemains: Bool = false, now: Date, on database: any Database) async throws {
        let accountID = request.accountID
        try await Invitation.query(on: database).filter(\.$redeemedBy.$id == accountID).set(\.$redeemedBy.$id, to: nil).update()
        try await TeamMembership.leave(nil, accountID: accountID, at: now, on: database)
        try await TeamMembership.forget(accountID: accountID, on: database)
        try await Membership.query(on: database).filter(\.$account.$id == accountID).delete()
        try await BrowserSession.query(on: database).filter(\.$account.$id == accountID).delete()
        // Codes they gave others to set a new password: short-lived, and void without the giver.
        try await PasswordReset.query(on: database).group(.or) { $0.filter(\.$accountID == accountID).filter(\.$issuedByID == accountID) }
            .delete()
        try await Notices.erase(accountID: accountID, on: database)
        if sharedWorkRemains, let account = try await Account.find(accountID, on: database) {
            account.displayName = erasedName
            account.searchName = Account.searchKey(erasedName)
            try await account.update(on: database)
        } else {
            try await Account.query(on: database).filter(\.$id == accountID).delete()
        }
        request.state = .completed
        request.endedAt = now
        try await request.update(on: database)
    }
}

/// The trace of who read or changed a person's data: kept as long as the longest access-trace
/// rule of the person's organisations, then erased with what the person did themselves.
public struct AccessTraceErasure: PersonalDataHolder {
    public init() {}

    public func erase(_ scope: ErasureScope, on database: any Database) async throws -> ErasureResult {
        if let until = scope.keptUntil(.accessTrace, writtenIn: scope.organisations), until > scope.now {
            return ErasureResult(keptUntil: until)
        }
        let about = try await AuditEntry.query(on: database).filter(\.$subjectID == scope.accountID).count()
        try await AuditEntry.query(on: database).filter(\.$subjectID == scope.accountID).delete()
        // What the person did that was about nobody else (signing in, their own pages).
        let own = try await AuditEntry.query(on: database).filter(\.$actorID == scope.accountID).filter(\.$subjectID == nil).count()
        try await AuditEntry.query(on: database).filter(\.$actorID == scope.accountID).filter(\.$subjectID == nil).delete()
        return ErasureResult(erased: ["access trace": about + own])
    }
}
