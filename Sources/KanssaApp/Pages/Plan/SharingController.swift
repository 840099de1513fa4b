import Agenda
import Fluent
import KanssaCore
import Vapor

/// Sharing a plan: the citizen authorises teams and takes authorisations back; professionals see
/// the list of plans shared with them.
struct SharingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let ownPlan = AccessRule.policy { _ in .useOwnPlan }
        routes.on(.GET, "plan", "sharing", access: ownPlan, use: show)
        routes.on(.GET, "plan", "sharing", "new", access: ownPlan, use: newShare)
        routes.on(.POST, "plan", "authorisations", access: ownPlan, use: authorise)
        routes.on(.GET, "plan", "authorisations", ":authorisation", "revoke", access: ownPlan, use: confirmRevoke)
        routes.on(.POST, "plan", "authorisations", ":authorisation", "revoke", access: ownPlan, use: revoke)
        routes.on(.POST, "plan", "authorisations", ":authorisation", "restore", access: ownPlan, use: restore)
        routes.on(.GET, "caseload", access: .policy { _ in .useCaseload }, use: caseload)
        routes.on(.GET, "caseload", "alignment", access: .policy { _ in .useCaseload }, use: caseloadAlignment)
    }

    private func privacyNotices(of principal: Principal, _ t: Localizer) -> [Chrome.NavigationLink] {
        Dictionary(principal.memberships.map { ($0.organisationID, $0.organisationName) }, uniquingKeysWith: { first, _ in first })
            .sorted { ($0.value, $0.key.uuidString) < ($1.value, $1.key.uuidString) }
            .map { .init(label: t(.sharingPrivacy, ["organisation": $0.value]), url: SiteRoute.organisationAbout($0.key, .privacy).url, isCurrent: false) }
    }

    @Sendable func show(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await Sharing.load(ownerID: principal.accountID, at: request.now, on: request.db)
        model.privacyNotices = privacyNotices(of: principal, request.localizer)
        switch request.query[String.self, at: "notice"] {
        case "added": model.notice = Notice(.success, request.localizer(.sharingAddedNotice))
        case "revoked": model.notice = Notice(.success, request.localizer(.sharingRevokedNotice))
        case "restored": model.notice = Notice(.success, request.localizer(.sharingRestoredNotice))
        default: break
        }
        // Just taken back by its owner: it may still be undone.
        if let undo = request.query[UUID.self, at: "undo"], let line = model.lines.first(where: { $0.id == undo }),
           case .revoked(let day, nil) = line.state, request.now.timeIntervalSince(day) <= Sharing.undoWindow,
           line.expiresAt > request.now
        {
            model.undoable = line
        }

        return Sharing.View(model: model, chrome: request.chrome()).render().response()
    }

    /// The form with every choice; sharing again starts from the earlier share, found only among
    /// the person's own.
    @Sendable func newShare(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await Sharing.load(ownerID: principal.accountID, at: request.now, on: request.db)
        model.privacyNotices = privacyNotices(of: principal, request.localizer)
        if let from = request.query[UUID.self, at: "from"], let line = model.lines.first(where: { $0.id == from }) {
            model.draft = Sharing.draft(from: line)
        }
        return Sharing.FormView(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func authorise(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try request.content.decode(AuthoriseForm.self)
        var model = try await Sharing.load(ownerID: principal.accountID, at: request.now, on: request.db)
        model.privacyNotices = privacyNotices(of: principal, request.localizer)
        model.draft = form.draft
        switch AuthorisationRequest.check(
            model.draft, choices: model.teams, people: model.people, timeZone: request.platform.config.timeZone, now: request.now)
        {
        case .failure(let list):
            // Each form shows its own problems, on its own page.
            if form.form == "quick" {
                model.quickDraft = model.draft
                model.quickErrors = list.fieldErrors(request.localizer)
                return Sharing.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
            }
            model.errors = list.fieldErrors(request.localizer)
            return Sharing.FormView(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let checked):
            let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
            let grantee = try await PlanSharing.record(
                checked, planID: try plan.requireID(), by: principal.accountID, at: request.now, on: request.db)
            try await request.audit(
                .planShared, subject: principal.accountID, target: "\(grantee):\(PlanSection.stored(checked.sections))",
                purpose: .ownPlan)
            return request.redirect(to: AgendaRoute.sharing.path + "?notice=added", redirectType: .normal)
        }
    }

    @Sendable func confirmRevoke(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let authorisationID = try request.uuid("authorisation")
        // Only a share of the person's own plan, still in force, is found here.
        let model = try await Sharing.load(ownerID: principal.accountID, at: request.now, on: request.db)
        guard let line = model.lines.first(where: { $0.id == authorisationID && $0.state == .active }) else {
            throw KanssaError.notFound
        }
        return Sharing.ConfirmRevokeView(line: line, chrome: request.chrome()).render().response()
    }

    @Sendable func revoke(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
        let authorisationID = try request.uuid("authorisation")
        // Only an authorisation of the person's own plan can be found here.
        guard try await PlanSharing.revoke(
            authorisationID, of: try plan.requireID(), by: principal.accountID, at: request.now, on: request.db)
        else { throw KanssaError.notFound }
        try await request.audit(.planShareRevoked, subject: principal.accountID, target: "authorisation:\(authorisationID)", purpose: .ownPlan)
        return request.redirect(to: AgendaRoute.sharing.path + "?notice=revoked&undo=\(authorisationID)", redirectType: .normal)
    }

    /// Undoing one's own taking back, for a short while after it.
    @Sendable func restore(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
        let authorisationID = try request.uuid("authorisation")
        guard try await PlanSharing.restore(
            authorisationID, of: try plan.requireID(), ownerID: principal.accountID, window: Sharing.undoWindow, at: request.now,
            on: request.db)
        else { throw KanssaError.notFound }
        try await request.audit(.planShared, subject: principal.accountID, target: "authorisation:\(authorisationID):restored", purpose: .ownPlan)
        return request.redirect(to: AgendaRoute.sharing.path + "?notice=restored", redirectType: .normal)
    }

    @Sendable func caseload(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let page = ListPage(number: request.query[Int.self, at: "page"])
        let search = TypedText.clean(request.query[String.self, at: "q"], maxLength: 100) ?? ""
        let order = request.query[String.self, at: "order"].flatMap(Caseload.Order.init(rawValue:)) ?? .name
        let model = try await Caseload.load(
            principal: principal, search: search, order: order, page: page, now: request.now, timeZone: request.platform.config.timeZone,
            on: request.db)
        // Names, next actions and check-ins on the list are personal data: each listed person sees this look.
        try await AuditLog.record(model.lines.items.map {
            AuditRecord(actorID: principal.accountID, subjectID: $0.ownerID, event: .personalDataRead,
                        target: "caseload", purpose: .caseWork, requestID: request.id)
        }, at: request.now, on: request.db)
        return Caseload.View(model: model, chrome: request.chrome()).render().response()
    }

    /// An aggregate over the professional's caseload: no one person's data, so not on any trace.
    @Sendable func caseloadAlignment(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let alignment = try await Caseload.alignment(of: principal, now: request.now, on: request.db)
        return Caseload.AlignmentView(alignment: alignment, chrome: request.chrome()).render().response()
    }
}
