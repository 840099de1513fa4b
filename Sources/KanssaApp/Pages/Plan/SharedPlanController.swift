import Agenda
import Fluent
import KanssaCore
import Vapor

/// A plan as someone the citizen authorised sees it and works on it: only the sections allowed,
/// every look and every change on the citizen's trace.
struct SharedPlanController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "plans", ":plan", access: .plan { .readPlan($0, section: nil) }, use: show)
        routes.on(.POST, "plans", ":plan", "suggestions", access: .plan { .contribute($0, to: .goals) }, use: suggest)
        routes.on(.POST, "plans", ":plan", "notes", access: .plan { .contribute($0, to: .timeline) }, use: writeNote)
        routes.on(.POST, "plans", ":plan", "actions", access: .plan { .contribute($0, to: .actions) }, use: addAction)
        routes.on(.POST, "plans", ":plan", "check-ins", access: .plan { .contribute($0, to: .checkIns) }, use: rate)
        routes.on(.POST, "plans", ":plan", "goal-tensions", access: .plan { .contribute($0, to: .goals) }, use: noteTension)
        routes.on(.POST, "plans", ":plan", "suggestions", ":goal", access: .planSuggestion, use: reword)
        routes.on(.GET, "plans", ":plan", "actions", ":action", access: .planAction, use: editAction)
        routes.on(.POST, "plans", ":plan", "actions", ":action", access: .planAction, use: saveAction)
    }

    @Sendable func show(request: Request) async throws -> Response {
        var (model, _) = try await load(request)
        let t = request.localizer
        let notice = request.query[String.self, at: "notice"]
        model.noticeSection = notice.flatMap(SharedPlan.section(ofNotice:))
        switch notice {
        case "suggested": model.notice = Notice(.success, t(.suggestedNotice, ["name": model.ownerName]))
        case "note-added": model.notice = Notice(.success, t(.timelineAddedNotice))
        case "action-added": model.notice = Notice(.success, t(.actionAddedNotice))
        case "action-saved": model.notice = Notice(.success, t(.actionSavedNotice))
        case "rated": model.notice = Notice(.success, t(.checkInSavedNotice))
        case "tension": model.notice = Notice(.success, t(.tensionAddedNotice))
        case "reworded": model.notice = Notice(.success, t(.suggestionRewordedNotice, ["name": model.ownerName]))
        case "permission-recorded": model.notice = Notice(.success, t(.meetingPermissionRecordedNotice, ["name": model.ownerName]))
        default: break
        }
        return render(model, request)
    }

    struct SuggestionForm: Content {
        var goal: String?
    }

    @Sendable func suggest(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try request.content.decode(SuggestionForm.self)
        var (model, access) = try await load(request)
        let text = TypedText.clean(form.goal, maxLength: 500)
        // The citizen's agenda comes first: nothing is suggested before they said what matters.
        guard model.isAgendaWritten, let text else {
            model.suggestion = String((form.goal ?? "").prefix(500))
            if model.isAgendaWritten {
                model.errors = [FieldError(field: "goal", message: request.localizer(.errorGoalText))]
                model.posted = .goals
            }
            return render(model, request, status: .unprocessableEntity)
        }
        let planID = access.planID
        return try await changed(request, access, target: "plan:suggestion", notice: "suggested") { database in
            try await PlanStore.suggestGoal(text, planID: planID, by: principal.accountID, at: request.now, on: database)
        }
    }

    struct NoteForm: Content {
        var note: String?
    }

    /// A note by someone the citizen authorised; the citizen sees it on their own timeline.
    @Sendable func writeNote(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try request.content.decode(NoteForm.self)
        var (model, access) = try await load(request)
        guard let text = TypedText.clean(form.note, maxLength: 2000, multiline: true) else {
            model.note = String((form.note ?? "").prefix(2000))
            model.errors = [FieldError(field: "note", message: request.localizer(.errorNoteText))]
            model.posted = .timeline
            return render(model, request, status: .unprocessableEntity)
        }
        let present = ownerPresent(request)
        let planID = access.planID
        return try await changed(request, access, target: OwnerPresence.traceTarget("plan:note", present: present), notice: "note-added") {
            try await Timeline.write(text, planID: planID, by: principal.accountID, at: request.now, withOwnerPresent: present, on: $0)
        }
    }

    /// An action planned by someone the citizen authorised, from their service. Not before the
    /// citizen has said what matters to them.
    @Sendable func addAction(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try ActionController.decodeForm(request)
        var (model, access) = try await load(request)
        guard let picture = model.picture else { throw KanssaError.forbidden }
        let checked = form.check(goals: picture.goals, professionals: picture.professionals,
                                 today: PlanActions.day(request.now, in: request.platform.config.timeZone))
        guard model.isAgendaWritten, case .success(let draft) = checked else {
            model.actionForm = form
            if case .failure(let list) = checked { model.errors = ActionFormView.errors(list.problems, in: form, t: request.localizer) }
            model.posted = .actions
            return render(model, request, status: .unprocessableEntity)
        }
        let present = ownerPresent(request)
        let (planID, team) = (access.planID, serviceTeam(access, principal))
        return try await changed(request, access, target: OwnerPresence.traceTarget("plan:action", present: present), notice: "action-added") {
            try await PlanActions.add(draft, planID: planID, teamID: team, by: principal.accountID, at: request.now,
                                      withOwnerPresent: present, on: $0)
        }
    }

    /// A professional's own ratings of the citizen's life areas, kept beside the citizen's.
    @Sendable func rate(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let access = try request.allowedPlanAccess()
        let areas = try await LifeArea.asked(of: access.ownerID, on: request.db)
        let draft = CheckIns.Draft(fields: try FormFields(request)?.dictionary ?? request.content.decode([String: String].self), areas: areas)
        switch CheckIns.check(draft, areas: areas) {
        case .failure(let list):
            var (model, _) = try await load(request)
            model.checkIn = draft
            model.errors = LifeController.errors(list.problems, t: request.localizer)
            model.posted = .checkIns
            return render(model, request, status: .unprocessableEntity)
        case .success(let ratings):
            let present = ownerPresent(request)
            return try await changed(request, access, target: OwnerPresence.traceTarget("plan:check-in", present: present), notice: "rated") {
                try await CheckIns.record(ratings, perspective: .professional, planID: access.planID, by: principal.accountID, at: request.now,
                                          withOwnerPresent: present, on: $0)
            }
        }
    }

    /// The suggester changes the words of their suggestion while the owner has not answered it.
    @Sendable func reword(request: Request) async throws -> Response {
        let access = try request.allowedPlanAccess()
        let goalID = try request.uuid("goal")
        let field = "suggestion-\(goalID.uuidString)"
        let typed = try? request.content.get(String.self, at: field)
        let version = (try? request.content.get(Int.self, at: "version")) ?? -1
        guard let text = TypedText.clean(typed, maxLength: 500) else {
            var (model, _) = try await load(request)
            model.errors = [FieldError(field: field, message: request.localizer(.errorGoalText))]
            model.posted = .goals
            return render(model, request, status: .unprocessableEntity)
        }
        switch try await PlanStore.rewordSuggestion(goalID, of: access.planID, text: text, expectedVersion: version, on: request.db) {
        case .saved:
            return try await changed(request, access, target: "plan:suggestion-reworded", notice: "reworded")
        case .answered:
            var (model, _) = try await load(request)
            model.notice = Notice(.error, request.localizer(.suggestionAnsweredMeanwhile, ["name": model.ownerName]))
            return render(model, request, status: .conflict)
        case .notFound:
            throw KanssaError.notFound
        }
    }

    /// Someone the citizen authorised for the goals notes two of them that pull against each other.
    @Sendable func noteTension(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let access = try request.allowedPlanAccess()
        let goals = try await MyPlan.GoalLine.lines(try await PlanStore.goals(of: access.planID, on: request.db), on: request.db)
        let (draft, checked) = try await GoalTensionForm.check(request, planID: access.planID, goals: goals)
        switch checked {
        case .failure(let list):
            var (model, _) = try await load(request)
            model.tension = draft
            model.errors = GoalTensionForm.errors(list.problems, t: request.localizer)
            model.posted = .goals
            return render(model, request, status: .unprocessableEntity)
        case .success(let tension):
            let present = ownerPresent(request)
            try await GoalTensions.add(
                tension, planID: access.planID, by: principal.accountID, at: request.now, withOwnerPresent: present, on: request.db)
            return try await changed(
                request, access, target: OwnerPresence.traceTarget("plan:goal-tension", present: present), notice: "tension")
        }
    }

    @Sendable func editAction(request: Request) async throws -> Response {
        let model = try await ActionController.editor(request, byOwner: false)
        let access = try request.allowedPlanAccess()
        try await request.audit(.personalDataRead, subject: access.ownerID, target: "plan:action", purpose: .caseWork)
        return ActionEditor.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func saveAction(request: Request) async throws -> Response {
        try await ActionController.save(request, byOwner: false)
    }

    /// Whether the form says the plan's owner was there when it was written.
    private func ownerPresent(_ request: Request) -> Bool {
        (try? request.content.get(String.self, at: OwnerPresence.field)) == "yes"
    }

    /// The team a professional plans an action for: the one through which the citizen let them
    /// in, or else their first.
    private func serviceTeam(_ access: PlanAccess, _ principal: Principal) -> UUID? {
        access.grants.lazy
            .filter { $0.admits(principal, to: .actions, at: access.now) }
            .compactMap(\.granteeTeamID)
            .first { principal.teamIDs.contains($0) }
            ?? principal.teamIDs.min()
    }

    /// After a change already written: the owner's trace, and back to the plan.
    private func changed(_ request: Request, _ access: PlanAccess, target: String, notice: String) async throws -> Response {
        try await changed(request, access, target: target, notice: notice) { _ in }
    }

    /// A change and its line on the owner's trace, written together (``GroupCommit`` on SQLite), then back to the plan.
    private func changed(
        _ request: Request, _ access: PlanAccess, target: String, notice: String,
        writing write: @escaping @Sendable (any Database) async throws -> Void
    ) async throws -> Response {
        try await request.db.inGroupCommit { database in
            try await write(database)
            try await request.audit(.personalDataChanged, subject: access.ownerID, target: target, purpose: .caseWork, on: database)
        }
        return request.redirect(to: SharedPlan.back(access.planID, notice: notice), redirectType: .normal)
    }

    private func render(_ model: SharedPlan.Model, _ request: Request, status: HTTPResponseStatus = .ok) -> Response {
        SharedPlan.View(model: model, chrome: request.chrome()).render().response(status: status)
    }

    /// The shared plan as this person may see it, with why, and the look recorded on the
    /// owner's trace.
    private func load(_ request: Request) async throws -> (SharedPlan.Model, PlanAccess) {
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
            planID: planID, ownerName: owner, viewerID: principal.accountID, visible: visible, reasons: reasons, now: request.now,
            timeZone: request.platform.config.timeZone, pictures: request.platform.wholePictures, on: request.db)
        else {
            throw KanssaError.notFound
        }
        if Policy.decide(.contribute(access, to: .goals), for: principal).isAllowed { model.suggestionTarget = planID }
        model.mayWriteNote = Policy.decide(.contribute(access, to: .timeline), for: principal).isAllowed
        model.mayAddAction = Policy.decide(.contribute(access, to: .actions), for: principal).isAllowed
        model.mayRate = Policy.decide(.contribute(access, to: .checkIns), for: principal).isAllowed
        model.picture?.allowChanges { Policy.decide(.changeAction(access, $0), for: principal).isAllowed }
        if access.ownerID != principal.accountID {
            try await request.audit(
                .personalDataRead, subject: access.ownerID, target: "plan:" + PlanSection.stored(visible),
                purpose: authorisations.map(\.purpose).joined(separator: "; "))
        }
        return (model, access)
    }
}
