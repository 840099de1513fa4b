import Fluent
import KanssaCore
import Learning
import Vapor

/// A coordinator opens self-assessment rounds; coordinators and researchers see their figures,
/// aggregates of five people or more — never anyone's answers.
struct RoundsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let organisation = routes.grouped("organisations", ":organisation")
        let open = AccessRule.policy { .openRounds(try $0.uuid("organisation")) }
        // Researchers see the list too, to reach the figures; only coordinators open rounds.
        organisation.on(.GET, "rounds", access: .policy { .seeRoundFigures(try $0.uuid("organisation")) }, use: list)
        organisation.on(.POST, "rounds", access: open, use: create)
        organisation.on(.GET, "rounds", ":round", "figures", access: .policy { .seeRoundFigures(try $0.uuid("organisation")) },
                        use: figures)
    }

    @Sendable func list(request: Request) async throws -> Response {
        var model = try await load(request)
        if request.query[String.self, at: "notice"] == "opened" { model.notice = Notice(.success, request.localizer(.roundOpenedNotice)) }
        return RoundList.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func create(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await load(request)
        var draft: [String: String] = [:]
        for field in ["instrument", "team", "label", "closes"] {
            // Past the label's limit, so that a label too long is refused, not cut short.
            draft[field] = String(((try? request.content.get(String.self, at: field)) ?? "").prefix(Rounds.labelLength + 100))
        }
        let available = try await InstrumentLibrary.available(
            to: [model.organisationID], bundled: request.platform.instruments, on: request.db)
        let checked = Rounds.check(
            instrumentID: draft["instrument"] ?? "", teamID: draft["team"] ?? "", label: draft["label"] ?? "",
            closes: draft["closes"] ?? "", instruments: available,
            teams: model.teams.compactMap { UUID(uuidString: $0.id) }, timeZone: request.platform.config.timeZone, now: request.now)
        switch checked {
        case .failure(let list):
            let t = request.localizer
            model.draft = draft
            model.errors = list.problems.map { problem in
                let message = switch problem {
                case .instrument: t(.errorRoundInstrument)
                case .team: t(.errorRoundTeam)
                case .label: t.textError(.errorRoundLabel, typed: draft["label"], maxLength: Rounds.labelLength)
                case .closes: t(.errorRoundCloses)
                }
                return FieldError(field: problem.rawValue, message: message)
            }
            return RoundList.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let opening):
            let organisationID = try request.uuid("organisation")
            // A round nobody can answer is opened only when the coordinator says so, knowing it.
            let answerers = try await Rounds.answerers(organisationID: organisationID, teamID: opening.teamID, on: request.db)
            if answerers == 0, (try? request.content.get(String.self, at: "nobody")) != "open" {
                model.draft = draft
                model.nobodyCanAnswer = true
                model.errors = [FieldError(field: "team", message: request.localizer(.errorRoundNobody))]
                return RoundList.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
            }
            let roundID = try await Rounds.open(opening, organisationID: organisationID, by: principal.accountID, at: request.now, on: request.db)
            try await request.audit(.roundOpened, organisation: organisationID, target: "round:\(roundID)", purpose: .learning)
            return request.redirect(to: LearningRoute.rounds(organisation: organisationID).path + "?notice=opened", redirectType: .normal)
        }
    }

    /// Figures only: counted from everyone's submitted answers, shown for five people or more.
    @Sendable func figures(request: Request) async throws -> Response {
        let organisationID = try request.uuid("organisation")
        // Only a round of this organisation is found here.
        guard let round = try await AssessmentRound.query(on: request.db)
            .filter(\.$id == request.uuid("round")).filter(\.$organisationID == organisationID).first(),
            let instrument = try await InstrumentLibrary.instrument(of: round, bundled: request.platform.instruments, on: request.db)
        else { throw KanssaError.notFound }
        let model = try await RoundFigures.load(
            round: round, instrument: instrument, compare: request.query[UUID.self, at: "compare"], language: request.localizer.language,
            cache: request.platform.roundFigures, on: request.db)
        return RoundFigures.View(model: model, chrome: request.chrome()).render().response()
    }

    private func load(_ request: Request) async throws -> RoundList.Model {
        let organisation = try await request.organisation()
        var model = try await RoundList.load(
            organisation: organisation,
            instruments: try await InstrumentLibrary.available(
                to: [try organisation.requireID()], bundled: request.platform.instruments, on: request.db),
            language: request.localizer.language, on: request.db)
        model.mayOpen = Policy.decide(.openRounds(model.organisationID), for: request.principal).isAllowed
        return model
    }
}
