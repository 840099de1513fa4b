import Agenda
import Evaluation
import Fluent
import KanssaCore
import Vapor

/// Citizens' voice after meetings: the citizen answers, skips or puts off three questions about
/// a meeting on their plan; coordinators and researchers read the organisation's counts of five
/// or more; each professional reads their own.
struct CitizensVoiceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let ownPlan = AccessRule.policy { _ in .useOwnPlan }
        routes.on(.GET, "plan", "after-meeting", access: ownPlan, use: ask)
        routes.on(.POST, "plan", "after-meeting", access: ownPlan, use: answer)
        routes.on(.GET, "organisations", ":organisation", "citizens-voice",
                  access: .policy { .seeCitizensVoice(try $0.uuid("organisation")) }, use: figures)
        routes.on(.GET, "citizens-voice", access: .policy { _ in .useCaseload }, use: own)
    }

    @Sendable func ask(request: Request) async throws -> Response {
        var model = try await askModel(request)
        model.notice = switch request.queryText("notice") {
        case "sent": Notice(.success, request.localizer(.voiceSentNotice))
        case "later": Notice(.success, request.localizer(.voiceLaterNotice))
        case "skipped": Notice(.success, request.localizer(.voiceSkippedNotice))
        default: nil
        }
        return CitizensVoicePages.AskView(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func answer(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let fields = request.formFields(["choice", "professional", "day", "mattered", "decided", "listened"], limit: 60)
        let easy = request.queryText("easy") == "1"
        let t = request.localizer
        let problems: [CitizensVoice.Problem]
        switch try await CitizensVoice.answer(fields, ownerID: principal.accountID, now: request.now,
                                              timeZone: request.platform.config.timeZone, on: request.db) {
        case .success(let choice):
            let notice = switch choice { case .answer: "sent"; case .later: "later"; case .skip: "skipped" }
            return request.redirect(to: EvaluationRoute.afterMeeting(easy: easy).path + (easy ? "&" : "?") + "notice=\(notice)", redirectType: .normal)
        case .failure(let list):
            problems = list.problems
        }
        var model = try await askModel(request)
        model.typed = fields
        model.errors = problems.map { problem in
            problem == .meeting ? FieldError(field: "mattered", message: t(.errorVoiceMeeting))
                : FieldError(field: problem.rawValue, message: t(easy ? .errorVoiceAnswerEasy : .errorVoiceAnswer))
        }
        return CitizensVoicePages.AskView(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
    }

    private func askModel(_ request: Request) async throws -> CitizensVoicePages.AskModel {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let easy = request.queryText("easy") == "1"
        // Looking makes no plan: someone without one has met nobody about it.
        guard let plan = try await PlanStore.existingPlan(of: principal.accountID, on: request.db) else {
            return CitizensVoicePages.AskModel(waiting: nil, said: [], easy: easy)
        }
        let planID = try plan.requireID()
        return CitizensVoicePages.AskModel(
            waiting: try await CitizensVoice.waiting(planID: planID, ownerID: principal.accountID, now: request.now,
                                                     timeZone: request.platform.config.timeZone, on: request.db),
            said: try await CitizensVoice.said(planID: planID, on: request.db), easy: easy)
    }

    @Sendable func figures(request: Request) async throws -> Response {
        let figures = try await CitizensVoice.figures(of: try await request.organisation(), now: request.now, on: request.db)
        return CitizensVoicePages.FiguresView(figures: figures, chrome: request.chrome()).render().response()
    }

    @Sendable func own(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let own = try await CitizensVoice.own(principal.accountID, now: request.now, on: request.db)
        return CitizensVoicePages.OwnView(count: own.count, tally: own.tally, chrome: request.chrome()).render().response()
    }
}
