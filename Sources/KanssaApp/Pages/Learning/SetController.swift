import Fluent
import KanssaCore
import Learning
import Vapor

/// An action-learning set, for its members and facilitator only: its meetings, who came, the
/// challenges presented, the questions asked, the commitments made and the reports on them.
/// Every record is looked up inside the set the route names, so another set's id is not found.
struct SetController: RouteCollection {
    /// The set named by `:set`, as it is now. A set that does not exist is denied like one the
    /// person is not in.
    static func set(_ action: @escaping @Sendable (SetAccess) -> Action) -> AccessRule {
        .policy { request in
            guard let access = try await ActionLearningSets.access(setID: try request.uuid("set"), on: request.db)
            else { throw KanssaError.notFound }
            return action(access)
        }
    }

    /// Committing after the challenge named by `:challenge`: its presenter.
    static let challengePresenter = AccessRule.policy { request in
        let setID = try request.uuid("set")
        guard let access = try await ActionLearningSets.access(setID: setID, on: request.db),
            let challenge = try await ActionLearningSets.challenge(try request.uuid("challenge"), in: setID, on: request.db)
        else { throw KanssaError.notFound }
        return .answerForChallenge(access, presenterID: challenge.presenterID)
    }

    /// Reporting on the commitment named by `:commitment`: whoever made it.
    static let commitmentPresenter = AccessRule.policy { request in
        let setID = try request.uuid("set")
        guard let access = try await ActionLearningSets.access(setID: setID, on: request.db),
            let commitment = try await ActionLearningSets.commitment(try request.uuid("commitment"), in: setID, on: request.db)
        else { throw KanssaError.notFound }
        return .answerForChallenge(access, presenterID: commitment.presenterID)
    }

    func boot(routes: any RoutesBuilder) throws {
        let set = routes.grouped("learning", "sets", ":set")
        set.on(.GET, access: Self.set { .takePartInSet($0) }, use: show)
        set.on(.POST, "meetings", access: Self.set { .facilitateSet($0) }, use: schedule)
        set.on(.GET, "meetings", ":meeting", access: Self.set { .takePartInSet($0) }, use: meeting)
        set.on(.POST, "meetings", ":meeting", "attendance", access: Self.set { .facilitateSet($0) }, use: attendance)
        set.on(.POST, "meetings", ":meeting", "challenges", access: Self.set { .presentInSet($0) }, use: present)
        set.on(.POST, "challenges", ":challenge", "questions", access: Self.set { .takePartInSet($0) }, use: question)
        set.on(.POST, "challenges", ":challenge", "commitments", access: Self.challengePresenter, use: commit)
        set.on(.POST, "meetings", ":meeting", "reports", ":commitment", access: Self.commitmentPresenter, use: report)
    }

    // MARK: The set

    @Sendable func show(request: Request) async throws -> Response {
        var model = try await setModel(request)
        if request.query[String.self, at: "notice"] == "scheduled" { model.page.notice = Notice(.success, request.localizer(.setScheduledNotice)) }
        try await request.audit(.personalDataRead, organisation: model.organisationID, target: "set:\(model.page.setID)", purpose: .learning)
        return SetPage.View(model: model.page, chrome: request.chrome()).render().response()
    }

    @Sendable func schedule(request: Request) async throws -> Response {
        let access = try request.allowedSetAccess()
        let fields = request.formFields(["date", "time", "place"], limit: 300)
        switch ActionLearningSets.checkMeeting(fields, timeZone: request.platform.config.timeZone, now: request.now) {
        case .failure(let list):
            let t = request.localizer
            var model = try await setModel(request)
            model.page.draft = fields
            model.page.errors = list.problems.map { problem in
                let message = switch problem {
                case .date: t(.errorMeetingDate)
                case .time: t(.errorSetTime)
                case .place: t.textError(.errorSetPlace, typed: fields["place"], maxLength: ActionLearningSets.placeLength)
                }
                return FieldError(field: problem.rawValue, message: message)
            }
            return SetPage.View(model: model.page, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let meeting):
            try await SetMeeting(setID: access.setID, startsAt: meeting.startsAt, place: meeting.place).create(on: request.db)
            try await request.audit(.personalDataChanged, organisation: access.organisationID, target: "set:\(access.setID):meeting",
                                    purpose: .learning)
            return request.redirect(to: LearningRoute.set(access.setID).path + "?notice=scheduled", redirectType: .normal)
        }
    }

    // MARK: A meeting

    @Sendable func meeting(request: Request) async throws -> Response {
        let (access, meeting) = try await meetingInSet(request)
        let notice: MessageKey? = switch request.query[String.self, at: "notice"] {
        case "attendance": .meetingAttendanceNotice
        case "presented": .challengePresentedNotice
        case "question": .questionNotedNotice
        case "committed": .commitmentMadeNotice
        case "reported": .reportGivenNotice
        default: nil
        }
        try await request.audit(.personalDataRead, organisation: access.organisationID, target: "set:\(access.setID):meeting:\(meeting.id!)",
                                purpose: .learning)
        return try await meetingPage(request, access: access, meeting: meeting, notice: notice.map { Notice(.success, request.localizer($0)) })
    }

