import Encountering
import Fluent
import KanssaCore
import Learning
import Vapor

/// Sessions of a module: the panel's staff contact or a coordinator puts one on; professionals
/// of the organisation register; the host records who came and what the co-trainers' time was
/// recognised with; those who came print a certificate; co-trainers print their statement.
struct EncounterSessionsController: RouteCollection {
    /// The session named by `:session`. One that does not exist is denied like another
    /// organisation's.
    static func session(_ action: @escaping @Sendable (EncounterSessionAccess) -> Action) -> AccessRule {
        .policy { request in
            guard let access = try await EncounterSessions.access(sessionID: try request.uuid("encounterSession"), on: request.db)
            else { throw KanssaError.notFound }
            return action(access)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "encountering", "modules", ":module", "sessions",
                  access: EncounteringController.module { .scheduleEncounterSession($0) }, use: schedule)
        routes.on(.GET, "encountering", "statement", access: .policy { _ in .seeOwnDeliveryStatement }, use: statement)
        let one = routes.grouped("encountering", "sessions", ":encounterSession")
        one.on(.GET, access: Self.session { .readEncounterSession($0) }, use: show)
        one.on(.POST, "registration", access: Self.session { .registerForEncounterSession($0) }, use: register)
        one.on(.POST, "attendance", access: Self.session { .hostEncounterSession($0) }, use: attendance)
        one.on(.POST, "recognition", access: Self.session { .hostEncounterSession($0) }, use: recognition)
        one.on(.GET, "certificate", access: Self.session { .printAttendanceCertificate($0) }, use: certificate)
        one.on(.POST, "feedback", access: Self.session { .giveEncounterFeedback($0) }, use: feedback)
        one.on(.POST, "follow-up", access: Self.session { .giveEncounterFeedback($0) }, use: followUp)
        one.on(.POST, "reflection", access: Self.session { .reflectOnEncounterSession($0) }, use: reflect)
        one.on(.POST, "cancel", access: Self.session { .hostEncounterSession($0) }, use: cancelSession)
        one.on(.POST, "walk-ins", access: Self.session { .hostEncounterSession($0) }, use: walkIn)
    }

    // MARK: Putting one on

    @Sendable func schedule(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        guard case .scheduleEncounterSession(let module) = request.state.allowedAction else { throw KanssaError.forbidden }
        let fields = request.formFields(["date", "time", "minutes", "mode", "place", "host", "capacity", "follow-up"], limit: 400)
        let chosen = Array(((try? request.content.get([String].self, at: "co-trainers")) ?? []).prefix(50))
        let people = try await Panels.people(in: module.panel.organisationID, on: request.db)
        let panel = try await Panels.coTrainers(of: module.panel, on: request.db)
        switch EncounterSessions.check(fields, coTrainers: chosen, staff: people.staff, panel: panel,
                                       timeZone: request.platform.config.timeZone, now: request.now) {
        case .failure(let list):
            let t = request.localizer
            let errors = list.problems.map { problem in
                let message = switch problem {
                case .date: t(.errorSessionDate)
                case .time: t(.errorSetTime)
                case .minutes: t(.errorSessionMinutes)
                case .mode: t(.errorEncounterMode)
                case .place: t.textError(.errorEncounterPlace, typed: fields["place"], maxLength: EncounterSessions.placeLength)
                case .host: t(.errorEncounterHost)
                case .coTrainers: t(.errorEncounterCoTrainers)
                case .capacity: t(.errorEncounterCapacity)
                case .followUp: t(.errorEncounterFollowUp)
                }
                return FieldError(field: problem.rawValue, message: message)
            }
            var draft = fields
            draft["co-trainers"] = chosen.joined(separator: ",")
            return try await EncounteringController.modulePage(request, draft: draft, errors: errors)
        case .success(let plan):
            let sessionID = try await EncounterSessions.schedule(plan, of: module, by: principal.accountID, at: request.now, on: request.db)
            try await request.audit(.encounterSessionScheduled, organisation: module.panel.organisationID, target: "encounter-session:\(sessionID)",
                                    purpose: .encountering)
            return request.redirect(to: EncounteringRoute.session(sessionID).path + "?notice=scheduled", redirectType: .normal)
        }
    }

    // MARK: One session

