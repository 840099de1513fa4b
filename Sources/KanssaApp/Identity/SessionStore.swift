import Fluent
import KanssaCore
import Vapor

/// Server-side sessions: start on sign-in, resume on each request, end on sign-out, expiry or
/// when the account is disabled.
enum SessionStore {
    struct Live {
        let sessionID: UUID
        let principal: Principal
    }

    /// The live session for a cookie's token, or nil. Ends sessions that are idle or too old.
    static func resume(token: String, on request: Request) async throws -> Live? {
        let config = request.platform.config
        let now = request.now
        guard let session = try await BrowserSession.query(on: request.db)
            .filter(\.$tokenDigest == Digest.sha256(token))
            .first()
        else { return nil }
        let sessionID = try session.requireID()
        let isIdle = now.timeIntervalSince(session.lastSeenAt) > config.sessionIdleTimeout
        let isTooOld = now.timeIntervalSince(session.createdAt) > config.sessionMaximumAge
        if isIdle || isTooOld {
            try await session.delete(on: request.db)
            try await request.audit(.sessionExpired, actor: session.$account.id, subject: session.$account.id, target: isIdle ? "idle" : "maximum-age", purpose: .security)
            return nil
        }
        guard let principal = try await loadPrincipal(accountID: session.$account.id, on: request.db) else {
            try await session.delete(on: request.db)
            return nil
        }
        // Writing on every request would make reads into writes; a minute's precision is enough.
        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            session.lastSeenAt = now
            try await session.update(on: request.db)
        }
        return Live(sessionID: sessionID, principal: principal)
    }

    /// The principal for an account, or nil if it does not exist or is disabled.
    static func loadPrincipal(accountID: UUID, on database: any Database) async throws -> Principal? {
        guard let account = try await Account.find(accountID, on: database), account.disabledAt == nil else {
            return nil
        }
        let memberships = try await Membership.query(on: database)
            .filter(\.$account.$id == accountID)
            .with(\.$organisation)
            .all()
            .map {
                MembershipGrant(organisationID: $0.$organisation.id, organisationName: $0.organisation.name, role: $0.role)
            }
            .sorted { ($0.organisationName, $0.role) < ($1.organisationName, $1.role) }
        let teamIDs = try await TeamMember.query(on: database).filter(\.$account.$id == accountID).all(\.$team.$id)
        return Principal(
            accountID: accountID, displayName: account.displayName, language: account.preferredLanguage,
            memberships: memberships, teamIDs: Set(teamIDs))
    }

    /// Starts a session with a new token (a new id on every sign-in) and returns the token.
    static func start(accountID: UUID, on request: Request) async throws -> String {
        let token = request.platform.dependencies.token()
        try await BrowserSession(tokenDigest: Digest.sha256(token), accountID: accountID, createdAt: request.now)
            .create(on: request.db)
        return token
    }

    static func end(sessionID: UUID, on database: any Database) async throws {
        try await BrowserSession.query(on: database).filter(\.$id == sessionID).delete()
    }

    static func endAll(accountID: UUID, on database: any Database) async throws {
        try await BrowserSession.query(on: database).filter(\.$account.$id == accountID).delete()
    }
}
