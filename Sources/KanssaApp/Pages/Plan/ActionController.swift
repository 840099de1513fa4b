import Agenda
import Fluent
import KanssaCore
import Plot
import Vapor

/// The citizen's whole picture and their actions; the editing of an action is shared with the
/// professionals' routes, which differ only in whose plan it is and who is asking.
struct ActionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let ownPlan = AccessRule.policy { _ in .useOwnPlan }
        routes.on(.GET, "plan", "actions", access: ownPlan, use: show)
        routes.on(.POST, "plan", "actions", access: ownPlan, use: add)
        routes.on(.GET, "plan", "actions", ":action", access: ownPlan, use: edit)
        routes.on(.POST, "plan", "actions", ":action", access: ownPlan, use: save)
        routes.on(.POST, "plan", "goal-tensions", access: ownPlan, use: noteTension)
        routes.on(.POST, "plan", "goal-tensions", ":tension", "remove", access: ownPlan, use: removeTension)
    }

    @Sendable func show(request: Request) async throws -> Response {
        var model = try await page(request)
        switch request.queryText("notice") {
        case "added": model.notice = Notice(.success, request.localizer(.actionAddedNotice))
        case "saved": model.notice = Notice(.success, request.localizer(.actionSavedNotice))
        case "tension": model.notice = Notice(.success, request.localizer(.tensionAddedNotice))
        case "tension-removed": model.notice = Notice(.success, request.localizer(.tensionRemovedNotice))
        default: break
        }
        let chrome = request.chrome()
        let body = request.platform.shownActionPages.body(session: request.state.sessionID, model: model, chrome: chrome) {
            ActionsPage.View(model: model, chrome: chrome).render().render()
        }
        return HTML.response(body)
    }

    @Sendable func add(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try Self.decodeForm(request)
        var model = try await page(request)
        let checked = form.check(goals: model.picture.goals, professionals: model.picture.professionals,
                                 today: PlanActions.day(request.now, in: request.platform.config.timeZone))
        guard model.isAgendaWritten, case .success(let draft) = checked else {
            model.form = form
            if case .failure(let list) = checked { model.errors = ActionFormView.errors(list.problems, in: form, t: request.localizer) }
            return ActionsPage.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
        let planID = try plan.requireID()
        try await request.db.inGroupCommit { database in
            try await PlanActions.add(draft, planID: planID, teamID: nil, by: principal.accountID, at: request.now, on: database)
            try await request.audit(.personalDataChanged, subject: principal.accountID, target: "plan:action", purpose: .ownPlan, on: database)
        }
        return request.redirect(to: AgendaRoute.actions.path + "?notice=added", redirectType: .normal)
    }

    @Sendable func edit(request: Request) async throws -> Response {
        let model = try await Self.editor(request, byOwner: true)
        return ActionEditor.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func save(request: Request) async throws -> Response {
        try await Self.save(request, byOwner: true)
    }

    /// The citizen notes two of their goals that pull against each other.
    @Sendable func noteTension(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await page(request)
        let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
        let (draft, checked) = try await GoalTensionForm.check(request, planID: try plan.requireID(), goals: model.picture.goals)
        switch checked {
        case .failure(let list):
            model.tension = draft
            model.errors = GoalTensionForm.errors(list.problems, t: request.localizer)
            return ActionsPage.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let tension):
            try await GoalTensions.add(tension, planID: try plan.requireID(), by: principal.accountID, at: request.now, on: request.db)
            try await request.audit(.personalDataChanged, subject: principal.accountID, target: "plan:goal-tension", purpose: .ownPlan)
            return request.redirect(to: AgendaRoute.actions.path + "?notice=tension", redirectType: .normal)
        }
    }

    /// The citizen takes back a note of tension, whoever wrote it: it is their plan.
    @Sendable func removeTension(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
        guard try await GoalTensions.remove(try request.uuid("tension"), of: try plan.requireID(), on: request.db) else {
            throw KanssaError.notFound
        }
        try await request.audit(.personalDataChanged, subject: principal.accountID, target: "plan:goal-tension-removed", purpose: .ownPlan)
        return request.redirect(to: AgendaRoute.actions.path + "?notice=tension-removed", redirectType: .normal)
    }

    private func page(_ request: Request) async throws -> ActionsPage.Model {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
        let picture = try await request.platform.wholePictures.picture(
            of: plan, ownerName: principal.displayName, showGoals: true, now: request.now,
            timeZone: request.platform.config.timeZone, on: request.db)
        var model = ActionsPage.Model(picture: picture, isAgendaWritten: plan.whatMatters != nil)
        // The owner may change any action of their own plan (they are here through `useOwnPlan`).
        model.picture.allowChanges { _ in true }
        return model
    }
}

