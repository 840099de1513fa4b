import Fluent
import KanssaCore
import Learning
import Vapor

/// Learning sessions run by trainers: put on by coordinators and trainers, registered for by
/// professionals and coordinators, attendance recorded and feedback read — without names, once
/// five have given it — by the trainer and coordinators.
struct SessionsController: RouteCollection {
    /// The session named by `:session`. One that does not exist is denied like another
    /// organisation's.
    static func session(_ action: @escaping @Sendable (SessionAccess) -> Action) -> AccessRule {
        .policy { request in
            guard let access = try await LearningSessions.access(sessionID: try request.uuid("session"), on: request.db)
            else { throw KanssaError.notFound }
            return action(access)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "organisations", ":organisation", "sessions",
                  access: .policy { .seeLearningSessions(try $0.uuid("organisation")) }, use: list)
        routes.on(.POST, "organisations", ":organisation", "sessions",
                  access: .policy { .runLearningSessions(try $0.uuid("organisation")) }, use: create)
        let one = routes.grouped("learning", "sessions", ":session")
        one.on(.GET, access: Self.session { .seeLearningSessions($0.organisationID) }, use: show)
        one.on(.POST, "registration", access: Self.session { .attendLearningSessions($0.organisationID) }, use: register)
        one.on(.POST, "attendance", access: Self.session { .manageLearningSession($0) }, use: attendance)
        one.on(.POST, "feedback", access: Self.session { .giveSessionFeedback($0) }, use: feedback)
    }

    // MARK: The list

    @Sendable func list(request: Request) async throws -> Response {
        var model = try await listModel(request)
        if request.query[String.self, at: "notice"] == "created" { model.notice = Notice(.success, request.localizer(.sessionCreatedNotice)) }
        return SessionList.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func create(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let organisationID = try request.uuid("organisation")
        let fields = request.formFields(
            ["title", "description", "trainer", "date", "time", "minutes", "place", "materials", "capacity"], limit: 2100)
        var model = try await listModel(request)
        switch LearningSessions.check(fields, trainers: model.trainers, timeZone: request.platform.config.timeZone, now: request.now) {
        case .failure(let list):
            let t = request.localizer
            model.draft = fields
            model.errors = list.problems.map { problem in
                let message = switch problem {
                case .title: t.textError(.errorSessionTitle, typed: fields["title"], maxLength: LearningSessions.titleLength)
                case .description:
                    t.textError(.errorSessionDescription, typed: fields["description"], maxLength: LearningSessions.descriptionLength,
                                multiline: true)
                case .trainer: t(.errorSessionTrainer)
                case .date: t(.errorSessionDate)
                case .time: t(.errorSetTime)
                case .minutes: t(.errorSessionMinutes)
                case .place: t.textError(.errorSetPlace, typed: fields["place"], maxLength: ActionLearningSets.placeLength)
                case .materials: t(.errorSessionMaterials)
                case .capacity: t(.errorSessionCapacity)
                }
                return FieldError(field: problem.rawValue, message: message)
            }
            return SessionList.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let plan):
            let session = LearningSession(organisationID: organisationID, plan: plan, createdByID: principal.accountID, at: request.now)
            try await session.create(on: request.db)
            try await request.audit(.learningSessionCreated, organisation: organisationID, target: "session:\(session.id!)", purpose: .learning)
            return request.redirect(to: LearningRoute.sessions(organisation: organisationID).path + "?notice=created", redirectType: .normal)
        }
    }

    /// Who may train: those of the organisation's professionals, coordinators and trainers whom
    /// the policy lets the person name.
    private func listModel(_ request: Request) async throws -> SessionList.Model {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let organisation = try await request.organisation()
        let organisationID = try organisation.requireID()
        let mayRun = Policy.decide(.runLearningSessions(organisationID), for: principal).isAllowed
        var trainers: [ActionLearningSets.Candidate] = []
        if mayRun {
            trainers = try await ActionLearningSets.candidates(in: organisationID, on: request.db).filter {
                Policy.decide(.nameTrainer(organisation: organisationID, trainerID: $0.id), for: principal).isAllowed
            }
        }
        return try await SessionList.load(organisation: organisation, viewer: principal.accountID, trainers: trainers, mayRun: mayRun,
                                          now: request.now, on: request.db)
    }

    // MARK: One session

