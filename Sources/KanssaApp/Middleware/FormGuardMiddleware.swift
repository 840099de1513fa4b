import KanssaCore
import Vapor

/// Refuses state-changing requests that did not come from one of Kanssa's own forms: the
/// browser must not say the request is cross-site, and the form must carry the anti-forgery token
/// bound to this browser. Only GET and HEAD may pass without; they never change anything.
struct FormGuardMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method != .GET, request.method != .HEAD else {
            return try await next.respond(to: request)
        }
        if let problem = try await problem(with: request) {
            try await request.audit(.requestDenied, target: "\(request.method.rawValue) \(request.url.path)", purpose: problem, outcome: .denied)
            throw KanssaError.formRejected
        }
        // Vapor's form decoder would turn bytes that are not UTF-8 into U+FFFD and store them.
        if let body = request.body.data, request.headers.contentType?.type != "multipart",
            String(validating: body.readableBytesView, as: UTF8.self) == nil
        {
            throw KanssaError.unreadableForm
        }
        return try await next.respond(to: request)
    }

    /// Why the request is refused, or nil if it may pass.
    private func problem(with request: Request) async throws -> String? {
        if let site = request.headers.first(name: "Sec-Fetch-Site")?.lowercased(),
            site == "cross-site" || site == "same-site"
        {
            return "cross-site-request"
        }
        if let origin = request.headers.first(name: .origin), !isOwnOrigin(origin, request: request) {
            return "foreign-origin"
        }
        // The body must be read before the token in it can be checked.
        let limit = request.application.routes.defaultMaxBodySize.value
        // Kanssa's server collects bodies (one byte past the limit at most) before the
        // application sees them; a body cut short never gets here (``ConnectionHandler``).
        let body = try await request.body.collect(max: limit).get()
        if (body?.readableBytes ?? 0) > limit { throw Abort(.payloadTooLarge) }
        guard let sent = Self.token(of: request), constantTimeEquals(sent, request.csrfToken)
        else {
            return "missing-or-wrong-form-token"
        }
        return nil
    }

    /// The form's anti-forgery token: read straight from an urlencoded body, where decoding the
    /// whole form for one field cost a twentieth of a public answer's time (profiled); from any
    /// other form as Vapor reads it.
    static func token(of request: Request) -> String? {
        guard request.headers.contentType == .urlEncodedForm, let body = request.body.string else {
            return try? request.content.get(String.self, at: "_csrf")
        }
        return field("_csrf", inForm: body)
    }

    /// The first value of `name` in an urlencoded form, decoded; nil when it is not there or
    /// cannot be decoded.
    static func field(_ name: String, inForm body: String) -> String? {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts[0] == name || FormFields.decoded(parts[0]) == name else { continue }
            return parts.count > 1 ? FormFields.decoded(parts[1]) : ""
        }
        return nil
    }

    private func isOwnOrigin(_ origin: String, request: Request) -> Bool {
        if let publicURL = request.platform.config.publicURL,
            let scheme = publicURL.scheme, let host = publicURL.host
        {
            let port = publicURL.port.map { ":\($0)" } ?? ""
            return origin.lowercased() == "\(scheme)://\(host)\(port)".lowercased()
        }
        guard let host = request.headers.first(name: .host) else { return false }
        return origin.lowercased() == "http://\(host)".lowercased() || origin.lowercased() == "https://\(host)".lowercased()
    }

    private func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