    @Sendable func show(request: Request) async throws -> Response {
        let notice: (Notice.Kind, MessageKey)? = switch request.query[String.self, at: "notice"] {
        case "scheduled": (.success, .encounterScheduledNotice)
        case "registered": (.success, .sessionRegisteredNotice)
        case "cancelled": (.success, .sessionCancelledNotice)
        case "full": (.error, .sessionFullNotice)
        case "attendance": (.success, .sessionAttendanceNotice)
        case "recognition": (.success, .encounterRecognitionNotice)
        case "feedback": (.success, .sessionFeedbackThanks)
        case "follow-up": (.success, .encounterFollowUpSaved)
        case "reflection": (.success, .encounterReflectionSaved)
        case "called-off": (.success, .encounterCancelledNotice)
        case "walk-in": (.success, .encounterWalkInNotice)
        default: nil
        }
        return try await page(request, notice: notice.map { Notice($0.0, request.localizer($0.1)) })
    }

    @Sendable func register(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let session = try await loadSession(request)
        if session.cancelledAt != nil { return try await calledOff(request) }
        guard let outcome = try await PlaceForms.registerOrCancel(EncounterRegistration.self, request, sessionID: try session.requireID(),
                                                                capacity: session.capacity, startsAt: session.startsAt)
        else { return try await page(request, notice: Notice(.error, request.localizer(.sessionRegistrationClosed)), status: .conflict) }
        try await request.audit(.personalDataChanged, subject: principal.accountID, organisation: session.organisationID,
                                target: "encounter-session:\(session.id!):\(outcome.rawValue)", purpose: .encountering)
        return request.redirect(to: EncounteringRoute.session(session.id!).path + "?notice=" + outcome.rawValue, redirectType: .normal)
    }

    @Sendable func attendance(request: Request) async throws -> Response {
        let session = try await loadSession(request)
        if session.cancelledAt != nil { return try await calledOff(request) }
        guard session.startsAt <= request.now else {
            return try await page(request, notice: Notice(.error, request.localizer(.meetingNotYet)), status: .conflict)
        }
        let present = PlaceForms.present(request)
        try await EncounterSessions.recordAttendance(present, for: try session.requireID(), on: request.db)
        try await request.audit(.personalDataChanged, organisation: session.organisationID, target: "encounter-session:\(session.id!):attendance",
                                purpose: .encountering)
        return request.redirect(to: EncounteringRoute.session(session.id!).path + "?notice=attendance", redirectType: .normal)
    }

    /// Hours, fee and voucher for every co-trainer delivering it, checked together: nothing is
    /// saved while one of them is wrong.
    @Sendable func recognition(request: Request) async throws -> Response {
        guard case .hostEncounterSession(let access) = request.state.allowedAction else { throw KanssaError.forbidden }
        let session = try await loadSession(request)
        if session.cancelledAt != nil { return try await calledOff(request) }
        guard session.startsAt <= request.now else {
            return try await page(request, notice: Notice(.error, request.localizer(.meetingNotYet)), status: .conflict)
        }
        let ids = access.coTrainerIDs.map(\.uuidString)
        let fields = request.formFields(ids.flatMap { ["hours-\($0)", "fee-\($0)", "currency-\($0)", "voucher-\($0)"] }, limit: 300)
        var recognitions: [UUID: EncounterSessions.Recognition] = [:]
        var errors: [FieldError] = []
        let t = request.localizer
        for id in access.coTrainerIDs {
            let key = id.uuidString
            switch EncounterSessions.checkRecognition(hours: fields["hours-\(key)"] ?? "", fee: fields["fee-\(key)"] ?? "",
                                                      currency: fields["currency-\(key)"] ?? "", voucher: fields["voucher-\(key)"] ?? "") {
            case .success(let recognition): recognitions[id] = recognition
            case .failure(let list):
                errors += list.problems.map { problem in
                    switch problem {
                    case .hours: FieldError(field: "hours-\(key)", message: t(.errorEncounterHours))
                    case .fee: FieldError(field: "fee-\(key)", message: t(.errorEncounterFee))
                    case .voucher: FieldError(field: "voucher-\(key)", message: t(.errorEncounterVoucher))
                    }
                }
            }
        }
        guard errors.isEmpty else { return try await page(request, draft: fields, errors: errors) }
        try await EncounterSessions.recordRecognition(recognitions, for: access.sessionID, at: request.now, on: request.db)
        try await request.audit(.personalDataChanged, organisation: access.organisationID, target: "encounter-session:\(access.sessionID):recognition",
                                purpose: .encountering)
        return request.redirect(to: EncounteringRoute.session(access.sessionID).path + "?notice=recognition", redirectType: .normal)
    }

    // MARK: Feedback flowing back

