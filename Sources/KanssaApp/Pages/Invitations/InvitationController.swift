import Fluent
import KanssaCore
import Vapor

/// Inviting people (staff invite staff and citizens) and joining with a code.
struct InvitationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let organisation = routes.grouped("organisations", ":organisation")
        organisation.on(.GET, "invitations", "new", access: .policy { .inviteAnyone(try $0.uuid("organisation")) }, use: new)
        organisation.on(.POST, "invitations", access: .policy { .inviteAnyone(try $0.uuid("organisation")) }, use: create)
        routes.on(.GET, "join", access: .anyone, use: showRedeem)
        routes.on(.POST, "join", access: .anyone, use: redeem)
    }

    struct InviteForm: Content {
        var role: String?
        var team: String?
    }

    @Sendable func new(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let model = try await NewInvitation.load(organisationID: try request.uuid("organisation"), principal: principal, on: request.db)
        return NewInvitation.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func create(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let organisationID = try request.uuid("organisation")
        let form = try request.content.decode(InviteForm.self)
        let t = request.localizer
        var model = try await NewInvitation.load(organisationID: organisationID, principal: principal, on: request.db)
        let role = form.role.flatMap(Role.init(rawValue:))
        let teamID = form.team.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
        model.selectedRole = role
        model.selectedTeam = teamID

        if role == nil || !Policy.decide(.invite(organisation: organisationID, role: role!), for: principal).isAllowed {
            model.errors.append(FieldError(field: "role", message: t(.errorRole)))
        }
        // A team of another organisation is as good as no such team: the wall holds.
        let team = teamID.flatMap { id in model.teams.first { $0.id == id } }
        if form.team.map({ !$0.isEmpty }) == true, team == nil {
            model.errors.append(FieldError(field: "team", message: t(.errorTeam)))
        }
        guard let role, model.errors.isEmpty else {
            return NewInvitation.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }

        let invitation = try await Enrolment.invite(
            organisationID: organisationID, role: role, teamID: team?.id, invitedBy: principal.accountID,
            platform: request.platform, on: request.db)
        try await request.audit(.invitationCreated, organisation: organisationID, target: "invitation:\(role.rawValue)", purpose: .enrolment)
        let created = CreatedInvitation.Model(
            organisationID: organisationID, organisationName: model.organisationName, code: invitation.code,
            role: role, teamName: team?.name, expiresAt: invitation.expiresAt)
        return CreatedInvitation.View(model: created, chrome: request.chrome()).render().response(status: .created)
    }

    struct RedeemForm: Content {
        var code: String?
        var displayName: String?
        var login: String?
        var password: String?
    }

    @Sendable func showRedeem(request: Request) async throws -> Response {
        let model = Redeem.Model(code: request.query[String.self, at: "code"] ?? "", isSignedIn: request.principal != nil)
        return Redeem.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func redeem(request: Request) async throws -> Response {
        let form = try request.content.decode(RedeemForm.self)
        let t = request.localizer
        let principal = request.principal
        var model = Redeem.Model(
            code: String((form.code ?? "").prefix(20)), displayName: String((form.displayName ?? "").prefix(100)),
            login: String((form.login ?? "").prefix(120)), isSignedIn: principal != nil)
        func refuse(_ status: HTTPResponseStatus) -> Response {
            Redeem.View(model: model, chrome: request.chrome()).render().response(status: status)
        }

        let throttle = LoginThrottle(request: request)
        let addressKey = throttle.addressKey("join")
        if let retryAt = try await throttle.retryAt([addressKey]) {
            model.notice = Notice(.error, TooManyTries.message(until: retryAt, now: request.now, t))
            return TooManyTries.response(Redeem.View(model: model, chrome: request.chrome()).render(), until: retryAt, now: request.now)
        }

        // Check everything typed before looking the code up, so one answer lists every problem.
        let code = form.code.flatMap(InvitationCode.init(typed:))
        var newAccount: (name: String, login: LoginName, password: String)?
        if code == nil { model.errors.append(FieldError(field: "code", message: t(.errorCodeFormat))) }
        if principal == nil {
            let name = TypedText.clean(form.displayName, maxLength: 100)
            if name == nil { model.errors.append(FieldError(field: "displayName", message: t(.errorDisplayName))) }
            let login = form.login.flatMap(LoginName.init)
            if login == nil { model.errors.append(FieldError(field: "login", message: t(.errorLoginFormat))) }
            let password = form.password ?? ""
            if let problem = request.platform.passwordRules.problem(with: password) {
                model.errors.append(FieldError(field: "password", message: t.passwordError(problem)))
            }
            if let name, let login { newAccount = (name, login, password) }
        }
        guard let code, model.errors.isEmpty else { return refuse(.unprocessableEntity) }

        guard let invitation = try await Enrolment.openInvitation(code, platform: request.platform, on: request.db) else {
            try await throttle.recordFailure([addressKey])
            try await request.audit(.invitationRefused, target: "invitation", purpose: .enrolment, outcome: .denied)
            model.errors.append(FieldError(field: "code", message: t(.errorCodeInvalid)))
            return refuse(.unprocessableEntity)
        }
        if let newAccount,
            try await Account.query(on: request.db).filter(\.$login == newAccount.login.value).count() > 0
        {
            model.errors.append(FieldError(field: "login", message: t(.errorLoginTaken)))
            return refuse(.unprocessableEntity)
        }

        let passwordHash: String? = if let newAccount {
            try await request.password.async.hash(newAccount.password)
        } else { nil }
        let now = request.now
        let organisationID = invitation.$organisation.id
        let language = request.localizer.language
        let newLogin = newAccount?.login.value
        let newName = newAccount?.name
        let accountID: UUID?
        do {
            accountID = try await request.db.transaction { database -> UUID? in
            let accountID: UUID
            if let principal {
                accountID = principal.accountID
            } else if let newLogin, let newName, let passwordHash {
                let account = Account(
                    login: newLogin, displayName: newName,
                    preferredLanguage: language,
                    passwordHash: passwordHash, createdAt: now)
                try await account.create(on: database)
                accountID = try account.requireID()
            } else {
                return nil
            }
            guard try await Enrolment.claim(try invitation.requireID(), by: accountID, at: now, on: database) else {
                // Someone else used the code a moment ago: undo everything.
                throw RedeemRace()
            }
            try await Enrolment.grant(
                accountID: accountID, organisationID: organisationID, role: invitation.role,
                teamID: invitation.$team.id, at: now, on: database)
            try await request.audit(.invitationRedeemed, actor: accountID, subject: accountID, organisation: organisationID, target: "membership:\(invitation.role.rawValue)", purpose: .enrolment, on: database)
            return accountID
            }
        } catch is RedeemRace {
            model.errors.append(FieldError(field: "code", message: t(.errorCodeInvalid)))
            return refuse(.unprocessableEntity)
        }
        guard let accountID else { return refuse(.unprocessableEntity) }

        // The organisation's privacy notice is the first thing a new member reads.
        let welcome = SiteRoute.organisationAbout(organisationID, .privacy).path + "?joined=1"
        if principal != nil {
            request.principalChanged(accountID)
            return request.redirect(to: welcome, redirectType: .normal)
        }
        let token = try await SessionStore.start(accountID: accountID, on: request)
        request.state.sessionToken = token
        let response = request.redirect(to: welcome, redirectType: .normal)
        response.cookies[CookieName.session] = request.cookie(token, maxAge: Int(request.platform.config.sessionMaximumAge))
        return response
    }

    private struct RedeemRace: Error {}
}
