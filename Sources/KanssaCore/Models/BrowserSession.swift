import Fluent
import Foundation

/// A signed-in browser. The cookie holds a random token; only its SHA-256 digest is stored, so a
/// copy of the database cannot be used to sign in. `@unchecked Sendable`: see ``Organisation``.
public final class BrowserSession: Model, @unchecked Sendable {
    public static let schema = "sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_digest") public var tokenDigest: String
    @Parent(key: "account_id") public var account: Account
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "last_seen_at") public var lastSeenAt: Date

    public init() {}

    public init(id: UUID? = nil, tokenDigest: String, accountID: UUID, createdAt: Date) {
        self.id = id
        self.tokenDigest = tokenDigest
        self.$account.id = accountID
        self.createdAt = createdAt
        self.lastSeenAt = createdAt
    }
}
