import Fluent
import KanssaCore
import SQLKit
import Vapor

/// Server-side sessions: start on sign-in, resume on each request, end on sign-out, expiry or
/// when the account is disabled.
enum SessionStore {
    struct Live {
        let sessionID: UUID
        let principal: Principal
    }

    /// The live session for a cookie's token, or nil. Ends sessions that are idle or too old, or
    /// whose account is disabled. Every request asks this: from ``KeptSessions`` when this server
    /// keeps the session and it has been seen within the last minute, otherwise in one query of
    /// plain rows (the session with its account, memberships and teams), prepared once per
    /// connection on PostgreSQL.
    static func resume(token: String, on request: Request) async throws -> Live? {
        let config = request.platform.config
        let now = request.now
        let digest = Digest.sha256(token)
        let kept = request.platform.keptSessions
        // A kept session is used only while nothing about it needs writing: not too old, and seen
        // (as the database knows) within the minute. Anything else goes to the database.
        if let entry = kept.entry(for: digest, if: {
            now.timeIntervalSince($0.lastSeenAt) <= min(Self.lastSeenPrecision, config.sessionIdleTimeout) && now.timeIntervalSince($0.createdAt) <= config.sessionMaximumAge
        }) {
            return entry.live
        }
        let ticket = kept.ticket()
        let rows = try await request.db.rows(of: SessionWithPerson(digest: digest))
        guard let session = rows.first else { return nil }
        let isIdle = now.timeIntervalSince(session.last_seen_at) > config.sessionIdleTimeout
        let isTooOld = now.timeIntervalSince(session.created_at) > config.sessionMaximumAge
        if isIdle || isTooOld {
            try await end(sessionID: session.id, accountID: session.account_id, on: request)
            try await request.audit(.sessionExpired, actor: session.account_id, subject: session.account_id, target: isIdle ? "idle" : "maximum-age", purpose: .security)
            return nil
        }
        guard session.disabled_at == nil else {
            try await end(sessionID: session.id, accountID: session.account_id, on: request)
            return nil
        }
        let memberships = rows.filter { $0.team_id == nil }.compactMap { row -> MembershipGrant? in
            guard let organisation = row.organisation_id, let name = row.organisation_name, let role = row.role else { return nil }
            return MembershipGrant(organisationID: organisation, organisationName: name, role: role)
        }
        .sorted { ($0.organisationName, $0.role) < ($1.organisationName, $1.role) }
        let teamIDs = rows.compactMap(\.team_id)
        var lastSeenAt = session.last_seen_at
        // Writing on every request would make reads into writes; a minute's precision is enough.
        if now.timeIntervalSince(session.last_seen_at) > Self.lastSeenPrecision {
            try await BrowserSession.query(on: request.db).filter(\.$id == session.id).set(\.$lastSeenAt, to: now).update()
            lastSeenAt = now
        }
        let principal = Principal(
            accountID: session.account_id, displayName: session.display_name, language: session.preferred_language,
            memberships: memberships, teamIDs: Set(teamIDs))
        let live = Live(sessionID: session.id, principal: principal)
        if let ticket {
            kept.keep(KeptSessions.Entry(live: live, createdAt: session.created_at, lastSeenAt: lastSeenAt), for: digest, ticket: ticket)
        }
        return live
    }

    /// How stale a session's time of last use may be in the database.
    static let lastSeenPrecision: TimeInterval = 60

    /// Starts a session with a new token (a new id on every sign-in) and returns the token.
    static func start(accountID: UUID, on request: Request) async throws -> String {
        let token = request.platform.dependencies.token()
        try await BrowserSession(tokenDigest: Digest.sha256(token), accountID: accountID, createdAt: request.now)
            .create(on: request.db)
        // An organisation's rule on unused accounts counts from here.
        // The session before this one is where "since you last came" starts.
        guard let sql = request.db as? any SQLDatabase else { throw FrequentQueryError.unsupportedDatabase }
        try await sql.raw("""
            UPDATE accounts SET previous_active_at = last_active_at, last_active_at = \(bind: request.now)
            WHERE id = \(bind: accountID)
            """).run()
        return token
    }

    private static func end(sessionID: UUID, on database: any Database) async throws {
        try await BrowserSession.query(on: database).filter(\.$id == sessionID).delete()
    }

    /// Ends a session and lets go of what this server kept in memory for it (other servers hear
    /// of it from the database).
    static func end(sessionID: UUID, accountID: UUID, on request: Request) async throws {
        try await end(sessionID: sessionID, on: request.db)
        request.principalChanged(accountID)
        request.platform.shownActionPages.forget(session: sessionID)
    }

    /// Ends every session of an account; the caller lets this server's kept ones go
    /// (``Request/principalChanged(_:)``) once its transaction is over.
    static func endAll(accountID: UUID, on database: any Database) async throws {
        try await BrowserSession.query(on: database).filter(\.$account.$id == accountID).delete()
    }
}

extension Request {
    /// Says that who `account` is has changed (their roles, teams, name, language, sessions):
    /// this server lets go of their kept sessions at once; other servers hear it from the database.
    func principalChanged(_ account: UUID) {
        platform.keptSessions.forget(account: account)
    }
}

/// The session a token's digest names, with its account: one row per membership of the account
/// (organisation named) and one per team it is in.
struct SessionWithPerson: FrequentQuery {
    struct Row: Decodable, Sendable {
        let id: UUID
        let account_id: UUID
        let created_at: Date
        let last_seen_at: Date
        let display_name: String
        let preferred_language: String
        let disabled_at: Date?
        let organisation_id: UUID?
        let organisation_name: String?
        let role: Role?
        let team_id: UUID?
    }

    static let sql = """
        SELECT s.id, s.account_id, s.created_at, s.last_seen_at, a.display_name, a.preferred_language, a.disabled_at,
            m.organisation_id, o.name AS organisation_name, m.role, NULL AS team_id
        FROM sessions s JOIN accounts a ON a.id = s.account_id
        LEFT JOIN memberships m ON m.account_id = s.account_id
        LEFT JOIN organisations o ON o.id = m.organisation_id
        WHERE s.token_digest = $1
        UNION ALL
        SELECT s.id, s.account_id, s.created_at, s.last_seen_at, a.display_name, a.preferred_language, a.disabled_at,
            NULL, NULL, NULL, tm.team_id
        FROM sessions s JOIN accounts a ON a.id = s.account_id
        JOIN team_members tm ON tm.account_id = s.account_id
        WHERE s.token_digest = $1
        """

    let digest: String
    var parameters: [QueryParameter] { [.text(digest)] }
}
