import Foundation
import Logging

/// Every setting Kanssa reads, parsed once at start into a typed value. Secrets come only from
/// the environment (or, for `demo`, a file the demo creates in its data folder).
public struct AppConfig: Sendable {
    public enum DatabaseLocation: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteInMemory
        case postgres(url: String, schema: String?)
    }

    public var database: DatabaseLocation
    public var dataDirectory: String
    public var hostname: String
    public var port: Int
    public var logLevel: Logger.Level
    public var secret: String
    /// The address people use; when it is https, cookies are `Secure` and HSTS is sent.
    public var publicURL: URL?
    public var timeZone: TimeZone
    public var sessionIdleTimeout: TimeInterval
    public var sessionMaximumAge: TimeInterval
    /// bcrypt cost; tests lower it so that a sign-in does not take a quarter of a second.
    public var passwordCost: Int
    /// How often a server runs the retention job; nil: never (tests, or a scheduler outside runs
    /// `kanssa retention`).
    public var retentionInterval: TimeInterval?
    /// How many plans' whole-person views a server keeps built in memory, and for as many sessions
    /// the whole-person page last shown to them; 0 builds and renders every one from the database.
    public var plansKept: Int = AppConfig.defaultPlansKept
    public static let defaultPlansKept = 2_000
    /// How many sessions a server on PostgreSQL keeps in memory while it hears of every change to
    /// them (``PrincipalNotices``); 0 reads each request's session from the database.
    public var sessionsKept: Int = AppConfig.defaultSessionsKept
    public static let defaultSessionsKept = 10_000
    /// Proxies whose `X-Forwarded-For` names the client (IP addresses, or "unix" for a peer on a
    /// Unix socket); none by default, when the connection's peer is the client.
    public var trustedProxies: Set<String> = []
    /// How long a connection may wait on its client — for a request's head, or for more of its
    /// body, or between requests — before it is closed.
    public var clientTimeout: TimeInterval = AppConfig.defaultClientTimeout
    public static let defaultClientTimeout: TimeInterval = 10

    /// Where e-mail goes: nowhere unless a relay is set; `demo` and the tests keep it in an outbox.
    public var mail: MailDelivery = .none
    /// How often a server looks for people due their daily digest; nil: never.
    public var digestInterval: TimeInterval?

    /// The start of links in e-mails: the public address, else the one the server listens on.
    public var linkBase: String {
        let base = publicURL?.absoluteString ?? "http://\(hostname):\(port)"
        return base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    public var isHTTPS: Bool { publicURL?.scheme?.lowercased() == "https" }

    /// A configuration for tests: an in-memory database and a fixed secret.
    public static func testing(database: DatabaseLocation = .sqliteInMemory) -> AppConfig {
        AppConfig(
            database: database, dataDirectory: NSTemporaryDirectory(), hostname: "127.0.0.1", port: 0,
            logLevel: .warning, secret: String(repeating: "t", count: 32), publicURL: nil,
            timeZone: TimeZone(identifier: "Europe/Helsinki")!, sessionIdleTimeout: 3600,
            sessionMaximumAge: 12 * 3600, passwordCost: 4, retentionInterval: nil, plansKept: defaultPlansKept,
            mail: .outbox
        )
    }
}
