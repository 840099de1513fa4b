import KanssaCore
import Vapor

/// What the session middleware learns about a request, for the handlers after it.
struct RequestState: Sendable {
    /// The signed-in person, if any.
    var principal: Principal?
    /// How many of their notices they have not seen, for the header of a page; nil when no page
    /// is asked for.
    var unreadNotices: Int?
    /// The raw session token from the cookie, when it names a live session.
    var sessionToken: String?
    /// The session's row id, when signed in.
    var sessionID: UUID?
    /// A random value bound to an anonymous browser, for the anti-forgery token of forms
    /// shown before signing in.
    var anonymousBinding: String?
    /// Set when the anonymous binding was made by this request.
    var isNewAnonymousBinding = false
    /// Set when a page used the binding for a form; only then is a new one sent as a cookie.
    var isAnonymousBindingUsed = false
    /// Set when the request carried a session cookie that no longer names a live session.
    var hasStaleSessionCookie = false
    /// The action the route's access rule asked for and the policy allowed, with what was
    /// loaded to decide it, so that the handler does not load it again.
    var allowedAction: Action?
    /// The cookies the request carried, parsed once: Vapor parses the header again on every
    /// read of `request.cookies` (5 % of a public answer's CPU with four reads).
    var cookies: HTTPCookies?
}

enum CookieName {
    static let session = "kanssa_session"
    static let anonymous = "kanssa_form"
    static let language = "kanssa_lang"
}

extension Request {
    private struct StateKey: StorageKey {
        typealias Value = RequestState
    }

    var state: RequestState {
        get { storage[StateKey.self] ?? RequestState() }
        set { storage[StateKey.self] = newValue }
    }

    var principal: Principal? { state.principal }

    /// The cookies the request carried (see ``RequestState/cookies``).
    var sentCookies: HTTPCookies {
        if let parsed = storage[StateKey.self]?.cookies { return parsed }
        return cookies
    }

    /// The anti-forgery token forms on this page must carry: a keyed digest of what binds this
    /// browser — the session when signed in, the anonymous cookie otherwise.
    var csrfToken: String {
        if state.sessionToken == nil { state.isAnonymousBindingUsed = true }
        let binding = state.sessionToken ?? state.anonymousBinding ?? ""
        return platform.secret.digest(binding, purpose: "csrf")
    }

    /// The person's language: their account's, else the one they picked, else the browser's.
    var localizer: Localizer {
        let catalogs = platform.catalogs
        let code: String
        if let language = principal?.language, catalogs.supports(language) {
            code = language
        } else if let picked = sentCookies[CookieName.language]?.string, catalogs.supports(picked) {
            code = picked
        } else {
            let preferences = headers[.acceptLanguage].flatMap { $0.split(separator: ",") }
                .map { $0.split(separator: ";").first.map(String.init) ?? "" }
                .map { $0.trimmingCharacters(in: .whitespaces) }
            code = catalogs.bestLanguage(for: preferences)
        }
        return platform.localizer(for: code)
    }

    /// A query parameter as text; nil when there is none. Vapor's decoder is asked only when the
    /// address has a query at all.
    func queryText(_ name: String) -> String? {
        guard url.query != nil else { return nil }
        return query[String.self, at: name]
    }

    /// A cookie set the way every Kanssa cookie is: HttpOnly, SameSite=Lax, Secure over HTTPS;
    /// for the whole site unless a path narrows it (one consultation's pages).
    func cookie(_ value: String, maxAge: Int?, path: String = "/") -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value, expires: nil, maxAge: maxAge, domain: nil, path: path,
            isSecure: platform.config.isHTTPS, isHTTPOnly: true, sameSite: .lax
        )
    }

    var expiredCookie: HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, domain: nil, path: "/",
            isSecure: platform.config.isHTTPS, isHTTPOnly: true, sameSite: .lax
        )
    }
}
