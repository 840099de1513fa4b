import Fluent
import KanssaCore
import Vapor

/// "My information": the person's profile, language and the trace of who accessed their data.
struct MyInformationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "me", access: .signedIn, use: show)
        routes.on(.POST, "me", access: .signedIn, use: update)
    }

    struct Form: Content {
        var displayName: String?
        var language: String?
    }

    @Sendable func show(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let page = ListPage(number: request.query[Int.self, at: "page"], size: MyInformation.traceEntriesPerPage)
        var model = try await MyInformation.load(principal: principal, page: page, on: request.db)
        if request.query[String.self, at: "notice"] == "saved" {
            model.notice = Notice(.success, request.localizer(.savedNotice))
        }
        return MyInformation.View(model: model, chrome: request.chrome(current: .myInformation()))
            .render().response()
    }

    @Sendable func update(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try request.content.decode(Form.self)
        let t = request.localizer
        var errors: [FieldError] = []
        let name = TypedText.clean(form.displayName, maxLength: 100)
        if name == nil { errors.append(FieldError(field: "displayName", message: t(.errorDisplayName))) }
        let language = form.language.flatMap { request.platform.catalogs.supports($0) ? $0 : nil }
        if language == nil { errors.append(FieldError(field: "language", message: t(.errorLanguage))) }

        guard let name, let language, errors.isEmpty else {
            var model = try await MyInformation.load(principal: principal, page: ListPage(number: 1, size: MyInformation.traceEntriesPerPage), on: request.db)
            model.displayName = String((form.displayName ?? "").prefix(100))
            model.errors = errors
            return MyInformation.View(model: model, chrome: request.chrome(current: .myInformation()))
                .render().response(status: .unprocessableEntity)
        }
        try await Account.query(on: request.db)
            .filter(\.$id == principal.accountID)
            .set(\.$displayName, to: name).set(\.$searchName, to: Account.searchKey(name))
            .set(\.$preferredLanguage, to: language)
            .update()
        request.principalChanged(principal.accountID)
        try await request.audit(.personalDataChanged, subject: principal.accountID, target: "profile", purpose: .ownProfile)
        return request.redirect(to: SiteRoute.myInformation().path + "?notice=saved", redirectType: .normal)
    }
}
