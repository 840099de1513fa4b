import Evaluation
import Fluent
import KanssaCore
import Vapor

/// Staff pulses: a coordinator schedules and stops them; coordinators and researchers read
/// their figures (five answers or more); staff of the teams asked answer, anonymously.
struct PulsesController: RouteCollection {
    /// The pulse named by `:pulse`, decided on the teams it asks. One that does not exist is
    /// denied like one that does not ask the person.
    static let answering = AccessRule.policy { request in
        guard let schedule = try await PulseSchedule.find(try request.uuid("pulse"), on: request.db) else { throw KanssaError.notFound }
        return .answerPulse(organisation: schedule.organisationID, teams: try await Pulses.teams(of: schedule.requireID(), on: request.db))
    }

    func boot(routes: any RoutesBuilder) throws {
        let organisation = routes.grouped("organisations", ":organisation")
        let schedule = AccessRule.policy { .schedulePulses(try $0.uuid("organisation")) }
        let figures = AccessRule.policy { .seePulseFigures(try $0.uuid("organisation")) }
        organisation.on(.GET, "pulses", access: figures, use: list)
        organisation.on(.POST, "pulses", access: schedule, use: create)
        organisation.on(.GET, "pulses", ":pulse", access: figures, use: show)
        organisation.on(.POST, "pulses", ":pulse", "stop", access: schedule, use: stop)
        routes.on(.GET, "pulses", ":pulse", access: Self.answering, use: answerForm)
        routes.on(.POST, "pulses", ":pulse", access: Self.answering, use: answer)
    }

    // MARK: Coordinators and researchers

    @Sendable func list(request: Request) async throws -> Response {
        var model = try await load(request)
        switch request.queryText("notice") {
        case "scheduled": model.notice = Notice(.success, request.localizer(.pulseScheduledNotice))
        default: break
        }
        return PulseList.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func create(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await load(request)
        let draft = request.formFields(["label", "every", "open", "starts"], limit: Pulses.labelLength + 100)
        let teams = Array(((try? request.content.get([String].self, at: "teams")) ?? []).prefix(500)).map { String($0.prefix(40)) }
        let checked = Pulses.check(
            label: draft["label"] ?? "", teams: teams, every: draft["every"] ?? "", open: draft["open"] ?? "", starts: draft["starts"] ?? "",
            organisationTeams: Set(model.teams.compactMap { UUID(uuidString: $0.id) }), timeZone: request.platform.config.timeZone,
            now: request.now)
        switch checked {
        case .failure(let list):
            let t = request.localizer
            model.draft = draft
            model.pickedTeams = teams
            model.errors = list.problems.map { problem in
                let message = switch problem {
                case .label: t.textError(.errorPulseLabel, typed: draft["label"], maxLength: Pulses.labelLength)
                case .teams: t(.errorPulseTeams)
                case .every: t(.errorPulseEvery)
                case .open: t(.errorPulseOpen, ["days": t.number(Pulses.longestOpen)])
                case .starts: t(.errorPulseStarts)
                }
                return FieldError(field: problem.rawValue, message: message)
            }
            return PulseList.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let plan):
            let scheduleID = try await Pulses.schedule(plan, organisationID: model.organisationID, instrument: request.platform.staffPulse,
                                                       by: principal.accountID, at: request.now, on: request.db)
            try await request.audit(.pulseScheduled, organisation: model.organisationID, target: "pulse:\(scheduleID)", purpose: .evaluation)
            return request.redirect(to: EvaluationRoute.pulses(organisation: model.organisationID).path + "?notice=scheduled", redirectType: .normal)
        }
    }