extension ActionController {
    /// The action form's fields, named uniquely so that the form can share a page with others.
    struct FormBody: Content {
        var actionGoal: String?
        var actionText: String?
        var actionOwner: String?
        var actionSupporter: String?
        var actionDue: String?
        var actionStatus: String?
        var version: Int?
    }

    static func decodeForm(_ request: Request) throws -> ActionForm {
        let body = try request.content.decode(FormBody.self)
        return ActionForm(
            goal: body.actionGoal ?? "", text: String((body.actionText ?? "").prefix(PlanActions.textLength + 50)),
            owner: body.actionOwner ?? "", supporter: String((body.actionSupporter ?? "").prefix(150)),
            due: String((body.actionDue ?? "").prefix(20)), status: body.actionStatus ?? ActionStatus.open.rawValue)
    }

    /// Whose plan, and where the pages lead: the person's own (`byOwner`) or the one in the URL.
    private struct Place {
        let planID: UUID
        let ownerID: UUID
        let actionID: UUID
        let byOwner: Bool

        var target: SafeURL { byOwner ? AgendaRoute.action(actionID).url : AgendaRoute.sharedAction(plan: planID, action: actionID).url }
        var back: SafeURL { byOwner ? AgendaRoute.actions.url : AgendaRoute.sharedPlan(planID).url }
        func done(_ notice: String) -> String {
            byOwner ? AgendaRoute.actions.path + "?notice=" + notice : SharedPlan.back(planID, notice: "action-" + notice)
        }
    }

    private static func place(_ request: Request, byOwner: Bool) async throws -> Place {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let actionID = try request.uuid("action")
        if byOwner {
            let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
            return Place(planID: try plan.requireID(), ownerID: principal.accountID, actionID: actionID, byOwner: true)
        }
        let access = try request.allowedPlanAccess()
        return Place(planID: access.planID, ownerID: access.ownerID, actionID: actionID, byOwner: false)
    }

    /// The change form for an action, filled in with the action as it is now. Only an action of
    /// the plan in question is found.
    static func editor(_ request: Request, byOwner: Bool) async throws -> ActionEditor.Model {
        let place = try await place(request, byOwner: byOwner)
        guard let action = try await PlanActions.find(place.actionID, in: place.planID, on: request.db) else {
            throw KanssaError.notFound
        }
        let model = ActionEditor.Model(
            target: place.target, back: place.back, choices: try await choices(place, request),
            form: ActionForm(ActionDraft(action)), version: action.version)
        return model
    }

    private static func choices(_ place: Place, _ request: Request) async throws -> ActionFormView.Choices {
        let goals = try await MyPlan.GoalLine.lines(try await PlanStore.goals(of: place.planID, on: request.db), on: request.db)
        return ActionFormView.Choices(
            goals: goals.filter { $0.status != .declined },
            professionals: try await PlanActions.professionals(planID: place.planID, at: request.now, on: request.db),
            ownerName: try await Account.find(place.ownerID, on: request.db)?.displayName ?? "–", byOwner: place.byOwner)
    }

    /// Saves a change if nobody saved the action since the form was opened; otherwise shows what
    /// they saved beside the person's own changes, and writes nothing.
    static func save(_ request: Request, byOwner: Bool) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let place = try await place(request, byOwner: byOwner)
        // Only an action of the plan in question is found; another's id is "not found".
        guard try await PlanActions.find(place.actionID, in: place.planID, on: request.db) != nil else {
            throw KanssaError.notFound
        }
        let form = try decodeForm(request)
        guard let version = try request.content.decode(FormBody.self).version else { throw KanssaError.unreadableForm }
        let choices = try await choices(place, request)
        var model = ActionEditor.Model(target: place.target, back: place.back, choices: choices, form: form, version: version)
        let checked = form.check(goals: choices.goals, professionals: choices.professionals,
                                 today: PlanActions.day(request.now, in: request.platform.config.timeZone))
        let draft: ActionDraft
        switch checked {
        case .failure(let list):
            model.errors = ActionFormView.errors(list.problems, in: form, t: request.localizer)
            return ActionEditor.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let checked):
            draft = checked
        }
        switch try await PlanActions.update(
            place.actionID, in: place.planID, to: draft, expectedVersion: version, by: principal.accountID, at: request.now,
            on: request.db)
        {
        case .notFound:
            throw KanssaError.notFound
        case .conflict(let theirs, let current, let savedAt, let savedByID):
            let savedBy = try await Account.find(savedByID, on: request.db)?.displayName ?? "–"
            model.version = current
            model.conflict = ActionEditor.Conflict(theirs: theirs, savedBy: savedBy, savedAt: savedAt)
            return ActionEditor.View(model: model, chrome: request.chrome()).render().response(status: .conflict)
        case .saved:
            try await request.audit(
                .personalDataChanged, subject: place.ownerID, target: "plan:action", purpose: byOwner ? .ownPlan : .caseWork)
            return request.redirect(to: place.done("saved"), redirectType: .normal)
        }
    }
}
