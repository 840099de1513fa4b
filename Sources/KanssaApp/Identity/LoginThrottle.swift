import Fluent
import KanssaCore
import Vapor

/// Slows down guessing of passwords and invitation codes: a few failures per account, and more
/// per client address, within a window. Kept in the database, so every instance counts alike.
/// Keys are keyed digests: the table never holds a login or an address.
struct LoginThrottle {
    static let window: TimeInterval = 15 * 60
    static let perAccount = 5
    static let perAddress = 20

    let request: Request

    func accountKey(_ login: String) -> String {
        "account:" + request.platform.secret.digest(login.lowercased(), purpose: "throttle")
    }

    func addressKey(_ scope: String) -> String {
        let address = request.remoteAddress?.ipAddress ?? "unknown"
        return "\(scope):" + request.platform.secret.digest(address, purpose: "throttle")
    }

    /// True when any key has had too many failures in the window.
    func isThrottled(_ limits: [(key: String, limit: Int)]) async throws -> Bool {
        let since = request.now.addingTimeInterval(-Self.window)
        for (key, limit) in limits {
            let failures = try await LoginFailure.query(on: request.db)
                .filter(\.$throttleKey == key)
                .filter(\.$occurredAt > since)
                .count()
            if failures >= limit { return true }
        }
        return false
    }

    func recordFailure(keys: [String]) async throws {
        let now = request.now
        try await keys.map { LoginFailure(throttleKey: $0, occurredAt: now) }.create(on: request.db)
        // Old failures say nothing any more; prune them as new ones arrive.
        try await LoginFailure.query(on: request.db)
            .filter(\.$occurredAt < now.addingTimeInterval(-Self.window))
            .delete()
    }

    func clear(key: String) async throws {
        try await LoginFailure.query(on: request.db).filter(\.$throttleKey == key).delete()
    }
}
