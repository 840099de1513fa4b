import Fluent
import Foundation
import KanssaCore
import Vapor

/// Slows the guessing of passwords and invitation codes without shutting out the people they
/// belong to. Failures are counted under keys — an account from one address, an address, a device
/// that signed in to the account before, an account over a day — and each key's failures hold the
/// next attempt under it back: not at all for the first few, then twice as long each time, up to a
/// limit. Kept in the database, so that every server counts alike; a key is a keyed digest, never
/// a login or an address.
struct LoginThrottle {
    /// How the failures counted under a key hold the next attempt back.
    enum Rule: Equatable {
        /// `free` failures cost nothing; after them each attempt waits `first`, then twice as long
        /// after each further failure, never longer than `longest`.
        case growingDelay(free: Int, first: TimeInterval, longest: TimeInterval, window: TimeInterval)
        /// At most `limit` failures within the window; then none until the oldest has left it.
        case cap(Int, window: TimeInterval)

        /// Failures older than this no longer count.
        var window: TimeInterval {
            switch self {
            case .growingDelay(_, _, _, let window), .cap(_, let window): window
            }
        }

        /// When the next attempt may be made after these failures (newest first, all within the
        /// window); nil when it may be made at once.
        func retryAt(after failures: [Date]) -> Date? {
            switch self {
            case .growingDelay(let free, let first, let longest, _):
                guard failures.count >= free, let latest = failures.first else { return nil }
                let doublings = Double(min(failures.count - free, 30))
                return latest.addingTimeInterval(min(longest, first * pow(2, doublings)))
            case .cap(let limit, let window):
                guard failures.count >= limit else { return nil }
                return failures[limit - 1].addingTimeInterval(window)
            }
        }
    }

    struct Key: Equatable {
        let value: String
        let rule: Rule
    }

    /// One account's failures from one address: a person who mistypes, or someone guessing there.
    static let accountFromAddress = Rule.growingDelay(free: 5, first: 2, longest: 10 * 60, window: 3600)
    /// Every failure from one address, whatever the account: a whole office may share one.
    static let address = Rule.growingDelay(free: 20, first: 1, longest: 60, window: 3600)
    /// Failures on a device that signed in to the account before (it answers for nothing else).
    static let knownDevice = Rule.growingDelay(free: 5, first: 2, longest: 10 * 60, window: 3600)
    /// Failures for one account from anywhere but its known devices, over a day: the limit on what
    /// many addresses together may guess.
    static let accountPerDay = Rule.cap(100, window: 24 * 3600)

    /// Links by e-mail asked for one sign-in name, from anywhere, over a day: nobody fills a
    /// mailbox from many addresses.
    static let mailPerDay = Rule.cap(5, window: 24 * 3600)

    let request: Request

    /// The keys a sign-in with this login answers to. A device that signed in to the account
    /// before answers only for its own failures; any other attempt for the account from its
    /// address, the address, and the account's day. The first key is the one a success clears.
    func signInKeys(login: String, device: KnownDevice?) -> [Key] {
        if let device {
            return [key("device", device.nonce, Self.knownDevice)]
        }
        let address = request.clientAddress ?? "unknown"
        return [
            key("account-address", login + "\u{0}" + address, Self.accountFromAddress),
            key("sign-in", address, Self.address),
            key("account", login, Self.accountPerDay),
        ]
    }

    /// The keys a request for a password link by e-mail answers to: its address, and the sign-in
    /// name asked about (whether or not it exists, so that the answer tells nothing).
    func mailKeys(login: String) -> [Key] {
        [addressKey("password-mail"), key("password-mail-account", login, Self.mailPerDay)]
    }

    /// The key for codes typed from this address (`scope` names the form).
    func addressKey(_ scope: String) -> Key {
        key(scope, request.clientAddress ?? "unknown", Self.address)
    }

    private func key(_ kind: String, _ value: String, _ rule: Rule) -> Key {
        Key(value: kind + ":" + request.platform.secret.digest(value, purpose: "throttle"), rule: rule)
    }

    /// When the next attempt under these keys may be made; nil when at once. One query.
    func retryAt(_ keys: [Key]) async throws -> Date? {
        let now = request.now
        let failures = try await recentFailures(keys)
        let times = keys.compactMap { key in
            key.rule.retryAt(after: failures.filter { $0.key == key.value && $0.at > now.addingTimeInterval(-key.rule.window) }.map(\.at))
        }
        return times.max().flatMap { $0 > now ? $0 : nil }
    }

    /// Counts a failure under every key; returns the keys whose cap this failure reached.
    @discardableResult
    func recordFailure(_ keys: [Key]) async throws -> [Key] {
        let now = request.now
        try await keys.map { LoginFailure(throttleKey: $0.value, occurredAt: now) }.create(on: request.db)
        // Failures older than the longest window say nothing any more; prune them as new ones come.
        try await LoginFailure.query(on: request.db)
            .filter(\.$occurredAt < now.addingTimeInterval(-Self.accountPerDay.window))
            .delete()
        let capped = keys.filter { if case .cap = $0.rule { true } else { false } }
        guard !capped.isEmpty else { return [] }
        let failures = try await recentFailures(capped)
        return capped.filter { key in
            guard case .cap(let limit, let window) = key.rule else { return false }
            return failures.filter { $0.key == key.value && $0.at > now.addingTimeInterval(-window) }.count == limit
        }
    }

    func clear(_ key: Key) async throws {
        try await LoginFailure.query(on: request.db).filter(\.$throttleKey == key.value).delete()
    }

    private func recentFailures(_ keys: [Key]) async throws -> [(key: String, at: Date)] {
        let since = request.now.addingTimeInterval(-(keys.map(\.rule.window).max() ?? 0))
        return try await LoginFailure.query(on: request.db)
            .filter(\.$throttleKey ~~ keys.map(\.value))
            .filter(\.$occurredAt > since)
            .sort(\.$occurredAt, .descending)
            .all()
            .map { ($0.throttleKey, $0.occurredAt) }
    }
}