    /// Once the session has begun: feedback and the module's self-reflection, once.
    @Sendable func feedback(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let session = try await loadSession(request)
        if session.cancelledAt != nil { return try await calledOff(request) }
        guard session.startsAt <= request.now else {
            return try await page(request, notice: Notice(.error, request.localizer(.meetingNotYet)), status: .conflict)
        }
        let reflection = try await EncounterFeedbacks.reflection(of: session.moduleID,
                                                                 instruments: try await instruments(request, of: session.organisationID),
                                                                 on: request.db)
        let names = ["changed", "heard", "will-do"] + (reflection.map { InstrumentForm.fieldNames($0.instrument) } ?? [])
        let fields = request.formFields(names, limit: EncounterFeedbacks.textLength + 100)
        switch EncounterFeedbacks.check(fields, reflection: reflection?.instrument) {
        case .failure(let list):
            let t = request.localizer
            let errors = list.problems.map { problem in
                switch problem {
                case .changed: FieldError(field: "changed", message: t(.errorEncounterChanged))
                case .heard:
                    FieldError(field: "heard", message: t.textError(
                        .errorEncounterHeard, typed: fields["heard"], maxLength: EncounterFeedbacks.textLength, multiline: true))
                case .willDo:
                    FieldError(field: "will-do", message: t.textError(
                        .errorEncounterWillDo, typed: fields["will-do"], maxLength: EncounterFeedbacks.textLength, multiline: true))
                case .item(let item): FieldError(field: "item-\(item)", message: t(.errorEncounterReflectionItem))
                }
            }
            return try await page(request, draft: fields, errors: errors)
        case .success(let draft):
            guard try await EncounterFeedbacks.give(draft, reflection: reflection?.instrument, by: principal.accountID, on: try session.requireID(),
                                                    at: request.now, on: request.db)
            else { return try await page(request, notice: Notice(.error, request.localizer(.sessionFeedbackAlready)), status: .conflict) }
            try await request.audit(.personalDataChanged, subject: principal.accountID, organisation: session.organisationID,
                                    target: "encounter-session:\(session.id!):feedback", purpose: .encountering)
            return request.redirect(to: EncounteringRoute.session(session.id!).path + "?notice=feedback", redirectType: .normal)
        }
    }

    /// Weeks later: did they do what they meant to?
    @Sendable func followUp(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let session = try await loadSession(request)
        if session.cancelledAt != nil { return try await calledOff(request) }
        let fields = request.formFields(["outcome", "note"], limit: EncounterFeedbacks.textLength + 100)
        guard try await SessionFeedbackAnswer.query(on: request.db).filter(\.$sessionID == session.requireID())
            .filter(\.$accountID == principal.accountID).count() > 0
        else { return try await page(request, notice: Notice(.error, request.localizer(.encounterFollowUpNeedsFeedback)), status: .conflict) }
        switch try await EncounterFeedbacks.answerFollowUp(outcome: fields["outcome"] ?? "", note: fields["note"] ?? "", by: principal.accountID,
                                                           for: session, at: request.now, on: request.db) {
        case .answered:
            try await request.audit(.personalDataChanged, subject: principal.accountID, organisation: session.organisationID,
                                    target: "encounter-session:\(session.id!):follow-up", purpose: .encountering)
            return request.redirect(to: EncounteringRoute.session(session.id!).path + "?notice=follow-up", redirectType: .normal)
        case .notYetDue:
            return try await page(request, notice: Notice(.error, request.localizer(.encounterFollowUpNotYetDue)), status: .conflict)
        case .alreadyAnswered:
            return try await page(request, notice: Notice(.error, request.localizer(.encounterFollowUpAlready)), status: .conflict)
        case .invalid:
            return try await page(request, draft: fields, errors: [FieldError(field: "outcome", message: request.localizer(.errorEncounterFollowUpAnswer))])
        }
    }

    /// A co-trainer's own reflection on the session, once it has begun; written again, it replaces theirs.
    @Sendable func reflect(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let session = try await loadSession(request)
        if session.cancelledAt != nil { return try await calledOff(request) }
        guard session.startsAt <= request.now else {
            return try await page(request, notice: Notice(.error, request.localizer(.meetingNotYet)), status: .conflict)
        }
        let fields = request.formFields(["heard", "text"], limit: 2100)
        guard try await EncounterFeedbacks.reflect(heard: fields["heard"] ?? "", text: fields["text"] ?? "", by: principal.accountID,
                                                   on: try session.requireID(), at: request.now, on: request.db)
        else {
            return try await page(request, draft: fields, errors: [FieldError(field: "heard", message: request.localizer(.errorEncounterCoTrainerReflection))])
        }
        try await request.audit(.personalDataChanged, subject: principal.accountID, organisation: session.organisationID,
                                target: "encounter-session:\(session.id!):reflection", purpose: .encountering)
        return request.redirect(to: EncounteringRoute.session(session.id!).path + "?notice=reflection", redirectType: .normal)
    }

