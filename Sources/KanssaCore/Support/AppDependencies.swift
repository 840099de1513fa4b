import Foundation

/// The outside world as the app sees it: time and randomness. Tests pin both.
public struct AppDependencies: Sendable {
    public var now: @Sendable () -> Date
    public var randomBytes: @Sendable (Int) -> [UInt8]

    public init(now: @escaping @Sendable () -> Date, randomBytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.now = now
        self.randomBytes = randomBytes
    }

    public static let live = AppDependencies(
        now: { Date() },
        randomBytes: { count in
            var generator = SystemRandomNumberGenerator()
            return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        }
    )

    /// A random token for cookies: 32 bytes, base64url.
    public func token() -> String {
        Data(randomBytes(32)).base64URLEncoded
    }
}
