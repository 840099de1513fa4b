import NIOCore
import Vapor

extension Request {
    /// The address of the person's device as far as Kanssa can tell: the connection's peer, or,
    /// when the peer is a proxy the operator trusts (`KANSSA_TRUSTED_PROXIES`), the nearest
    /// address in `X-Forwarded-For` that is not one of them. Without trusted proxies the header is
    /// ignored: anyone can write it. Nil when there is no address at all.
    var clientAddress: String? {
        ClientAddress.resolve(
            peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor],
            trusted: platform.config.trustedProxies)
    }
}

enum ClientAddress {
    /// The name under which a peer without an IP address (a Unix socket) is trusted.
    static let unixSocket = "unix"

    static func resolve(peer: String?, forwardedFor: [String], trusted: Set<String>) -> String? {
        var nearest = peer ?? unixSocket
        guard trusted.contains(nearest) else { return peer }
        // Each proxy appends the address it heard from: read from the right, past trusted ones.
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard isAddress(hop) else { break }
            nearest = hop
            if !trusted.contains(hop) { return hop }
        }
        return nearest == unixSocket ? nil : nearest
    }

    /// Whether the text is an IPv4 or IPv6 address (as the operator or a proxy writes one).
    static func isAddress(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 45 else { return false }
        return (try? SocketAddress(ipAddress: text, port: 0)) != nil
    }
}
