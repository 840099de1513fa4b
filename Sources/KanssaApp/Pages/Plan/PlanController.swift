import Agenda
import Fluent
import KanssaCore
import Vapor

/// The citizen's own plan: what matters to them, their one-page profile and their goals.
/// Sharing it with professionals and teams (authorisations) comes with the next slice of Agenda.
struct PlanController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let ownPlan = AccessRule.policy { _ in .useOwnPlan }
        routes.on(.GET, "plan", access: ownPlan, use: show)
        routes.on(.POST, "plan", "agenda", access: ownPlan, use: saveAgenda)
        routes.on(.POST, "plan", "goals", access: ownPlan, use: addGoal)
        routes.on(.POST, "plan", "strengths", access: ownPlan, use: addStrength)
        routes.on(.POST, "plan", "notes", access: ownPlan, use: addNote)
        routes.on(.POST, "plan", "goals", ":goal", "answer", access: ownPlan, use: answer)
        routes.on(.GET, "plan", "goals", ":goal", access: ownPlan, use: editGoal)
        routes.on(.POST, "plan", "goals", ":goal", access: ownPlan, use: saveGoal)
    }

    @Sendable func show(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await MyPlan.load(ownerID: principal.accountID, at: request.now, on: request.db)
        let t = request.localizer
        let notice = request.query[String.self, at: "notice"]
        model.noticeSection = notice.flatMap { Self.section(ofNotice: $0) }
        switch notice {
        case "saved": model.notice = Notice(.success, t(.planSavedNotice))
        case "goal-added": model.notice = Notice(.success, t(.planGoalAddedNotice))
        case "answered": model.notice = Notice(.success, t(.planAnsweredNotice))
        case "strength-added": model.notice = Notice(.success, t(.strengthAddedNotice))
        case "note-added": model.notice = Notice(.success, t(.timelineAddedNotice))
        case "goal-saved": model.notice = Notice(.success, t(.goalSavedNotice))
        default: break
        }
        return render(model, request)
    }

    struct AgendaForm: Content {
        var whatMatters: String?
        var appreciated: String?
        var important: String?
        var support: String?
        var version: Int?
    }

    @Sendable func saveAgenda(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try request.content.decode(AgendaForm.self)
        guard let version = form.version else { throw KanssaError.unreadableForm }
        let t = request.localizer
        let (text, problems) = AgendaText.cleaned(
            whatMatters: form.whatMatters, appreciated: form.appreciated, important: form.important, support: form.support)
        var model = try await MyPlan.load(ownerID: principal.accountID, at: request.now, on: request.db)
        guard problems.isEmpty else {
            model.agenda = text
            model.version = version
            model.errors = problems.map {
                switch $0 {
                case .whatMattersMissing: FieldError(field: "whatMatters", message: t(.errorWhatMattersMissing))
                case .tooLong(let field): FieldError(field: field, message: t(.errorTextTooLong))
                }
            }
            return render(model, request, status: .unprocessableEntity)
        }
        let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
        let outcome = try await PlanStore.saveAgenda(
            text, planID: try plan.requireID(), expectedVersion: version, by: principal.accountID, at: request.now,
            on: request.db)
        switch outcome {
        case .saved:
            try await request.audit(.personalDataChanged, subject: principal.accountID, target: "plan:agenda", purpose: .ownPlan)
            return request.redirect(to: Self.back("saved"), redirectType: .normal)
        case .conflict(let theirs, let current, let savedAt, let savedByID):
            // Nothing was written. Show their version beside the person's own words, with the
            // current version in the form, so that saving again is a decision, not an accident.
            let savedBy = try await Account.find(savedByID, on: request.db)?.displayName ?? "–"
            model.agenda = text
            model.version = current
            model.conflict = MyPlan.Conflict(theirs: theirs, savedBy: savedBy, savedAt: savedAt)
            return render(model, request, status: .conflict)
        }
    }

    struct GoalForm: Content {
        var goal: String?
    }

    @Sendable func addGoal(request: Request) async throws -> Response {
        let form = try request.content.decode(GoalForm.self)
        return try await addToOwnPlan(
            request, typed: form.goal, maxLength: 500, field: "goal", problem: .errorGoalText, notice: "goal-added", target: "plan:goal",
            keep: { $0.newGoal = $1 }
        ) { plan, text, principal, database in
            try await PlanStore.addOwnGoal(text, planID: plan, by: principal, at: request.now, on: database)
        }
    }

    struct StrengthForm: Content {
        var kind: String?
        var strength: String?
    }

    @Sendable func addStrength(request: Request) async throws -> Response {
        let form = try request.content.decode(StrengthForm.self)
        guard let kind = form.kind.flatMap(StrengthKind.init(rawValue:)) else { throw KanssaError.unreadableForm }
        return try await addToOwnPlan(
            request, typed: form.strength, maxLength: 300, field: "strength", problem: .errorStrengthText,
            notice: "strength-added", target: "plan:strength", keep: { $0.newStrength = $1; $0.newStrengthKind = kind }
        ) { plan, text, principal, database in
            try await PlanStore.addStrength(text, kind: kind, planID: plan, by: principal, at: request.now, on: database)
        }
    }

    struct NoteForm: Content {
        var note: String?
    }

    @Sendable func addNote(request: Request) async throws -> Response {
        let form = try request.content.decode(NoteForm.self)
        return try await addToOwnPlan(
            request, typed: form.note, maxLength: 2000, field: "note", problem: .errorNoteText, notice: "note-added", target: "plan:note",
            needsAgenda: false, multiline: true, keep: { $0.newNote = $1 }
        ) { plan, text, principal, database in
            try await Timeline.write(text, planID: plan, by: principal, at: request.now, on: database)
        }
    }

    /// Adding a goal, a strength or a note to one's own plan: goals and strengths only once the
    /// agenda is written (the citizen's agenda comes first), only clean text, recorded on the
    /// person's trace (`target`) in the same commit. On a problem the page comes back with what was
    /// typed and the message.
    private func addToOwnPlan(
        _ request: Request, typed: String?, maxLength: Int, field: String, problem: MessageKey, notice: String, target: String,
        needsAgenda: Bool = true, multiline: Bool = false, keep: (inout MyPlan.Model, String) -> Void,
        save: @escaping @Sendable (_ planID: UUID, _ text: String, _ principal: UUID, _ database: any Database) async throws -> Void
    ) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
        let text = TypedText.clean(typed, maxLength: maxLength, multiline: multiline)
        let waitsForAgenda = needsAgenda && plan.whatMatters == nil
        guard !waitsForAgenda, let text else {
            var model = try await MyPlan.load(ownerID: principal.accountID, at: request.now, on: request.db)
            keep(&model, String((typed ?? "").prefix(maxLength)))
            model.errors = waitsForAgenda
                ? [FieldError(field: "whatMatters", message: request.localizer(.errorWhatMattersMissing))]
                : [FieldError(field: field, message: request.localizer(problem))]
            return render(model, request, status: .unprocessableEntity)
        }
        let planID = try plan.requireID()
        try await request.db.inGroupCommit { database in
            try await save(planID, text, principal.accountID, database)
            try await request.audit(.personalDataChanged, subject: principal.accountID, target: target, purpose: .ownPlan, on: database)
        }
        return request.redirect(to: Self.back(notice), redirectType: .normal)
    }

    struct AnswerForm: Content {
        var answer: String?
    }

    /// The citizen endorses or declines a suggestion in their own plan.
    @Sendable func answer(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try request.content.decode(AnswerForm.self)
        guard let answer = form.answer, ["endorse", "decline"].contains(answer) else { throw KanssaError.unreadableForm }
        let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
        // Only a suggestion waiting in the person's own plan can be found here.
        guard try await PlanStore.answerSuggestion(
            try request.uuid("goal"), of: try plan.requireID(), endorse: answer == "endorse", on: request.db)
        else { throw KanssaError.notFound }
        try await request.audit(.personalDataChanged, subject: principal.accountID, target: "plan:goal-\(answer)", purpose: .ownPlan)
        return request.redirect(to: Self.back("answered"), redirectType: .normal)
    }

    /// One of the person's own goals (not a suggestion): only a goal of their own plan is found.
    @Sendable func editGoal(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
        guard let goal = try await Goal.query(on: request.db).filter(\.$id == request.uuid("goal"))
            .filter(\.$plan.$id == plan.requireID()).first(), goal.status.isCitizens
        else { throw KanssaError.notFound }
        let model = GoalEditor.Model(goalID: try goal.requireID(), text: goal.text, status: goal.status, version: goal.version)
        return GoalEditor.View(model: model, chrome: request.chrome()).render().response()
    }

    struct GoalChange: Content {
        var goal: String?
        var status: String?
        var version: Int?
    }

    @Sendable func saveGoal(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let goalID = try request.uuid("goal")
        let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
        // Only a goal of the person's own plan is found; another's id is "not found".
        guard try await Goal.query(on: request.db).filter(\.$id == goalID).filter(\.$plan.$id == plan.requireID()).first() != nil
        else { throw KanssaError.notFound }
        let form = try request.content.decode(GoalChange.self)
        guard let version = form.version, let status = form.status.flatMap(GoalStatus.init(rawValue:)), status.isCitizens else {
            throw KanssaError.unreadableForm
        }
        var model = GoalEditor.Model(goalID: goalID, text: String((form.goal ?? "").prefix(500)), status: status, version: version)
        guard let text = TypedText.clean(form.goal, maxLength: 500) else {
            model.errors = [FieldError(field: "goal", message: request.localizer(.errorGoalText))]
            return GoalEditor.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        switch try await PlanStore.updateGoal(
            goalID, of: try plan.requireID(), text: text, status: status, expectedVersion: version, at: request.now,
            on: request.db)
        {
        case .notFound:
            throw KanssaError.notFound
        case .conflict(let theirs, let theirStatus, let current):
            model.version = current
            model.conflict = GoalEditor.Conflict(text: theirs, status: theirStatus)
            return GoalEditor.View(model: model, chrome: request.chrome()).render().response(status: .conflict)
        case .saved:
            try await request.audit(.personalDataChanged, subject: principal.accountID, target: "plan:goal", purpose: .ownPlan)
            return request.redirect(to: Self.back("goal-saved"), redirectType: .normal)
        }
    }

    private func render(_ model: MyPlan.Model, _ request: Request, status: HTTPResponseStatus = .ok) -> Response {
        MyPlan.View(model: model, chrome: request.chrome()).render().response(status: status)
    }

    /// The section a notice is about: where the person is taken back to after saving.
    static func section(ofNotice notice: String) -> String? {
        switch notice {
        case "saved": "agenda"
        case "goal-added", "answered", "goal-saved": "goals"
        case "strength-added": "strengths"
        case "note-added": "timeline"
        default: nil
        }
    }

    /// The plan, with the notice, at the section it is about.
    static func back(_ notice: String) -> String {
        AgendaRoute.myPlan.path + "?notice=" + notice + (section(ofNotice: notice).map { "#" + $0 } ?? "")
    }
}
