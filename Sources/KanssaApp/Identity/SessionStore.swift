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

    /// The live session for a cookie's token, or nil. Ends sessions that are idle or too old.
    static func resume(token: String, on request: Request) async throws -> Live? {
        let config = request.platform.config
        let now = request.now
        // Every request asks this: read as a plain row rather than a model.
        guard let sql = request.db as? any SQLDatabase else { return nil }
        struct Row: Decodable { let id: UUID; let account_id: UUID; let created_at: Date; let last_seen_at: Date }
        guard let session = try await sql.select().columns("id", "account_id", "created_at", "last_seen_at")
            .from(BrowserSession.schema).where("token_digest", .equal, Digest.sha256(token))
            .first(decoding: Row.self)
        else { return nil }
        let isIdle = now.timeIntervalSince(session.last_seen_at) > config.sessionIdleTimeout
        let isTooOld = now.timeIntervalSince(session.created_at) > config.sessionMaximumAge
        if isIdle || isTooOld {
            try await end(sessionID: session.id, on: request.db)
            try await request.audit(.sessionExpired, actor: session.account_id, subject: session.account_id, target: isIdle ? "idle" : "maximum-age", purpose: .security)
            return nil
        }
        guard let principal = try await loadPrincipal(accountID: session.account_id, on: request.db) else {
            try await end(sessionID: session.id, on: request.db)
            return nil
        }
        // Writing on every request would make reads into writes; a minute's precision is enough.
        if now.timeIntervalSince(session.last_seen_at) > 60 {
            try await BrowserSession.query(on: request.db).filter(\.$id == session.id).set(\.$lastSeenAt, to: now).update()
        }
        return Live(sessionID: session.id, principal: principal)
    }

    /// The principal for an account, or nil if it does not exist or is disabled. Three small
    /// queries on every request, so read as plain rows rather than whole models.
    static func loadPrincipal(accountID: UUID, on database: any Database) async throws -> Principal? {
        guard let sql = database as? any SQLDatabase else { return nil }
        struct AccountRow: Decodable { let display_name: String; let preferred_language: String; let disabled_at: Date? }
        guard let account = try await sql.select()
            .columns("display_name", "preferred_language", "disabled_at").from(Account.schema)
            .where("id", .equal, accountID).first(decoding: AccountRow.self),
            account.disabled_at == nil
        else { return nil }
        struct MembershipRow: Decodable { let organisation_id: UUID; let name: String; let role: Role }
        let memberships = try await sql.select()
            .column(SQLColumn("organisation_id", table: Membership.schema)).column(SQLColumn("name", table: Organisation.schema))
            .column(SQLColumn("role", table: Membership.schema))
            .from(Membership.schema)
            .join(Organisation.schema, on: SQLColumn("organisation_id", table: Membership.schema), .equal, SQLColumn("id", table: Organisation.schema))
            .where(SQLColumn("account_id", table: Membership.schema), .equal, SQLBind(accountID))
            .all(decoding: MembershipRow.self)
            .map { MembershipGrant(organisationID: $0.organisation_id, organisationName: $0.name, role: $0.role) }
            .sorted { ($0.organisationName, $0.role) < ($1.organisationName, $1.role) }
        struct TeamRow: Decodable { let team_id: UUID }
        let teamIDs = try await sql.select().column("team_id").from(TeamMember.schema).where("account_id", .equal, accountID)
            .all(decoding: TeamRow.self).map(\.team_id)
        return Principal(
            accountID: accountID, displayName: account.display_name, language: account.preferred_language,
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
