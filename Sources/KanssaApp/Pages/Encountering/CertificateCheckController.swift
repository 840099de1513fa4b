import Encountering
import KanssaCore
import Vapor

/// The public page where anyone checks the code on a certificate of attendance. Unknown codes
/// slow the address down, as invitation codes do; each check is on the holder's own trace.
struct CertificateCheckController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "certificates", "check", access: .anyone, use: check)
    }

    @Sendable func check(request: Request) async throws -> Response {
        let typed = String((request.query[String.self, at: "code"] ?? "").prefix(20))
        var model = CertificateCheckPage.Model(code: typed)
        func page(_ status: HTTPResponseStatus = .ok) -> Response {
            CertificateCheckPage.View(model: model, chrome: request.chrome()).render().response(status: status)
        }
        guard !typed.isEmpty else { return page() }
        guard let code = InvitationCode(typed: typed) else {
            model.errors = [FieldError(field: "code", message: request.localizer(.errorCertificateCode))]
            return page(.unprocessableEntity)
        }
        let throttle = LoginThrottle(request: request)
        let key = throttle.addressKey("certificate-check")
        if let retryAt = try await throttle.retryAt([key]) {
            model.notice = Notice(.error, TooManyTries.message(until: retryAt, now: request.now, request.localizer))
            return TooManyTries.response(CertificateCheckPage.View(model: model, chrome: request.chrome()).render(),
                                         until: retryAt, now: request.now)
        }
        guard let checked = try await Certificates.check(code, on: request.db) else {
            _ = try await throttle.recordFailure([key])
            model.outcome = .unknown
            return page(.notFound)
        }
        try await request.audit(.personalDataRead, subject: checked.accountID, target: "certificate-check", purpose: .encountering)
        model.outcome = .genuine(checked)
        return page()
    }
}
