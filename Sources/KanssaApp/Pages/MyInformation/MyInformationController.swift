import Fluent
import KanssaCore
import Vapor

/// "My information": the person's profile, language and the trace of who accessed their data.
struct MyInformationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "me", access: .signedIn, use: show)
        routes.on(.POST, "me", access: .signedIn, use: update)
        routes.on(.POST, "me", "password", access: .signedIn, use: changePassword)
    }

    struct PasswordForm: Content {
        var currentPassword: String?
        var newPassword: String?
    }

    struct Form: Content {
        var displayName: String?
        var language: String?
    }

    @Sendable func show(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let page = ListPage(number: request.query[Int.self, at: "page"], size: MyInformation.traceEntriesPerPage)
        var model = try await MyInformation.load(principal: principal, page: page, on: request.db)
        switch request.query[String.self, at: "notice"] {
        case "saved": model.notice = Notice(.success, request.localizer(.savedNotice))
        case "password": model.passwordNotice = Notice(.success, request.localizer(.myPasswordChangedNotice))
        default: break
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

    /// A new password, the current one asked first. Wrong guesses slow the address down as
    /// sign-in does; success ends every other session of the person's and is on their trace.
    @Sendable func changePassword(request: Request) async throws -> Response {
        guard let principal = request.principal, let sessionID = request.state.sessionID else { throw KanssaError.notSignedIn }
        let form = try request.content.decode(PasswordForm.self)
        let t = request.localizer
        func refuse(_ errors: [FieldError], status: HTTPResponseStatus = .unprocessableEntity, notice: Notice? = nil) async throws -> Response {
            var model = try await MyInformation.load(
                principal: principal, page: ListPage(number: 1, size: MyInformation.traceEntriesPerPage), on: request.db)
            model.passwordErrors = errors
            model.notice = notice
            return MyInformation.View(model: model, chrome: request.chrome(current: .myInformation())).render().response(status: status)
        }
        let throttle = LoginThrottle(request: request)
        let key = throttle.addressKey("password-change")
        if let retryAt = try await throttle.retryAt([key]) {
            return try await refuse([], status: .tooManyRequests, notice: Notice(.error, TooManyTries.message(until: retryAt, now: request.now, t)))
        }
        let current = form.currentPassword ?? ""
        let new = form.newPassword ?? ""
        var errors: [FieldError] = []
        if current.isEmpty { errors.append(FieldError(field: "currentPassword", message: t(.errorCurrentPasswordMissing))) }
        if let problem = request.platform.passwordRules.problem(with: new) {
            errors.append(FieldError(field: "newPassword", message: t.passwordError(problem)))
        }
        guard errors.isEmpty else { return try await refuse(errors) }
        guard let account = try await Account.find(principal.accountID, on: request.db) else { throw KanssaError.notSignedIn }
        guard try await request.password.async.verify(current, created: account.passwordHash) else {
            _ = try await throttle.recordFailure([key])
            return try await refuse([FieldError(field: "currentPassword", message: t(.errorCurrentPasswordWrong))])
        }
        let hash = try await request.password.async.hash(new)
        try await request.db.transaction { database in
            try await Account.query(on: database).filter(\.$id == principal.accountID).set(\.$passwordHash, to: hash).update()
            // Whoever else is signed in as this person is signed out; this browser stays.
            try await BrowserSession.query(on: database)
                .filter(\.$account.$id == principal.accountID).filter(\.$id != sessionID).delete()
            try await request.audit(.passwordChanged, subject: principal.accountID, target: "password", purpose: .security, on: database)
        }
        request.principalChanged(principal.accountID)
        return request.redirect(to: SiteRoute.myInformation().path + "?notice=password#password", redirectType: .normal)
    }
}
