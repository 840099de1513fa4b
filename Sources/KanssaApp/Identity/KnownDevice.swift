import KanssaCore
import Vapor

/// A browser that has signed in to an account before (OWASP's "device cookie"): a random nonce,
/// bound to the login by a keyed digest so that it cannot be made up or moved to another
/// account. Such a browser answers only for its own failed sign-ins, so that guessing from
/// elsewhere — or from the same office address — does not hold the person back.
struct KnownDevice: Equatable {
    static let cookieName = "kanssa_device"
    static let lifetime = 365 * 24 * 3600

    let nonce: String

    /// The device named by the request's cookie, if it signed in as this login before.
    init?(request: Request, login: String) {
        guard let value = request.sentCookies[Self.cookieName]?.string, value.utf8.count <= 200,
            let dot = value.firstIndex(of: ".")
        else { return nil }
        let nonce = String(value[..<dot]), seal = String(value[value.index(after: dot)...])
        guard !nonce.isEmpty, seal == Self.seal(nonce: nonce, login: login, secret: request.platform.secret) else { return nil }
        self.nonce = nonce
    }

    /// A new cookie for a browser that has just signed in as this login.
    static func cookie(for login: String, request: Request) -> HTTPCookies.Value {
        let nonce = request.platform.dependencies.token()
        return request.cookie(nonce + "." + seal(nonce: nonce, login: login, secret: request.platform.secret), maxAge: lifetime)
    }

    private static func seal(nonce: String, login: String, secret: Secret) -> String {
        secret.digest(nonce + "\u{0}" + login, purpose: "known-device")
    }
}
