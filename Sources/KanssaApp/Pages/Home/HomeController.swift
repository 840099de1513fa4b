import Agenda
import Encountering
import Evaluation
import KanssaCore
import Learning
import Vapor

struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, access: .signedIn, use: show)
    }

    @Sendable func show(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = Home.Model(principal: principal)
        model.waiting = try await Home.waiting(for: principal, platform: request.platform, now: request.now, on: request.db)
        let since = try await Home.lastCame(principal, on: request.db)
        model.news = try await Home.news(for: principal, since: since, on: request.db)
        model.caseload = try await Home.caseload(
            for: principal, since: since, platform: request.platform, now: request.now, on: request.db)
        if LearningWaiting.concerns(principal) {
            model.learning = try await LearningWaiting.items(for: principal, now: request.now, on: request.db)
        }
        let encountering = try await EncounteringWaiting.items(for: principal, now: request.now, on: request.db)
        if !encountering.isEmpty || principal.memberships.contains(where: { $0.role == .coTrainer }) {
            model.encountering = encountering
        }
        let pulses = try await EvaluationWaiting.items(for: principal, now: request.now, on: request.db)
        if !pulses.isEmpty { model.evaluation = pulses }
        if model.waiting != nil, let plan = try await PlanStore.existingPlan(of: principal.accountID, on: request.db) {
            model.afterMeeting = try await CitizensVoice.waiting(planID: try plan.requireID(), ownerID: principal.accountID, now: request.now,
                                                                 timeZone: request.platform.config.timeZone, on: request.db)
        }
        try await WaitingNotices.seenOnHome(model, of: principal.accountID, unread: request.state.unreadNotices ?? 0, at: request.now,
                                            on: request.db)
        request.state.unreadNotices = 0
        // The names and things to do of the people in one's caseload are personal data: each sees this look.
        if let caseload = model.caseload {
            try await AuditLog.record(caseload.ownerIDs.sorted { $0.uuidString < $1.uuidString }.map {
                AuditRecord(actorID: principal.accountID, subjectID: $0, event: .personalDataRead,
                            target: "home", purpose: .caseWork, requestID: request.id)
            }, at: request.now, on: request.db)
        }
        return Home.View(model: model, chrome: request.chrome(current: .home)).render().response()
    }
}
