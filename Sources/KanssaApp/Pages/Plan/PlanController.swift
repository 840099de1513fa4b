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
    }

    @Sendable func show(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await MyPlan.load(ownerID: principal.accountID, at: request.now, on: request.db)
        let t = request.localizer
        switch request.query[String.self, at: "notice"] {
        case "saved": model.notice = Notice(.success, t(.planSavedNotice))
        case "goal-added": model.notice = Notice(.success, t(.planGoalAddedNotice))
        case "answered": model.notice = Notice(.success, t(.planAnsweredNotice))
        case "strength-added": model.notice = Notice(.success, t(.strengthAddedNotice))
        case "note-added": model.notice = Notice(.success, t(.timelineAddedNotice))
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
            return request.redirect(to: AgendaRoute.myPlan.path + "?notice=saved", redirectType: .normal)
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
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try request.content.decode(GoalForm.self)
        var model = try await MyPlan.load(ownerID: principal.accountID, at: request.now, on: request.db)
        // The agenda comes first: goals are added once the person has said what matters to them.
        guard model.isAgendaWritten else {
            model.errors = [FieldError(field: "whatMatters", message: request.localizer(.errorWhatMattersMissing))]
            return render(model, request, status: .unprocessableEntity)
        }
        guard let text = TypedText.clean(form.goal, maxLength: 500) else {
            model.newGoal = String((form.goal ?? "").prefix(500))
            model.errors = [FieldError(field: "goal", message: request.localizer(.errorGoalText))]
            return render(model, request, status: .unprocessableEntity)
        }
        let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
        try await PlanStore.addOwnGoal(text, planID: try plan.requireID(), by: principal.accountID, at: request.now, on: request.db)
        try await request.audit(.personalDataChanged, subject: principal.accountID, target: "plan:goal", purpose: .ownPlan)
        return request.redirect(to: AgendaRoute.myPlan.path + "?notice=goal-added", redirectType: .normal)
    }

    struct StrengthForm: Content {
        var kind: String?
        var strength: String?
    }

    @Sendable func addStrength(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try request.content.decode(StrengthForm.self)
        guard let kind = form.kind.flatMap(StrengthKind.init(rawValue:)) else { throw KanssaError.unreadableForm }
        var model = try await MyPlan.load(ownerID: principal.accountID, at: request.now, on: request.db)
        guard model.isAgendaWritten else {
            model.errors = [FieldError(field: "whatMatters", message: request.localizer(.errorWhatMattersMissing))]
            return render(model, request, status: .unprocessableEntity)
        }
        guard let text = TypedText.clean(form.strength, maxLength: 300) else {
            model.newStrength = String((form.strength ?? "").prefix(300))
            model.newStrengthKind = kind
            model.errors = [FieldError(field: "strength", message: request.localizer(.errorStrengthText))]
            return render(model, request, status: .unprocessableEntity)
        }
        let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
        try await PlanStore.addStrength(
            text, kind: kind, planID: try plan.requireID(), by: principal.accountID, at: request.now, on: request.db)
        try await request.audit(.personalDataChanged, subject: principal.accountID, target: "plan:strength", purpose: .ownPlan)
        return request.redirect(to: AgendaRoute.myPlan.path + "?notice=strength-added", redirectType: .normal)
    }

    struct NoteForm: Content {
        var note: String?
    }

    @Sendable func addNote(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let form = try request.content.decode(NoteForm.self)
        guard let text = TypedText.clean(form.note, maxLength: 2000) else {
            var model = try await MyPlan.load(ownerID: principal.accountID, at: request.now, on: request.db)
            model.newNote = String((form.note ?? "").prefix(2000))
            model.errors = [FieldError(field: "note", message: request.localizer(.errorNoteText))]
            return render(model, request, status: .unprocessableEntity)
        }
        let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
        try await Timeline.write(text, planID: try plan.requireID(), by: principal.accountID, at: request.now, on: request.db)
        try await request.audit(.personalDataChanged, subject: principal.accountID, target: "plan:note", purpose: .ownPlan)
        return request.redirect(to: AgendaRoute.myPlan.path + "?notice=note-added", redirectType: .normal)
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
        return request.redirect(to: AgendaRoute.myPlan.path + "?notice=answered", redirectType: .normal)
    }

    private func render(_ model: MyPlan.Model, _ request: Request, status: HTTPResponseStatus = .ok) -> Response {
        MyPlan.View(model: model, chrome: request.chrome()).render().response(status: status)
    }
}