    @Sendable func show(request: Request) async throws -> Response {
        let notice: (Notice.Kind, MessageKey)? = switch request.query[String.self, at: "notice"] {
        case "registered": (.success, .sessionRegisteredNotice)
        case "cancelled": (.success, .sessionCancelledNotice)
        case "full": (.error, .sessionFullNotice)
        case "attendance": (.success, .sessionAttendanceNotice)
        case "feedback": (.success, .sessionFeedbackThanks)
        default: nil
        }
        return try await page(request, notice: notice.map { Notice($0.0, request.localizer($0.1)) })
    }

    @Sendable func register(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let session = try await loadSession(request)
        guard let outcome = try await PlaceForms.registerOrCancel(SessionRegistration.self, request, sessionID: try session.requireID(),
                                                                capacity: session.capacity, startsAt: session.startsAt)
        else { return try await page(request, notice: Notice(.error, request.localizer(.sessionRegistrationClosed)), status: .conflict) }
        try await request.audit(.personalDataChanged, subject: principal.accountID, organisation: session.organisationID,
                                target: "session:\(session.id!):\(outcome.rawValue)", purpose: .learning)
        return request.redirect(to: LearningRoute.session(session.id!).path + "?notice=" + outcome.rawValue, redirectType: .normal)
    }

    @Sendable func attendance(request: Request) async throws -> Response {
        let session = try await loadSession(request)
        guard session.startsAt <= request.now else {
            return try await page(request, notice: Notice(.error, request.localizer(.meetingNotYet)), status: .conflict)
        }
        let present = PlaceForms.present(request)
        try await LearningSessions.recordAttendance(present, for: try session.requireID(), on: request.db)
        try await request.audit(.personalDataChanged, organisation: session.organisationID, target: "session:\(session.id!):attendance",
                                purpose: .learning)
        return request.redirect(to: LearningRoute.session(session.id!).path + "?notice=attendance", redirectType: .normal)
    }

    @Sendable func feedback(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let session = try await loadSession(request)
        guard session.startsAt <= request.now else {
            return try await page(request, notice: Notice(.error, request.localizer(.meetingNotYet)), status: .conflict)
        }
        let typedRating = (try? request.content.get(String.self, at: "usefulness")).map { String($0.prefix(2)) } ?? ""
        let typedComment = (try? request.content.get(String.self, at: "comment")).map { String($0.prefix(LearningSessions.commentLength + 100)) } ?? ""
        let rating = Int(typedRating).flatMap { (1...5).contains($0) ? $0 : nil }
        let trimmed = typedComment.trimmingCharacters(in: .whitespacesAndNewlines)
        let comment = trimmed.isEmpty ? "" : TypedText.clean(trimmed, maxLength: LearningSessions.commentLength, multiline: true)
        guard let rating, let comment else {
            let t = request.localizer
            let errors = (rating == nil ? [FieldError(field: "usefulness", message: t(.errorSessionUsefulness))] : [])
                + (comment == nil ? [FieldError(field: "comment", message: t(.errorSessionComment))] : [])
            return try await page(request, draft: ["usefulness": typedRating, "comment": typedComment], errors: errors)
        }
        guard try await LearningSessions.giveFeedback(usefulness: rating, comment: comment, by: principal.accountID, on: session.requireID(),
                                                      at: request.now, on: request.db)
        else { return try await page(request, notice: Notice(.error, request.localizer(.sessionFeedbackAlready)), status: .conflict) }
        try await request.audit(.personalDataChanged, subject: principal.accountID, organisation: session.organisationID,
                                target: "session:\(session.id!):feedback", purpose: .learning)
        return request.redirect(to: LearningRoute.session(session.id!).path + "?notice=feedback", redirectType: .normal)
    }

    private func loadSession(_ request: Request) async throws -> LearningSession {
        guard let session = try await LearningSession.find(try request.uuid("session"), on: request.db) else { throw KanssaError.notFound }
        return session
    }

    private func page(
        _ request: Request, draft: [String: String] = [:], errors: [FieldError] = [], notice: Notice? = nil,
        status: HTTPResponseStatus? = nil
    ) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let session = try await loadSession(request)
        // Read afresh: a registration or attendance just recorded counts.
        guard let access = try await LearningSessions.access(sessionID: try session.requireID(), on: request.db) else { throw KanssaError.notFound }
        var model = try await SessionPage.load(session, access: access, viewer: principal, now: request.now, on: request.db)
        model.draft = draft
        model.errors = errors
        model.notice = notice
        return SessionPage.View(model: model, chrome: request.chrome()).render()
            .response(status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }
}
