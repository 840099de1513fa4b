import Vapor

/// Security headers on every response, error pages included (this middleware sits outside the
/// error middleware).
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'none'", "style-src 'self'", "img-src 'self' data:", "form-action 'self'",
        "frame-ancestors 'none'", "base-uri 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        Self.apply(to: &response.headers, isHTTPS: request.platform.config.isHTTPS, requestID: request.id)
        return response
    }

    /// Sets the headers every answer carries, also those the server makes before the
    /// application sees a request (``ConnectionRefusal``).
    static func apply(to headers: inout HTTPHeaders, isHTTPS: Bool, requestID: String) {
        for (name, value) in Self.headers(isHTTPS: isHTTPS) { headers.replaceOrAdd(name: name, value: value) }
        // Pages may show personal data; only the stylesheet may be kept by caches.
        if headers.first(name: .cacheControl) == nil {
            headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        headers.replaceOrAdd(name: "X-Request-Id", value: requestID)
    }

    static func headers(isHTTPS: Bool) -> [(String, String)] {
        var headers = [
            ("Content-Security-Policy", contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ]
        if isHTTPS { headers.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains")) }
        return headers
    }
}
