import Fluent
import KanssaCore
import Vapor

/// Signing in and out.
struct SignInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "sign-in", access: .anyone, use: show)
        routes.on(.POST, "sign-in", access: .anyone, use: signIn)
        routes.on(.POST, "sign-out", access: .signedIn, use: signOut)
    }

    struct Form: Content {
        var login: String?
        var password: String?
        var next: String?
    }

    /// Notices that other pages may ask the sign-in page to show, by name.
    enum NoticeName: String {
        case signedOut = "signed-out"
        case joined
        case passwordSet = "password-set"
    }

    @Sendable func show(request: Request) async throws -> Response {
        if request.principal != nil { return request.redirect(to: SiteRoute.home.path, redirectType: .normal) }
        let t = request.localizer
        var model = SignIn.Model(next: ReturnPath(request.query[String.self, at: "next"] ?? "")?.value ?? "")
        switch request.query[String.self, at: "notice"].flatMap(NoticeName.init(rawValue:)) {
        case .signedOut: model.notice = Notice(.success, t(.signedOutNotice))
        case .joined: model.notice = Notice(.success, t(.joinedNotice))
        case .passwordSet: model.notice = Notice(.success, t(.passwordSetNotice))
        case nil: break
        }
        return SignIn.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func signIn(request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let t = request.localizer
        var model = SignIn.Model(login: String((form.login ?? "").prefix(120)), next: form.next ?? "")

        let password = form.password ?? ""
        if (form.login ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            model.errors.append(FieldError(field: "login", message: t(.errorLoginMissing)))
        }
        if password.isEmpty {
            model.errors.append(FieldError(field: "password", message: t(.errorPasswordMissing)))
        }
        guard model.errors.isEmpty else {
            return SignIn.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }

        // Every variant of a login (spaces, case, compatibility forms) is one login, with one budget.
        let login = LoginName.normalised(model.login)
        let device = KnownDevice(request: request, login: login)
        let throttle = LoginThrottle(request: request)
        let keys = throttle.signInKeys(login: login, device: device)
        if let retryAt = try await throttle.retryAt(keys) {
            try await request.audit(.signInThrottled, target: "sign-in", purpose: .security, outcome: .denied)
            model.notice = Notice(.error, TooManyTries.message(until: retryAt, now: request.now, t))
            return TooManyTries.response(SignIn.View(model: model, chrome: request.chrome()).render(), until: retryAt, now: request.now)
        }

        var account: Account?
        if let name = LoginName(model.login) {
            account = try await Account.query(on: request.db).filter(\.$login == name.value).first()
        }
        // An unknown login costs the same bcrypt work as a known one, so timing reveals nothing.
        let hash = account?.passwordHash ?? request.platform.decoyPasswordHash
        let matches = try await request.password.async.verify(password, created: hash)
        guard let account, matches, account.disabledAt == nil, let accountID = account.id else {
            let capped = try await throttle.recordFailure(keys)
            try await request.audit(.signInFailed, subject: account?.id, target: "sign-in", purpose: .security, outcome: .denied)
            if !capped.isEmpty {
                // On the person's own trace: someone has been guessing their password all day.
                try await request.audit(.signInCapReached, subject: account?.id, target: "sign-in", purpose: .security, outcome: .denied)
            }
            model.errors = [FieldError(field: "login", message: t(.errorSignInFailed))]
            return SignIn.View(model: model, chrome: request.chrome()).render().response(status: .unauthorized)
        }

        // The failures here were most likely the person's own; the day's count stays.
        try await throttle.clear(keys[0])
        if let previous = request.state.sessionID, let principal = request.principal {
            try await SessionStore.end(sessionID: previous, accountID: principal.accountID, on: request)
        }
        let token = try await SessionStore.start(accountID: accountID, on: request)
        try await request.audit(.signedIn, actor: accountID, subject: accountID, target: "sign-in", purpose: .security)
        request.state.sessionToken = token
        let response = request.redirect(to: ReturnPath.or(model.next, SiteRoute.home.path), redirectType: .normal)
        response.cookies[CookieName.session] = request.cookie(token, maxAge: Int(request.platform.config.sessionMaximumAge))
        response.cookies[KnownDevice.cookieName] = KnownDevice.cookie(for: login, request: request)
        return response
    }

    @Sendable func signOut(request: Request) async throws -> Response {
        if let sessionID = request.state.sessionID, let principal = request.principal {
            try await SessionStore.end(sessionID: sessionID, accountID: principal.accountID, on: request)
        }
        if let principal = request.principal {
            try await request.audit(.signedOut, subject: principal.accountID, target: "sign-out", purpose: .security)
        }
        let response = request.redirect(
            to: SiteRoute.signIn.path + "?notice=" + NoticeName.signedOut.rawValue, redirectType: .normal)
        response.cookies[CookieName.session] = request.expiredCookie
        return response
    }
}