    @Sendable func show(request: Request) async throws -> Response {
        let organisation = try await request.organisation()
        let schedule = try await pulse(of: organisation, request)
        let figures = try await PulseFigures.load(schedule, instrument: try instrument(of: schedule, request),
                                                  language: request.localizer.language, now: request.now, on: request.db)
        // A team that is not one the pulse asks shows the whole group.
        let team = request.query[UUID.self, at: "team"].flatMap { id in figures.conditions.first?.teams.contains { $0.teamID == id } == true ? id : nil }
        var model = PulseFiguresPage.Model(
            figures: figures, organisationName: organisation.name, teamID: team, isStopped: schedule.stoppedAt != nil,
            mayStop: Policy.decide(.schedulePulses(schedule.organisationID), for: request.principal).isAllowed)
        if request.queryText("notice") == "stopped" { model.notice = Notice(.success, request.localizer(.pulseStoppedNotice)) }
        return PulseFiguresPage.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func stop(request: Request) async throws -> Response {
        let organisation = try await request.organisation()
        let schedule = try await pulse(of: organisation, request)
        if try await Pulses.stop(schedule, at: request.now, on: request.db) {
            try await request.audit(.pulseStopped, organisation: schedule.organisationID, target: "pulse:\(try schedule.requireID())",
                                    purpose: .evaluation)
        }
        return request.redirect(
            to: EvaluationRoute.pulse(organisation: schedule.organisationID, pulse: try schedule.requireID()).path + "?notice=stopped",
            redirectType: .normal)
    }

    // MARK: Staff answering

    @Sendable func answerForm(request: Request) async throws -> Response {
        var model = try await answering(request).page
        if request.queryText("notice") == "sent" { model.notice = Notice(.success, request.localizer(.pulseSentNotice)) }
        return PulseAnswerPage.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func answer(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await answering(request)
        guard case .open = model.state, let period = model.period else {
            return PulseAnswerPage.View(model: model.page, chrome: request.chrome()).render().response(status: .conflict)
        }
        let instrument = model.page.instrument
        let fields = request.formFields(InstrumentForm.fieldNames(instrument) + ["team"], limit: 40)
        let t = request.localizer
        var errors: [FieldError] = []
        let team = model.page.teams.first { $0.id == fields["team"] }.flatMap { UUID(uuidString: $0.id) }
        if team == nil { errors.append(FieldError(field: "team", message: t(.errorPulseTeam))) }
        var answers: [String: Int] = [:]
        switch InstrumentForm.read(fields, instrument: instrument, complete: true) {
        case .success(let read): answers = read
        case .failure(let list):
            errors += list.problems.map { problem in
                switch problem {
                case .outOfScale(let item): FieldError(field: "item-\(item)", message: t(.errorAnswerOutOfScale))
                case .missing(let item): FieldError(field: "item-\(item)", message: t(.errorAnswerMissing))
                }
            }
        }
        guard let team, errors.isEmpty else {
            model.page.answers = fields.reduce(into: [String: Int]()) { kept, field in
                if field.key.hasPrefix("item-"), let value = Int(field.value) { kept[String(field.key.dropFirst(5))] = value }
            }
            model.page.team = fields["team"] ?? ""
            model.page.errors = errors
            return PulseAnswerPage.View(model: model.page, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        let scheduleID = try request.uuid("pulse")
        guard try await Pulses.answer(answers, instrument: request.platform.staffPulse, scheduleID: scheduleID, period: period, teamID: team,
                                      accountID: principal.accountID, on: request.db)
        else {
            // Sent twice (a double click, another tab): the first answer stands.
            return request.redirect(to: EvaluationRoute.answerPulse(scheduleID).path, redirectType: .normal)
        }
        return request.redirect(to: EvaluationRoute.answerPulse(scheduleID).path + "?notice=sent", redirectType: .normal)
    }

    // MARK: Loading

    private func load(_ request: Request) async throws -> PulseList.Model {
        var model = try await PulseList.load(organisation: try await request.organisation(), now: request.now, on: request.db)
        model.maySchedule = Policy.decide(.schedulePulses(model.organisationID), for: request.principal).isAllowed
        return model
    }

    /// A pulse of this organisation; another's is not found here.
    private func pulse(of organisation: Organisation, _ request: Request) async throws -> PulseSchedule {
        guard let schedule = try await PulseSchedule.query(on: request.db).filter(\.$id == request.uuid("pulse"))
            .filter(\.$organisationID == organisation.requireID()).first()
        else { throw KanssaError.notFound }
        return schedule
    }

    /// The instrument a pulse was scheduled with: Kanssa's staff pulse, in the version it had.
    private func instrument(of schedule: PulseSchedule, _ request: Request) throws -> Instrument {
        let instrument = request.platform.staffPulse
        guard instrument.id == schedule.instrumentID, instrument.version == schedule.instrumentVersion else { throw KanssaError.notFound }
        return instrument
    }

    private struct Answering {
        var page: PulseAnswerPage.Model
        let period: Int?
        var state: PulseAnswerPage.State { page.state }
    }

    /// The pulse as the person answering it sees it: open now or not, answered by them or not,
    /// and which of their teams it asks.
    private func answering(_ request: Request) async throws -> Answering {
        guard let principal = request.principal,
              let schedule = try await PulseSchedule.find(try request.uuid("pulse"), on: request.db)
        else { throw KanssaError.notFound }
        let scheduleID = try schedule.requireID()
        let timing = Pulses.Timing(schedule)
        let asked = try await Pulses.teams(of: scheduleID, on: request.db).intersection(principal.teamIDs)
        let teams = try await Team.query(on: request.db).filter(\.$id ~~ Array(asked)).sort(\.$name).sort(\.$id).all()
        let current = timing.current(at: request.now)
        let state: PulseAnswerPage.State
        if let current {
            state = try await Pulses.hasAnswered(principal.accountID, scheduleID: scheduleID, period: current.index, on: request.db)
                ? .answered : .open(closesAt: current.closesAt)
        } else {
            state = .closed(nextOpensAt: timing.next(after: request.now)?.opensAt)
        }
        let page = PulseAnswerPage.Model(
            scheduleID: scheduleID, label: schedule.label, instrument: try instrument(of: schedule, request),
            language: request.localizer.language, state: state,
            teams: teams.map { PulseList.Choice(id: $0.id!.uuidString, name: $0.name) })
        return Answering(page: page, period: current?.index)
    }
}
