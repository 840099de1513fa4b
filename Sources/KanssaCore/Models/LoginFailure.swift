import Fluent
import Foundation

/// A failed attempt to sign in or to redeem a code, counted by key ("account:…" or
/// "address:…") to slow down guessing. Kept in the database so that every instance sees it.
/// The key holds a digest, never the login or the address itself.
/// `@unchecked Sendable`: see ``Organisation``.
public final class LoginFailure: Model, @unchecked Sendable {
    public static let schema = "login_failures"

    @ID(key: .id) public var id: UUID?
    @Field(key: "throttle_key") public var throttleKey: String
    @Field(key: "occurred_at") public var occurredAt: Date

    public init() {}

    public init(id: UUID? = nil, throttleKey: String, occurredAt: Date) {
        self.id = id
        self.throttleKey = throttleKey
        self.occurredAt = occurredAt
    }
}
