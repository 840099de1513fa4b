import NIOCore
import NIOHTTP1

/// What the server allows a client: how long it may keep the server waiting, and how much it may
/// send. A request line or a single header may be 8 KB, a whole head 32 KB (as nginx allows by
/// default); a body the routes' limit.
struct ServerSettings: Sendable {
    static let longestField = 8 * 1024
    static let longestHead = 32 * 1024

    var clientTimeout: TimeAmount
    var maximumBody: Int
    /// Counts a request or connection refused, by reason, for `/metrics`.
    var refused: @Sendable (_ reason: String) -> Void = { _ in }

    var decoderLimits: NIOHTTPDecoderLimitConfiguration {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = Self.longestField
        limits.maxHeaderListSize = Self.longestHead
        limits.maxHeaderFieldCount = 200
        return limits
    }
}
