import Agenda
import Fluent
import KanssaCore
import Vapor

/// Sharing a plan: the citizen authorises teams and takes authorisations back; professionals see
/// the plans shared with them, only the sections allowed, and every look is on the citizen's trace.
struct SharingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let ownPlan = AccessRule.policy { _ in .useOwnPlan }
        routes.on(.GET, "plan", "sharing", access: ownPlan, use: show)
        routes.on(.POST, "plan", "authorisations", access: ownPlan, use: authorise)
        routes.on(.POST, "plan", "authorisations", ":authorisation", "revoke", access: ownPlan, use: revoke)
        routes.on(.GET, "caseload", access: .policy { _ in .useCaseload }, use: caseload)
        routes.on(.GET, "plans", ":plan", access: .plan { .readPlan($0, section: nil) }, use: sharedPlan)
        routes.on(.POST, "plans", ":plan", "suggestions", access: .plan { .suggestGoal($0) }, use: suggest)
        routes.on(.POST, "plans", ":plan", "notes", access: .plan { .writeNote($0) }, use: writeNote)
    }

    @Sendable func show(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await Sharing.load(ownerID: principal.accountID, at: request.now, on: request.db)
        switch request.query[String.self, at: "notice"] {
        case "added": model.notice = Notice(.success, request.localizer(.sharingAddedNotice))
        case "revoked": model.notice = Notice(.success, request.localizer(.sharingRevokedNotice))
        default: break
        }
        return Sharing.View(model: model, chrome: request.chrome()).render().response()
    }

    struct AuthoriseForm: Content {
        var team: String?
        var sections: [String]?
        var purpose: String?
        var legalBasis: String?
        var until: String?
    }

    @Sendable func authorise(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try request.content.decode(AuthoriseForm.self)
        var model = try await Sharing.load(ownerID: principal.accountID, at: request.now, on: request.db)
        model.draft = Sharing.Draft(
            teamID: form.team.flatMap(UUID.init(uuidString:)),
            sections: Set((form.sections ?? []).compactMap(PlanSection.init(rawValue:))),
            purpose: String((form.purpose ?? "").prefix(300)),
            legalBasis: form.legalBasis.flatMap(LegalBasis.init(rawValue:)),
            until: String((form.until ?? "").prefix(10)))
        switch AuthorisationRequest.check(
            model.draft, choices: model.teams, timeZone: request.platform.config.timeZone, now: request.now)
        {
        case .failure(let list):
            let t = request.localizer
            model.errors = list.problems.map { problem in
                let message: MessageKey = switch problem {
                case .team: .errorChooseTeam
                case .sections: .errorChooseSections
                case .purpose: .errorPurpose
                case .legalBasis: .errorChooseBasis
                case .until: .errorUntil
                }
                return FieldError(field: problem.rawValue, message: t(message))
            }
            return Sharing.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let checked):
            let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
            try await PlanSharing.authorise(
                planID: try plan.requireID(), teamID: checked.team.teamID, sections: checked.sections,
                purpose: checked.purpose, legalBasis: checked.legalBasis, until: checked.expiresAt,
                by: principal.accountID, at: request.now, on: request.db)
            try await request.audit(
                .planShared, subject: principal.accountID,
                target: "team:\(checked.team.teamID):\(PlanSection.stored(checked.sections))", purpose: .ownPlan)
            return request.redirect(to: AgendaRoute.sharing.path + "?notice=added", redirectType: .normal)
        }
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
        return request.redirect(to: AgendaRoute.sharing.path + "?notice=revoked", redirectType: .normal)
    }

    @Sendable func caseload(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let page = ListPage(number: request.query[Int.self, at: "page"])
        let lines = try await Caseload.load(principal: principal, page: page, at: request.now, on: request.db)
        // Names on the list are personal data: each listed person sees this look.
        try await AuditLog.record(try await caseloadReads(lines, request), at: request.now, on: request.db)
        return Caseload.View(model: lines, chrome: request.chrome()).render().response()
    }

    private func caseloadReads(_ lines: Paged<Caseload.Line>, _ request: Request) async throws -> [AuditRecord] {
        let owners = try await Plan.query(on: request.db).filter(\.$id ~~ lines.items.map(\.planID)).all()
        return owners.map {
            AuditRecord(actorID: request.principal?.accountID, subjectID: $0.ownerID, event: .personalDataRead,
                        target: "caseload", purpose: .caseWork, requestID: request.id)
        }
    }

    @Sendable func sharedPlan(request: Request) async throws -> Response {
        var (model, _) = try await loadSharedPlan(request)
        switch request.query[String.self, at: "notice"] {
        case "suggested": model.notice = Notice(.success, request.localizer(.suggestedNotice, ["name": model.ownerName]))
        case "note-added": model.notice = Notice(.success, request.localizer(.timelineAddedNotice))
        default: break
        }
        return SharedPlan.View(model: model, chrome: request.chrome()).render().response()
    }

    struct SuggestionForm: Content {
        var goal: String?
    }

    @Sendable func suggest(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try request.content.decode(SuggestionForm.self)
        var (model, access) = try await loadSharedPlan(request)
        let text = TypedText.clean(form.goal, maxLength: 500)
        // The citizen's agenda comes first: nothing is suggested before they said what matters.
        guard model.isAgendaWritten, let text else {
            model.suggestion = String((form.goal ?? "").prefix(500))
            if model.isAgendaWritten {
                model.errors = [FieldError(field: "goal", message: request.localizer(.errorGoalText))]
            }
            return SharedPlan.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        try await PlanStore.suggestGoal(text, planID: access.planID, by: principal.accountID, at: request.now, on: request.db)
        try await request.audit(.personalDataChanged, subject: access.ownerID, target: "plan:suggestion", purpose: .caseWork)
        return request.redirect(to: AgendaRoute.sharedPlan(access.planID).path + "?notice=suggested", redirectType: .normal)
    }

    struct NoteForm: Content {
        var note: String?
    }

    /// A note by someone the citizen authorised; the citizen sees it on their own timeline.
    @Sendable func writeNote(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try request.content.decode(NoteForm.self)
        var (model, access) = try await loadSharedPlan(request)
        guard let text = TypedText.clean(form.note, maxLength: 2000) else {
            model.note = String((form.note ?? "").prefix(2000))
            model.errors = [FieldError(field: "note", message: request.localizer(.errorNoteText))]
            return SharedPlan.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        try await Timeline.write(text, planID: access.planID, by: principal.accountID, at: request.now, on: request.db)
        try await request.audit(.personalDataChanged, subject: access.ownerID, target: "plan:note", purpose: .caseWork)
        return request.redirect(to: AgendaRoute.sharedPlan(access.planID).path + "?notice=note-added", redirectType: .normal)
    }

    /// The shared plan as this person may see it, with why, and the look recorded on the
    /// owner's trace.
    private func loadSharedPlan(_ request: Request) async throws -> (SharedPlan.Model, PlanAccess) {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let access = try request.allowedPlanAccess()
        let planID = access.planID
        let visible = Set(PlanSection.allCases.filter { Policy.decide(.readPlan(access, section: $0), for: principal).isAllowed })
        let t = request.localizer
        let authorisations = try await PlanAuthorisation.query(on: request.db).filter(\.$plan.$id == planID).all()
            .filter { $0.grant.admits(principal, to: nil, at: request.now) }
        let teams = try await Team.query(on: request.db).filter(\.$id ~~ authorisations.compactMap(\.granteeTeamID)).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let owner = try await Account.find(access.ownerID, on: request.db)?.displayName ?? "–"
        let reasons = authorisations.map {
            t(.sharedPlanReason, [
                "name": owner, "team": $0.granteeTeamID.flatMap { teams[$0] } ?? principal.displayName,
                "purpose": $0.purpose, "basis": AgendaWords.legalBasis($0.legalBasis, t), "date": t.date($0.expiresAt),
            ])
        }
        guard var model = try await SharedPlan.load(
            planID: planID, viewerID: principal.accountID, visible: visible, reasons: reasons, on: request.db)
        else {
            throw KanssaError.notFound
        }
        if Policy.decide(.suggestGoal(access), for: principal).isAllowed { model.suggestionTarget = planID }
        model.mayWriteNote = Policy.decide(.writeNote(access), for: principal).isAllowed
        if access.ownerID != principal.accountID {
            try await request.audit(
                .personalDataRead, subject: access.ownerID, target: "plan:" + PlanSection.stored(visible),
                purpose: authorisations.map(\.purpose).joined(separator: "; "))
        }
        return (model, access)
    }
}