    @Sendable func attendance(request: Request) async throws -> Response {
        let (access, meeting) = try await meetingInSet(request)
        guard begun(meeting, request) else { return try await notYet(request, access: access, meeting: meeting, field: "present") }
        struct AttendanceForm: Content { var present: [String]? }
        let present = ((try? request.content.decode(AttendanceForm.self))?.present ?? []).prefix(50).compactMap(UUID.init(uuidString:))
        try await ActionLearningSets.recordAttendance(Set(present), at: meeting, access: access, now: request.now, on: request.db)
        try await request.audit(.personalDataChanged, organisation: access.organisationID,
                                target: "set:\(access.setID):meeting:\(meeting.id!):attendance", purpose: .learning)
        return back(request, to: access, meeting: meeting.id!, notice: "attendance")
    }

    @Sendable func present(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let (access, meeting) = try await meetingInSet(request)
        guard begun(meeting, request) else { return try await notYet(request, access: access, meeting: meeting, field: "summary") }
        let fields = request.formFields(["summary"], limit: ActionLearningSets.summaryLength + 100)
        guard let summary = TypedText.clean(fields["summary"], maxLength: ActionLearningSets.summaryLength, multiline: true) else {
            return try await meetingPage(request, access: access, meeting: meeting, draft: fields,
                                         errors: [FieldError(field: "summary", message: request.localizer.textError(
                                             .errorChallengeSummary, typed: fields["summary"], maxLength: ActionLearningSets.summaryLength))])
        }
        let challenge = SetChallenge(setID: access.setID, meetingID: try meeting.requireID(), presenterID: principal.accountID,
                                     summary: summary, at: request.now)
        try await challenge.create(on: request.db)
        try await request.audit(.personalDataChanged, organisation: access.organisationID, target: "set:\(access.setID):challenge:\(challenge.id!)",
                                purpose: .learning)
        return back(request, to: access, meeting: meeting.id!, notice: "presented", anchor: "challenge-\(challenge.id!)")
    }

    @Sendable func question(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let (access, challenge, meeting) = try await challengeInSet(request)
        let id = try challenge.requireID()
        let textField = "question-\(id)", kindField = "kind-\(id)"
        let fields = request.formFields([textField, kindField], limit: ActionLearningSets.questionLength + 100)
        let kind = fields[kindField].flatMap(QuestionKind.init(rawValue:))
        let text = TypedText.clean(fields[textField], maxLength: ActionLearningSets.questionLength)
        guard let kind, let text else {
            var errors: [FieldError] = []
            if kind == nil { errors.append(FieldError(field: kindField, message: request.localizer(.errorQuestionKind))) }
            if text == nil { errors.append(FieldError(field: textField, message: request.localizer.textError(
                .errorQuestionText, typed: fields[textField], maxLength: ActionLearningSets.questionLength))) }
            return try await meetingPage(request, access: access, meeting: meeting, draft: fields, errors: errors)
        }
        try await SetQuestion(challengeID: id, kind: kind, text: text, notedByID: principal.accountID, at: request.now).create(on: request.db)
        try await request.audit(.personalDataChanged, organisation: access.organisationID, target: "set:\(access.setID):challenge:\(id):question",
                                purpose: .learning)
        return back(request, to: access, meeting: meeting.id!, notice: "question", anchor: "challenge-\(id)")
    }

    @Sendable func commit(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let (access, challenge, meeting) = try await challengeInSet(request)
        let id = try challenge.requireID()
        let textField = "commitment-\(id)"
        let fields = request.formFields([textField], limit: ActionLearningSets.commitmentLength + 100)
        guard let text = TypedText.clean(fields[textField], maxLength: ActionLearningSets.commitmentLength) else {
            return try await meetingPage(request, access: access, meeting: meeting, draft: fields,
                                         errors: [FieldError(field: textField, message: request.localizer.textError(
                                             .errorCommitmentText, typed: fields[textField], maxLength: ActionLearningSets.commitmentLength))])
        }
        try await SetCommitment(setID: access.setID, challengeID: id, presenterID: principal.accountID, text: text, at: request.now)
            .create(on: request.db)
        try await request.audit(.personalDataChanged, organisation: access.organisationID,
                                target: "set:\(access.setID):challenge:\(id):commitment", purpose: .learning)
        return back(request, to: access, meeting: meeting.id!, notice: "committed", anchor: "challenge-\(id)")
    }