    @Sendable func certificate(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        guard case .printAttendanceCertificate(let access) = request.state.allowedAction else { throw KanssaError.forbidden }
        guard var model = try await CertificatePage.load(access, participant: principal, now: request.now, on: request.db)
        else { throw KanssaError.notFound }
        // The same code however often it is printed.
        model.code = try await Certificates.code(
            session: access.sessionID, account: principal.accountID, now: request.now,
            randomBytes: request.platform.dependencies.randomBytes, on: request.db).display
        let check = EncounteringRoute.checkCertificate.path
        // Without a public address set, the one this request came to: a paper needs a whole address.
        let base = request.platform.config.publicURL.map { $0.absoluteString }
            ?? request.headers.first(name: .host).map { "http://" + $0 } ?? ""
        model.checkAddress = (base.hasSuffix("/") ? String(base.dropLast()) : base) + check
        return CertificatePage.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func statement(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let year = request.query[Int.self, at: "year"].flatMap { (2000...2100).contains($0) ? $0 : nil }
        let model = try await StatementPage.load(for: principal, year: year, timeZone: request.platform.config.timeZone, now: request.now,
                                                 on: request.db)
        return StatementPage.View(model: model, chrome: request.chrome()).render().response()
    }

    /// Calling a session off asks first; only before it begins.
    @Sendable func cancelSession(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let sessionID = try request.uuid("encounterSession")
        let session = try await loadSession(request)
        guard session.cancelledAt == nil, session.startsAt > request.now else { return try await calledOff(request) }
        guard (try? request.content.get(String.self, at: "confirm")) == "yes" else {
            return try await page(request, confirmCancel: true)
        }
        guard try await EncounterSessions.cancelSession(sessionID, by: principal.accountID, at: request.now, on: request.db) else {
            return try await page(request, notice: Notice(.error, request.localizer(.encounterCancelTooLate)), status: .conflict)
        }
        try await request.audit(.personalDataChanged, organisation: session.organisationID, target: "encounter-session:\(sessionID):called-off",
                                purpose: .encountering)
        return request.redirect(to: EncounteringRoute.session(sessionID).path + "?notice=called-off", redirectType: .normal)
    }

    /// Someone who came without registering, once it has begun.
    @Sendable func walkIn(request: Request) async throws -> Response {
        guard case .hostEncounterSession(let access) = request.state.allowedAction else { throw KanssaError.forbidden }
        let session = try await loadSession(request)
        if session.cancelledAt != nil { return try await calledOff(request) }
        guard session.startsAt <= request.now else {
            return try await page(request, notice: Notice(.error, request.localizer(.meetingNotYet)), status: .conflict)
        }
        let person = request.formFields(["person"], limit: 40)["person"].flatMap(UUID.init(uuidString:))
        guard let person, try await EncounterSessions.addWalkIn(person, to: access, at: request.now, on: request.db) else {
            return try await page(request, errors: [FieldError(field: "person", message: request.localizer(.errorEncounterWalkIn))])
        }
        try await request.audit(.personalDataChanged, subject: person, organisation: session.organisationID,
                                target: "encounter-session:\(access.sessionID):walk-in", purpose: .encountering)
        return request.redirect(to: EncounteringRoute.session(access.sessionID).path + "?notice=walk-in", redirectType: .normal)
    }

    private func calledOff(_ request: Request) async throws -> Response {
        try await page(request, notice: Notice(.error, request.localizer(.encounterCancelTooLate)), status: .conflict)
    }

    // MARK: Helpers

    /// The questionnaires the session's organisation can use: Kanssa's own and its imports.
    private func instruments(_ request: Request, of organisationID: UUID) async throws -> [String: Instrument] {
        try await InstrumentLibrary.available(to: [organisationID], bundled: request.platform.instruments, on: request.db)
    }

    private func loadSession(_ request: Request) async throws -> EncounterSession {
        guard let session = try await EncounterSession.find(try request.uuid("encounterSession"), on: request.db) else { throw KanssaError.notFound }
        return session
    }

    private func page(
        _ request: Request, draft: [String: String] = [:], errors: [FieldError] = [], notice: Notice? = nil, status: HTTPResponseStatus? = nil,
        confirmCancel: Bool = false
    ) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        // Read afresh: a registration or a record just made shows.
        guard let access = try await EncounterSessions.access(sessionID: try request.uuid("encounterSession"), on: request.db),
            var model = try await EncounterSessionPage.load(access, viewer: principal,
                                                            instruments: try await instruments(request, of: access.organisationID),
                                                            now: request.now, on: request.db)
        else { throw KanssaError.notFound }
        model.draft = draft
        model.errors = errors
        model.notice = notice
        model.confirmCancel = confirmCancel
        return EncounterSessionPage.View(model: model, chrome: request.chrome()).render()
            .response(status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }
}
