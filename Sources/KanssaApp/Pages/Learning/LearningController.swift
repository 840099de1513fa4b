import Fluent
import KanssaCore
import Learning
import Vapor

/// A professional's self-assessments: the rounds that ask them, answering privately, their own
/// profile. Nobody else has a route to anyone's answers.
struct LearningController: RouteCollection {
    /// The round named by `:round`, decided on the group it asks. A round that does not exist is
    /// denied like one the person is not asked in.
    static let round = AccessRule.policy { request in
        guard let round = try await AssessmentRound.find(try request.uuid("round"), on: request.db) else { throw KanssaError.notFound }
        return .answerRound(organisation: round.organisationID, team: round.teamID)
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "learning", access: .policy { _ in .useLearning }, use: mine)
        routes.on(.GET, "learning", "rounds", ":round", access: Self.round, use: show)
        routes.on(.POST, "learning", "rounds", ":round", access: Self.round, use: answer)
    }

    @Sendable func mine(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let lines = try await MyRounds.load(
            principal: principal,
            instruments: try await InstrumentLibrary.available(
                to: principal.memberships.filter { $0.role == .professional }.map(\.organisationID), bundled: request.platform.instruments,
                on: request.db),
            language: request.localizer.language, now: request.now,
            on: request.db)
        let sets = try await MyRounds.sets(of: principal.accountID, now: request.now, on: request.db)
        return MyRounds.View(
            lines: lines, sets: sets, showsRounds: principal.memberships.contains { $0.role == .professional }, chrome: request.chrome()
        ).render().response()
    }

    @Sendable func show(request: Request) async throws -> Response {
        var model = try await load(request)
        switch request.query[String.self, at: "notice"] {
        case "saved": model.notice = Notice(.success, request.localizer(.answeringSavedNotice))
        case "submitted": model.notice = Notice(.success, request.localizer(.answeringSubmittedNotice))
        default: break
        }
        model.step = request.query[Int.self, at: "step"].map { min(max($0, 1), model.instrument.items.count) }
        return Answering.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func answer(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await load(request)
        guard model.isOpen else { throw KanssaError.forbidden }
        let fields = (try? request.content.decode([String: String].self)) ?? [:]
        if let typedStep = fields["step"] { return try await answerStep(request, model: model, step: typedStep, fields: fields) }
        let submit = fields["submit"] == "yes"
        let answers: [String: Int]
        switch Rounds.read(fields, instrument: model.instrument, submit: submit) {
        case .success(let read):
            answers = read
        case .failure(let list):
            let t = request.localizer
            model.answers = fields.reduce(into: [String: Int]()) { kept, field in
                if field.key.hasPrefix("item-"), let value = Int(field.value) { kept[String(field.key.dropFirst(5))] = value }
            }
            model.errors = list.problems.map { problem in
                switch problem {
                case .outOfScale(let item): FieldError(field: "item-\(item)", message: t(.errorAnswerOutOfScale))
                case .missing(let item): FieldError(field: "item-\(item)", message: t(.errorAnswerMissing))
                }
            }
            return Answering.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        let roundID = try request.uuid("round")
        try await Rounds.save(answers, submit: submit, roundID: roundID, accountID: principal.accountID, at: request.now, on: request.db)
        try await request.audit(.personalDataChanged, subject: principal.accountID, target: "round:\(roundID)", purpose: .learning)
        return request.redirect(to: LearningRoute.round(roundID).path + "?notice=" + (submit ? "submitted" : "saved"), redirectType: .normal)
    }

    /// One question per screen: the answer shown is saved with the others so far, then the
    /// person moves back, on, stops for now, or — at the last question — sends everything.
    private func answerStep(_ request: Request, model: Answering.Model, step typedStep: String, fields: [String: String]) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let roundID = try request.uuid("round")
        let items = model.instrument.items
        guard let step = Int(typedStep), (1...items.count).contains(step) else { throw KanssaError.notFound }
        let item = items[step - 1]
        var model = model
        var answers = model.answers
        switch Rounds.read(fields.filter { $0.key == "item-\(item.id)" }, instrument: model.instrument, submit: false) {
        case .failure:
            model.step = step
            model.errors = [FieldError(field: "item-\(item.id)", message: request.localizer(.errorAnswerOutOfScale))]
            return Answering.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let read):
            answers.merge(read) { $1 }
        }
        let move = fields["move"] ?? "next"
        if move == "send" {
            let missing = items.filter { answers[$0.id] == nil }
            if !missing.isEmpty {
                // Back to all the questions, with the ones left named.
                try await Rounds.save(answers, submit: false, roundID: roundID, accountID: principal.accountID, at: request.now, on: request.db)
                model.answers = answers
                model.step = nil
                model.errors = missing.map { FieldError(field: "item-\($0.id)", message: request.localizer(.errorAnswerMissing)) }
                return Answering.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
            }
        }
        try await Rounds.save(answers, submit: move == "send", roundID: roundID, accountID: principal.accountID, at: request.now, on: request.db)
        try await request.audit(.personalDataChanged, subject: principal.accountID, target: "round:\(roundID)", purpose: .learning)
        let next: String = switch move {
        case "back": LearningRoute.roundStep(roundID, step: max(step - 1, 1)).path
        case "later": LearningRoute.round(roundID).path + "?notice=saved"
        case "send": LearningRoute.round(roundID).path + "?notice=submitted"
        default: LearningRoute.roundStep(roundID, step: min(step + 1, items.count)).path
        }
        return request.redirect(to: next, redirectType: .normal)
    }

    private func load(_ request: Request) async throws -> Answering.Model {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        guard let round = try await AssessmentRound.find(try request.uuid("round"), on: request.db),
            let instrument = try await InstrumentLibrary.instrument(of: round, bundled: request.platform.instruments, on: request.db)
        else { throw KanssaError.notFound }
        return try await Answering.load(
            round: round, instrument: instrument, accountID: principal.accountID, language: request.localizer.language,
            now: request.now, on: request.db)
    }
}
