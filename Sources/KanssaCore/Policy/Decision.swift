/// The policy's answer. Anything but `.allow` denies.
public enum Decision: Sendable, Equatable {
    case allow
    case deny(DenialReason)

    public var isAllowed: Bool { self == .allow }
}

public enum DenialReason: String, Sendable, Equatable {
    /// Nobody is signed in.
    case notSignedIn = "not-signed-in"
    /// The person holds no role that allows this here.
    case notPermitted = "not-permitted"
    /// The check itself failed; Kanssa fails closed.
    case checkFailed = "check-failed"
}
