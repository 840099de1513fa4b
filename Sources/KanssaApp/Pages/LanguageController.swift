import Fluent
import KanssaCore
import Vapor

/// The language switch in every page's header: a form, so it works without script.
struct LanguageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "language", access: .anyone, use: choose)
    }

    struct Form: Content {
        var language: String?
        var `return`: String?
    }

    @Sendable func choose(request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        guard let language = form.language, request.platform.catalogs.supports(language) else {
            throw KanssaError.unreadableForm
        }
        if let principal = request.principal, principal.language != language {
            try await Account.query(on: request.db)
                .filter(\.$id == principal.accountID)
                .set(\.$preferredLanguage, to: language)
                .update()
            try await request.audit(.personalDataChanged, subject: principal.accountID, target: "language", purpose: .ownProfile)
        }
        let response = request.redirect(to: ReturnPath.or(form.return, SiteRoute.home.path), redirectType: .normal)
        response.cookies[CookieName.language] = request.cookie(language, maxAge: 365 * 24 * 3600)
        return response
    }
}