    @Sendable func report(request: Request) async throws -> Response {
        let (access, meeting) = try await meetingInSet(request)
        guard let commitment = try await ActionLearningSets.commitment(try request.uuid("commitment"), in: access.setID, on: request.db),
            try await ActionLearningSets.isLater(meeting, than: commitment, on: request.db)
        else { throw KanssaError.notFound }
        let id = try commitment.requireID()
        guard begun(meeting, request) else { return try await notYet(request, access: access, meeting: meeting, field: "happened-\(id)") }
        let happenedField = "happened-\(id)", learnedField = "learned-\(id)"
        let fields = request.formFields([happenedField, learnedField], limit: ActionLearningSets.summaryLength + 100)
        let happened = TypedText.clean(fields[happenedField], maxLength: ActionLearningSets.summaryLength, multiline: true)
        let learned = TypedText.clean(fields[learnedField], maxLength: ActionLearningSets.summaryLength, multiline: true)
        guard let happened, let learned else {
            var errors: [FieldError] = []
            if happened == nil { errors.append(FieldError(field: happenedField, message: request.localizer.textError(
                .errorReportHappened, typed: fields[happenedField], maxLength: ActionLearningSets.summaryLength))) }
            if learned == nil { errors.append(FieldError(field: learnedField, message: request.localizer.textError(
                .errorReportLearned, typed: fields[learnedField], maxLength: ActionLearningSets.summaryLength))) }
            return try await meetingPage(request, access: access, meeting: meeting, draft: fields, errors: errors)
        }
        guard try await ActionLearningSets.report(commitment, happened: happened, learned: learned, at: meeting, now: request.now, on: request.db)
        else {
            return try await meetingPage(request, access: access, meeting: meeting, notice: Notice(.error, request.localizer(.reportAlreadyGiven)),
                                         status: .conflict)
        }
        try await request.audit(.personalDataChanged, organisation: access.organisationID, target: "set:\(access.setID):commitment:\(id):report",
                                purpose: .learning)
        return back(request, to: access, meeting: meeting.id!, notice: "reported")
    }

    // MARK: Helpers

    private func setModel(_ request: Request) async throws -> (page: SetPage.Model, organisationID: UUID) {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let access = try request.allowedSetAccess()
        guard let page = try await SetPage.load(access: access, viewer: principal.accountID, on: request.db) else { throw KanssaError.notFound }
        return (page, access.organisationID)
    }

    private func meetingInSet(_ request: Request) async throws -> (SetAccess, SetMeeting) {
        let access = try request.allowedSetAccess()
        guard let meeting = try await ActionLearningSets.meeting(try request.uuid("meeting"), in: access.setID, on: request.db)
        else { throw KanssaError.notFound }
        return (access, meeting)
    }

    private func challengeInSet(_ request: Request) async throws -> (SetAccess, SetChallenge, SetMeeting) {
        let access = try request.allowedSetAccess()
        guard let challenge = try await ActionLearningSets.challenge(try request.uuid("challenge"), in: access.setID, on: request.db),
            let meeting = try await ActionLearningSets.meeting(challenge.meetingID, in: access.setID, on: request.db)
        else { throw KanssaError.notFound }
        return (access, challenge, meeting)
    }

    private func begun(_ meeting: SetMeeting, _ request: Request) -> Bool {
        ActionLearningSets.hasBegun(meeting, timeZone: request.platform.config.timeZone, now: request.now)
    }

    private func notYet(_ request: Request, access: SetAccess, meeting: SetMeeting, field: String) async throws -> Response {
        try await meetingPage(request, access: access, meeting: meeting,
                              errors: [FieldError(field: field, message: request.localizer(.meetingNotYet))])
    }

    private func back(_ request: Request, to access: SetAccess, meeting: UUID, notice: String, anchor: String? = nil) -> Response {
        request.redirect(
            to: LearningRoute.meeting(set: access.setID, meeting: meeting).path + "?notice=" + notice + (anchor.map { "#" + $0 } ?? ""),
            redirectType: .normal)
    }

    private func meetingPage(
        _ request: Request, access: SetAccess, meeting: SetMeeting, draft: [String: String] = [:], errors: [FieldError] = [],
        notice: Notice? = nil, status: HTTPResponseStatus? = nil
    ) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        guard var model = try await MeetingPage.load(
            meeting: meeting, access: access, viewer: principal.accountID, timeZone: request.platform.config.timeZone, now: request.now,
            on: request.db)
        else { throw KanssaError.notFound }
        model.draft = draft
        model.errors = errors
        model.notice = notice
        let code = status ?? (errors.isEmpty ? .ok : .unprocessableEntity)
        return MeetingPage.View(model: model, chrome: request.chrome()).render().response(status: code)
    }
}

extension Request {
    /// The set the route's access rule loaded and the policy allowed.
    func allowedSetAccess() throws -> SetAccess {
        switch state.allowedAction {
        case .takePartInSet(let access), .presentInSet(let access), .answerForChallenge(let access, _), .facilitateSet(let access):
            return access
        default: throw KanssaError.forbidden  // no set rule ran: fail closed
        }
    }
}
