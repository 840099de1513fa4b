import Agenda
import Fluent
import KanssaCore
import Vapor

/// "How my life is going": the citizen's check-ins and journeys.
struct LifeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let ownPlan = AccessRule.policy { _ in .useOwnPlan }
        routes.on(.GET, "plan", "life", access: ownPlan, use: show)
        routes.on(.POST, "plan", "check-ins", access: ownPlan, use: checkIn)
    }

    @Sendable func show(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await LifeAreas.load(
            ownerID: principal.accountID, ownerName: principal.displayName, at: request.now, on: request.db)
        if request.query[String.self, at: "notice"] == "saved" {
            model.notice = Notice(.success, request.localizer(.checkInSavedNotice))
        }
        return LifeAreas.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func checkIn(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let areas = try await LifeArea.asked(of: principal.accountID, on: request.db)
        let draft = CheckIns.Draft(fields: try FormFields(request)?.dictionary ?? request.content.decode([String: String].self), areas: areas)
        switch CheckIns.check(draft, areas: areas) {
        case .failure(let list):
            var model = try await LifeAreas.load(
                ownerID: principal.accountID, ownerName: principal.displayName, at: request.now, on: request.db)
            model.draft = draft
            model.errors = Self.errors(list.problems, t: request.localizer)
            return LifeAreas.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let ratings):
            let plan = try await PlanStore.plan(of: principal.accountID, at: request.now, on: request.db)
            let planID = try plan.requireID()
            // The check-in and its line on the trace, together (``GroupCommit`` on SQLite).
            try await request.db.inGroupCommit { database in
                try await CheckIns.record(ratings, perspective: .citizen, planID: planID, by: principal.accountID, at: request.now, on: database)
                try await request.audit(.personalDataChanged, subject: principal.accountID, target: "plan:check-in", purpose: .ownPlan,
                                        on: database)
            }
            return request.redirect(to: AgendaRoute.lifeAreas.path + "?notice=saved", redirectType: .normal)
        }
    }

    static func errors(_ problems: [CheckIns.Problem], t: Localizer) -> [FieldError] {
        problems.map { problem in
            let message: MessageKey = switch problem {
            case .nothingRated: .errorCheckInNothing
            case .rating: .errorCheckInRating
            case .note: .errorCheckInNote
            }
            return FieldError(field: problem.field, message: t(message))
        }
    }
}
