import Fluent
import KanssaCore
import Vapor

/// A forgotten password, mended in person: staff of the person's organisation give them a
/// one-time code (on paper or read aloud), and with it the person sets a new password on a page
/// anyone can open. What the page answers does not tell whether a sign-in name exists.
struct PasswordResetController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "password", "reset", access: .anyone, use: showReset)
        routes.on(.POST, "password", "reset", access: .anyone, use: reset)
        routes.on(.POST, "password", "mail", access: .anyone, use: mail)
        let open = AccessRule.policy { .openPasswordResets(try $0.uuid("organisation")) }
        routes.on(.GET, "organisations", ":organisation", "password-resets", access: open, use: showIssue)
        routes.on(.POST, "organisations", ":organisation", "password-resets", access: open, use: issue)
    }

    // MARK: Staff give a code

    @Sendable func showIssue(request: Request) async throws -> Response {
        let organisation = try await request.organisation()
        let model = PasswordResetPages.IssueModel(
            organisationID: try organisation.requireID(), organisationName: organisation.name,
            login: String((request.query[String.self, at: "login"] ?? "").prefix(120)))
        return PasswordResetPages.IssueView(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func issue(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let organisation = try await request.organisation()
        let organisationID = try organisation.requireID()
        let typed = String(((try? request.content.get(String.self, at: "login")) ?? "").prefix(120))
        var model = PasswordResetPages.IssueModel(organisationID: organisationID, organisationName: organisation.name, login: typed)
        // Whether nobody signs in so, or they are not someone this person may give a code to, the answer is one.
        let account = try await Account.query(on: request.db).filter(\.$login == LoginName.normalised(typed)).first()
        var memberships: [Membership] = []
        if let id = account?.id { memberships = try await Membership.query(on: request.db).filter(\.$account.$id == id).all() }
        let roles = Set(memberships.filter { $0.$organisation.id == organisationID }.map(\.role))
        let elsewhere = memberships.contains { $0.$organisation.id != organisationID }
        guard let account, let accountID = account.id, account.disabledAt == nil,
            Policy.decide(.issuePasswordReset(organisation: organisationID, account: accountID, roles: roles, belongsElsewhere: elsewhere),
                          for: principal).isAllowed
        else {
            model.errors = [FieldError(field: "login", message: request.localizer(
                .errorPasswordResetNobody, ["login": typed, "organisation": organisation.name]))]
            return PasswordResetPages.IssueView(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        let (code, expiresAt) = try await PasswordResets.issue(
            for: accountID, in: organisationID, by: principal.accountID, platform: request.platform, on: request.db)
        try await request.audit(.passwordResetIssued, subject: accountID, organisation: organisationID, target: "password-reset",
                                purpose: .security)
        model.given = .init(name: account.displayName, code: code, expiresAt: expiresAt)
        return PasswordResetPages.IssueView(model: model, chrome: request.chrome()).render().response()
    }

    // MARK: The person sets a new password

    struct ResetForm: Content {
        var login: String?
        var code: String?
        var password: String?
    }

    /// The link in the e-mail brings the sign-in name and code with it.
    @Sendable func showReset(request: Request) async throws -> Response {
        var model = PasswordResetPages.ResetModel(
            login: String((request.query[String.self, at: "login"] ?? "").prefix(120)),
            code: String((request.query[String.self, at: "code"] ?? "").prefix(20)))
        model.mayMail = request.platform.mailer != nil
        return PasswordResetPages.ResetView(model: model, chrome: request.chrome()).render().response()
    }

    /// A link by e-mail: the same answer at once, whether or not the account exists or has an
    /// address; the code is made and sent afterwards. Slowed per address like every guess.
    @Sendable func mail(request: Request) async throws -> Response {
        guard let mailer = request.platform.mailer else { throw KanssaError.notFound }
        let typed = String(((try? request.content.get(String.self, at: "mailLogin")) ?? "").prefix(120))
        let t = request.localizer
        var model = PasswordResetPages.ResetModel(login: typed)
        model.mayMail = true
        let login = LoginName.normalised(typed)
        guard !login.isEmpty else {
            model.mailErrors = [FieldError(field: "mailLogin", message: t(.errorLoginMissing))]
            return PasswordResetPages.ResetView(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        let throttle = LoginThrottle(request: request)
        let keys = throttle.mailKeys(login: login)
        if let retryAt = try await throttle.retryAt(keys) {
            model.notice = Notice(.error, TooManyTries.message(until: retryAt, now: request.now, t))
            return TooManyTries.response(PasswordResetPages.ResetView(model: model, chrome: request.chrome()).render(),
                                         until: retryAt, now: request.now)
        }
        // Each request counts, so that nobody fills a mailbox.
        try await throttle.recordFailure(keys)
        let (application, platform, requestID) = (request.application, request.platform, request.id)
        Task {
            do {
                _ = try await PasswordResets.mail(login: login, requestID: requestID, platform: platform, mailer: mailer, on: application.db)
            } catch {
                application.logger.error("password link: not sent", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        model.notice = Notice(.success, t(.passwordMailSentNotice))
        return PasswordResetPages.ResetView(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func reset(request: Request) async throws -> Response {
        let form = try request.content.decode(ResetForm.self)
        let t = request.localizer
        let login = LoginName.normalised(String((form.login ?? "").prefix(120)))
        var model = PasswordResetPages.ResetModel(login: String((form.login ?? "").prefix(120)), code: String((form.code ?? "").prefix(20)))
        // Guessing codes is slowed as guessing passwords is, under the same keys.
        let throttle = LoginThrottle(request: request)
        let keys = throttle.signInKeys(login: login, device: nil) + [throttle.addressKey("password-reset")]
        if let retryAt = try await throttle.retryAt(keys) {
            model.notice = Notice(.error, TooManyTries.message(until: retryAt, now: request.now, t))
            return TooManyTries.response(PasswordResetPages.ResetView(model: model, chrome: request.chrome()).render(),
                                         until: retryAt, now: request.now)
        }
        var errors: [FieldError] = []
        if login.isEmpty { errors.append(FieldError(field: "login", message: t(.errorLoginMissing))) }
        let code = InvitationCode(typed: form.code ?? "")
        if code == nil { errors.append(FieldError(field: "code", message: t(.errorPasswordResetCode))) }
        let password = form.password ?? ""
        if let problem = request.platform.passwordRules.problem(with: password) {
            errors.append(FieldError(field: "password", message: t.passwordError(problem)))
        }
        guard errors.isEmpty, let code else {
            model.errors = errors
            return PasswordResetPages.ResetView(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        let hash = try await request.password.async.hash(password)
        guard let reset = try await PasswordResets.redeem(login: login, code: code, passwordHash: hash, platform: request.platform,
                                                         on: request.db)
        else {
            try await throttle.recordFailure(keys)
            model.errors = [FieldError(field: "code", message: t(.errorPasswordResetRefused))]
            return PasswordResetPages.ResetView(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        request.principalChanged(reset.accountID)
        try await request.audit(.passwordChanged, actor: reset.accountID, subject: reset.accountID, organisation: reset.organisationID,
                                target: "password-reset", purpose: .security)
        return request.redirect(to: SiteRoute.signIn.path + "?notice=" + SignInController.NoticeName.passwordSet.rawValue,
                                redirectType: .normal)
    }
}
