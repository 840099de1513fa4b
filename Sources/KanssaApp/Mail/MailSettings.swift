import Foundation

/// How Kanssa reaches its mail relay. Credentials go only over STARTTLS; a relay without it is
/// allowed only when nobody signs in to it (a relay on the same machine, say).
public struct MailSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var startTLS: Bool
    public var user: String?
    public var password: String?
    /// The sender's address, e.g. kanssa@city.example.
    public var from: String
    /// A PEM file of the certificates to trust for the relay instead of the system's.
    public var trustedCertificates: String?
    /// How long to wait for each answer of the relay.
    public var timeout: TimeInterval = 30

    public init(host: String, port: Int, startTLS: Bool, user: String?, password: String?, from: String, trustedCertificates: String?) {
        self.host = host
        self.port = port
        self.startTLS = startTLS
        self.user = user
        self.password = password
        self.from = from
        self.trustedCertificates = trustedCertificates
    }
}

/// How e-mail leaves: nowhere, to the in-memory outbox, or to a relay.
public enum MailDelivery: Sendable, Equatable {
    case none
    case outbox
    case relay(MailSettings)
}
