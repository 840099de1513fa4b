import Fluent
import KanssaCore
import Vapor

/// Organisation administration: teams, members, roles, and disabling accounts. An administrator
/// manages people and structure; nothing here shows a citizen's plan.
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let organisation = routes.grouped("organisations", ":organisation")
        let administer = AccessRule.policy { .administerOrganisation(try $0.uuid("organisation")) }
        let manage = AccessRule.policy { .manageMembers(try $0.uuid("organisation")) }
        organisation.on(.GET, "admin", access: administer, use: overview)
        organisation.on(.POST, "teams", access: administer, use: addTeam)
        organisation.on(.GET, "members", ":account", access: manage, use: member)
        organisation.on(.POST, "members", ":account", "roles", access: manage, use: setRoles)
        organisation.on(.POST, "members", ":account", "teams", access: manage, use: setTeams)
        organisation.on(.GET, "members", ":account", "disable", access: manage, use: confirmDisable)
        organisation.on(.POST, "members", ":account", "disable", access: manage, use: disable)
    }

    // MARK: Overview and teams

    @Sendable func overview(request: Request) async throws -> Response {
        let organisationID = try request.uuid("organisation")
        var model = try await loadOverview(request, organisationID: organisationID)
        switch request.query[String.self, at: "notice"] {
        case "team-added": model.notice = Notice(.success, request.localizer(.teamAddedNotice))
        case "member-removed": model.notice = Notice(.success, request.localizer(.memberRemovedNotice))
        default: break
        }
        return AdminOverview.View(model: model, chrome: request.chrome(current: .organisationAdmin(organisationID)))
            .render().response()
    }

    private func loadOverview(_ request: Request, organisationID: UUID) async throws -> AdminOverview.Model {
        let page = ListPage(number: request.query[Int.self, at: "page"])
        let search = TypedText.clean(request.query[String.self, at: "q"], maxLength: 100) ?? ""
        let model = try await AdminOverview.load(
            organisationID: organisationID, page: page, search: search, now: request.now, on: request.db)
        // Names and logins of members are personal data: each listed person sees this read.
        try await AuditLog.record(
            model.members.items.map {
                AuditRecord(actorID: request.principal?.accountID, subjectID: $0.accountID, organisationID: organisationID,
                            event: .personalDataRead, target: "member-list", purpose: .organisationAdministration,
                            requestID: request.id)
            },
            at: request.now, on: request.db)
        return model
    }

    struct TeamForm: Content {
        var name: String?
    }

    @Sendable func addTeam(request: Request) async throws -> Response {
        let organisationID = try request.uuid("organisation")
        let form = try request.content.decode(TeamForm.self)
        let name = TypedText.clean(form.name, maxLength: 100)
        var problem: MessageKey?
        if name == nil {
            problem = .errorTeamName
        } else if try await Team.query(on: request.db)
            .filter(\.$organisation.$id == organisationID).filter(\.$name == name!).count() > 0
        {
            problem = .errorTeamExists
        }
        guard let name, problem == nil else {
            var model = try await loadOverview(request, organisationID: organisationID)
            model.newTeamName = String((form.name ?? "").prefix(100))
            model.errors = [FieldError(field: "name", message: request.localizer(problem ?? .errorTeamName))]
            return AdminOverview.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        try await Team(organisationID: organisationID, name: name, createdAt: request.now).create(on: request.db)
        try await request.audit(.teamCreated, organisation: organisationID, target: "team", purpose: .organisationAdministration)
        return request.redirect(to: SiteRoute.organisationAdmin(organisationID).path + "?notice=team-added", redirectType: .normal)
    }

    // MARK: One member

    private func loadMember(_ request: Request) async throws -> MemberDetail.Model {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let organisationID = try request.uuid("organisation")
        let accountID = try request.uuid("account")
        guard let model = try await MemberDetail.load(
            organisationID: organisationID, accountID: accountID, actorID: principal.accountID, on: request.db)
        else { throw KanssaError.notFound }
        try await request.audit(.personalDataRead, subject: accountID, organisation: organisationID, target: "membership", purpose: .organisationAdministration)
        return model
    }

    @Sendable func member(request: Request) async throws -> Response {
        var model = try await loadMember(request)
        if request.query[String.self, at: "notice"] == "saved" {
            model.notice = Notice(.success, request.localizer(.savedNotice))
        }
        return MemberDetail.View(model: model, chrome: request.chrome()).render().response()
    }

    struct RolesForm: Content {
        var roles: [String]?
    }

    @Sendable func setRoles(request: Request) async throws -> Response {
        var model = try await loadMember(request)
        let form = try request.content.decode(RolesForm.self)
        let requested = (form.roles ?? []).map(Role.init(rawValue:))
        let t = request.localizer
        guard requested.allSatisfy({ $0 != nil }) else { throw KanssaError.unreadableForm }
        let roles = Set(requested.compactMap { $0 })
        let organisationID = model.organisationID
        let accountID = model.accountID
        let currentRoles = model.roles
        let teamIDs = model.teams.map(\.id)

        if model.roles.contains(.admin), !roles.contains(.admin) {
            let admins = try await Membership.query(on: request.db)
                .filter(\.$organisation.$id == organisationID).filter(\.$role == .admin).count()
            if admins <= 1 {
                model.errors = [FieldError(field: "roles", message: t(.errorLastAdmin))]
                return MemberDetail.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
            }
        }
        try await request.db.transaction { database in
            try await Membership.query(on: database)
                .filter(\.$organisation.$id == organisationID).filter(\.$account.$id == accountID)
                .filter(\.$role !~ Array(roles))
                .delete()
            for role in roles.subtracting(currentRoles) {
                try await Enrolment.grant(accountID: accountID, organisationID: organisationID, role: role, at: request.now, on: database)
            }
            if roles.isEmpty {
                // Leaving the organisation also means leaving its teams.
                try await TeamMembership.leave(teamIDs, accountID: accountID, at: request.now, on: database)
            }
            try await request.audit(.rolesChanged, subject: accountID, organisation: organisationID, target: roles.map(\.rawValue).sorted().joined(separator: ","), purpose: .organisationAdministration, on: database)
        }
        request.principalChanged(accountID)
        if roles.isEmpty {
            return request.redirect(to: SiteRoute.organisationAdmin(organisationID).path + "?notice=member-removed", redirectType: .normal)
        }
        return request.redirect(to: SiteRoute.member(organisation: organisationID, account: accountID).path + "?notice=saved", redirectType: .normal)
    }

    struct TeamsForm: Content {
        var teams: [String]?
    }

    @Sendable func setTeams(request: Request) async throws -> Response {
        let model = try await loadMember(request)
        let form = try request.content.decode(TeamsForm.self)
        let known = Set(model.teams.map(\.id))
        let requested = (form.teams ?? []).map { UUID(uuidString: $0) }
        // A team id from another organisation is refused like any unreadable input.
        guard requested.allSatisfy({ $0.map(known.contains) ?? false }) else { throw KanssaError.unreadableForm }
        let wanted = Set(requested.compactMap { $0 })
        let current = Set(model.teams.filter(\.isMember).map(\.id))
        try await request.db.transaction { database in
            try await TeamMembership.leave(Array(current.subtracting(wanted)), accountID: model.accountID, at: request.now, on: database)
            for teamID in wanted.subtracting(current) {
                try await TeamMembership.join(teamID, accountID: model.accountID, at: request.now, on: database)
            }
            try await request.audit(.teamsChanged, subject: model.accountID, organisation: model.organisationID, target: "teams", purpose: .organisationAdministration, on: database)
        }
        request.principalChanged(model.accountID)
        return request.redirect(
            to: SiteRoute.member(organisation: model.organisationID, account: model.accountID).path + "?notice=saved",
            redirectType: .normal)
    }

    // MARK: Disabling

    @Sendable func confirmDisable(request: Request) async throws -> Response {
        let model = try await loadMember(request)
        guard model.mayDisable else { throw KanssaError.forbidden }
        return MemberDetail.ConfirmDisableView(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func disable(request: Request) async throws -> Response {
        let model = try await loadMember(request)
        guard model.mayDisable else { throw KanssaError.forbidden }
        try await request.db.transaction { database in
            try await Account.query(on: database)
                .filter(\.$id == model.accountID)
                .set(\.$disabledAt, to: request.now)
                .update()
            try await SessionStore.endAll(accountID: model.accountID, on: database)
            try await request.audit(.accountDisabled, subject: model.accountID, organisation: model.organisationID, target: "account", purpose: .organisationAdministration, on: database)
        }
        request.principalChanged(model.accountID)
        return request.redirect(
            to: SiteRoute.member(organisation: model.organisationID, account: model.accountID).path + "?notice=saved",
            redirectType: .normal)
    }
}
