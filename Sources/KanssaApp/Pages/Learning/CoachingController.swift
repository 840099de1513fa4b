import Fluent
import KanssaCore
import Learning
import Vapor

/// Coaching between colleagues. The coachee owns the record: they always read it, and decide
/// whether the coach keeps reading it after the relationship ends. Nobody else reads it.
struct CoachingController: RouteCollection {
    /// The relationship named by `:coaching`, as it is now. One that does not exist is denied
    /// like one the person is not in.
    static func coaching(_ action: @escaping @Sendable (CoachingAccess) -> Action) -> AccessRule {
        .policy { request in
            guard let access = try await Coachings.find(try request.uuid("coaching"), on: request.db)?.access
            else { throw KanssaError.notFound }
            return action(access)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "learning", "coaching", access: .policy { _ in .useLearning }, use: list)
        routes.on(.POST, "learning", "coaching", access: .policy { _ in .startCoaching }, use: start)
        let one = routes.grouped("learning", "coaching", ":coaching")
        one.on(.GET, access: Self.coaching { .readCoaching($0) }, use: show)
        one.on(.POST, "sessions", access: Self.coaching { .writeCoaching($0) }, use: addSession)
        one.on(.POST, "end", access: Self.coaching { .writeCoaching($0) }, use: end)
        one.on(.POST, "reading", access: Self.coaching { .ownCoaching($0) }, use: reading)
    }

    @Sendable func list(request: Request) async throws -> Response {
        var model = try await listModel(request)
        if request.query[String.self, at: "notice"] == "ended" { model.notice = Notice(.success, request.localizer(.coachingEndedNotice)) }
        return CoachingList.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func start(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await listModel(request)
        let typed = (try? request.content.get(String.self, at: "coach")).map { String($0.prefix(40)) } ?? ""
        guard let coach = UUID(uuidString: typed),
            let id = try await Coachings.start(coachID: coach, coachee: principal, candidates: model.coaches, at: request.now, on: request.db)
        else {
            model.draftCoach = typed
            model.errors = [FieldError(field: "coach", message: request.localizer(.errorCoachingCoach))]
            return CoachingList.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        try await request.audit(.personalDataChanged, subject: principal.accountID, target: "coaching:\(id)", purpose: .learning)
        return request.redirect(to: LearningRoute.coaching(id).path + "?notice=started", redirectType: .normal)
    }

    @Sendable func show(request: Request) async throws -> Response {
        let access = try request.allowedCoachingAccess()
        let notice: MessageKey? = switch request.query[String.self, at: "notice"] {
        case "started": .coachingStartedNotice
        case "saved": .coachingSavedNotice
        case "reading": .coachingReadingNotice
        default: nil
        }
        // The coach's reading is part of the coachee's trace.
        if request.principal?.accountID != access.coacheeID {
            try await request.audit(.personalDataRead, subject: access.coacheeID, organisation: access.organisationID,
                                    target: "coaching:\(access.coachingID)", purpose: .learning)
        }
        return try await page(request, access: access, notice: notice.map { Notice(.success, request.localizer($0)) })
    }

    @Sendable func addSession(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let access = try request.allowedCoachingAccess()
        let fields = request.formFields(["held-on", "goal", "reality", "options", "will"], limit: Coachings.partLength + 100)
        switch Coachings.check(fields, timeZone: request.platform.config.timeZone, now: request.now) {
        case .failure(let list):
            let t = request.localizer
            let errors = list.problems.map { problem in
                switch problem {
                case .heldOn: FieldError(field: "held-on", message: t(.errorCoachingHeldOn))
                case .empty: FieldError(field: "goal", message: t(.errorCoachingEmpty))
                case .tooLong: FieldError(field: "goal", message: t(.errorCoachingTooLong))
                }
            }
            return try await page(request, access: access, draft: fields, errors: errors)
        case .success(let session):
            try await CoachingSession(relationshipID: access.coachingID, heldOn: session.heldOn, grow: session.notes,
                                      writtenByID: principal.accountID, at: request.now).create(on: request.db)
            try await request.audit(.personalDataChanged, subject: access.coacheeID, organisation: access.organisationID,
                                    target: "coaching:\(access.coachingID):session", purpose: .learning)
            return request.redirect(to: LearningRoute.coaching(access.coachingID).path + "?notice=saved", redirectType: .normal)
        }
    }

    @Sendable func end(request: Request) async throws -> Response {
        let access = try request.allowedCoachingAccess()
        if try await Coachings.end(access, at: request.now, on: request.db) {
            try await request.audit(.personalDataChanged, subject: access.coacheeID, organisation: access.organisationID,
                                    target: "coaching:\(access.coachingID):ended", purpose: .learning)
        }
        return request.redirect(to: LearningRoute.coachings.path + "?notice=ended", redirectType: .normal)
    }

    @Sendable func reading(request: Request) async throws -> Response {
        let access = try request.allowedCoachingAccess()
        let allow = (try? request.content.get(String.self, at: "allow")) == "yes"
        try await Coachings.setCoachReading(allow, access, on: request.db)
        try await request.audit(.personalDataChanged, subject: access.coacheeID, organisation: access.organisationID,
                                target: "coaching:\(access.coachingID):coach-reads-after-end:\(allow)", purpose: .learning)
        return request.redirect(to: LearningRoute.coaching(access.coachingID).path + "?notice=reading", redirectType: .normal)
    }

    private func listModel(_ request: Request) async throws -> CoachingList.Model {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        return try await CoachingList.load(
            principal: principal, mayStart: Policy.decide(.startCoaching, for: principal).isAllowed, on: request.db)
    }

    private func page(
        _ request: Request, access: CoachingAccess, draft: [String: String] = [:], errors: [FieldError] = [], notice: Notice? = nil
    ) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await CoachingRecord.load(access, viewer: principal.accountID, on: request.db)
        model.draft = draft
        model.errors = errors
        model.notice = notice
        return CoachingRecord.View(model: model, chrome: request.chrome()).render()
            .response(status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}

extension Request {
    /// The coaching relationship the route's access rule loaded and the policy allowed.
    func allowedCoachingAccess() throws -> CoachingAccess {
        switch state.allowedAction {
        case .readCoaching(let access), .writeCoaching(let access), .ownCoaching(let access): return access
        default: throw KanssaError.forbidden  // no coaching rule ran: fail closed
        }
    }
}
