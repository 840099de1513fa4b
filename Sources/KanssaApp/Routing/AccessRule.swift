import Agenda
import Fluent
import KanssaCore
import Vapor

/// Who may use a route. Every route is registered with one; a test fails if one is missing.
enum AccessRule: Sendable {
    /// No sign-in needed (sign-in page, health, stylesheet).
    case anyone
    /// The policy decides the action the request asks for.
    case policy(@Sendable (Request) async throws -> Action)

    static let signedIn = AccessRule.policy { _ in .useOwnAccount }

    /// A rule about the plan named by the `:plan` parameter, decided on its owner and grants as
    /// they are now. A plan that does not exist is denied like one the person may not see.
    static func plan(_ action: @escaping @Sendable (PlanAccess) -> Action) -> AccessRule {
        .policy { request in
            guard let access = try await PlanSharing.access(planID: try request.uuid("plan"), at: request.now, on: request.db)
            else { throw KanssaError.notFound }
            return action(access)
        }
    }

    /// A rule about changing the action named by `:action` in the plan named by `:plan`: only
    /// an action of that plan is found, and the policy weighs who stands behind it.
    static let planAction = AccessRule.policy { request in
        let planID = try request.uuid("plan")
        guard let access = try await PlanSharing.access(planID: planID, at: request.now, on: request.db),
            let action = try await PlanActions.find(try request.uuid("action"), in: planID, on: request.db)
        else { throw KanssaError.notFound }
        return .changeAction(access, action.stake)
    }

    /// A rule about rewording the suggestion named by `:goal` in the plan named by `:plan`: only a
    /// goal of that plan is found, and only its suggester may.
    static let planSuggestion = AccessRule.policy { request in
        let planID = try request.uuid("plan")
        guard let access = try await PlanSharing.access(planID: planID, at: request.now, on: request.db),
            let goal = try await Goal.query(on: request.db).filter(\.$id == request.uuid("goal")).filter(\.$plan.$id == planID).first()
        else { throw KanssaError.notFound }
        return .rewordSuggestion(access, suggestedByID: goal.suggestedByID)
    }

    static let userInfoKey = "kanssa.access"
}

extension RoutesBuilder {
    /// Registers a route together with its access rule, so that the two cannot be separated.
    @discardableResult
    func on(
        _ method: HTTPMethod, _ path: PathComponent..., access: AccessRule,
        use handler: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        let route = self.grouped(AccessGuard(rule: access)).on(method, path, use: handler)
        route.userInfo[AccessRule.userInfoKey] = access
        return route
    }
}

/// Applies a route's access rule before its handler runs. Fails closed: an error while working
/// out the decision denies.
struct AccessGuard: AsyncMiddleware {
    let rule: AccessRule

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard case .policy(let action) = rule else { return try await next.respond(to: request) }
        let decision: Decision
        let asked: Action?
        do {
            let requested = try await action(request)
            asked = requested
            decision = Policy.decide(requested, for: request.principal)
        } catch {
            asked = nil
            decision = .deny(.checkFailed)
        }
        guard case .deny(let reason) = decision else {
            request.state.allowedAction = asked
            return try await next.respond(to: request)
        }

        try await request.audit(.requestDenied, organisation: asked?.organisationID, target: "\(request.method.rawValue) \(request.url.path)", purpose: reason.rawValue, outcome: .denied)
        if reason == .notSignedIn {
            if request.method == .GET {
                let next = request.url.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                return request.redirect(to: SiteRoute.signIn.path + "?next=" + next, redirectType: .normal)
            }
            throw KanssaError.notSignedIn
        }
        throw KanssaError.forbidden
    }
}

extension Action {
    var organisationID: UUID? {
        switch self {
        case .useOwnAccount, .restrictOrEraseOwnData, .useOwnPlan, .readPlan, .contribute, .changeAction, .rewordSuggestion, .useCaseload,
             .recordPermission,
             .useLearning, .keepPracticeLog, .startCoaching, .useEncountering, .seeOwnDeliveryStatement, .seeOwnResearch: nil
        case .managePanels(let id): id
        case .writeForPanel(let panel), .adaptModule(_, let panel): panel.organisationID
        case .readModule(let module), .writeModule(let module), .commentOnModule(let module), .scheduleEncounterSession(let module),
             .readModuleFeedback(let module):
            module.panel.organisationID
        case .readEncounterSession(let session), .registerForEncounterSession(let session), .hostEncounterSession(let session),
             .printAttendanceCertificate(let session), .giveEncounterFeedback(let session), .readEncounterFeedback(let session),
             .reflectOnEncounterSession(let session), .readCoTrainerReflections(let session):
            session.organisationID
        case .readCoaching(let coaching), .writeCoaching(let coaching), .ownCoaching(let coaching):
            coaching.organisationID
        case .seeLearningSessions(let id), .runLearningSessions(let id), .attendLearningSessions(let id), .importInstruments(let id),
             .nameTrainer(let id, _): id
        case .manageLearningSession(let session), .giveSessionFeedback(let session): session.organisationID
        case .takePartInSet(let set), .presentInSet(let set), .answerForChallenge(let set, _), .facilitateSet(let set):
            set.organisationID
        case .administerOrganisation(let id), .manageMembers(let id), .inviteAnyone(let id), .seeTeamFigures(let id), .openRounds(let id),
             .seeRoundFigures(let id), .answerRound(let id, _), .organiseSets(let id),
             .seePracticeAdoption(let id), .extendToolCatalogue(let id), .openPasswordResets(let id): id
        case .invite(let id, _), .issuePasswordReset(let id, _, _, _): id
        case .runConsultations(let id), .startConsultation(let id, _), .readConsultationFigures(let id): id
        case .schedulePulses(let id), .seePulseFigures(let id), .answerPulse(let id, _), .seeStaffChanges(let id), .keepBarriers(let id),
             .followBarrier(let id, _), .seeCitizensVoice(let id),
             .seeDashboard(let id), .seeResearchProjects(let id), .admitResearchers(let id): id
        case .decideResearchExport(let id, _), .useResearchProject(let id, _, _), .downloadResearchExport(let id, _, _, _, _): id
        case .workOnConsultation(let consultation), .seeConsultationFigures(let consultation): consultation.organisationID
        }
    }
}

extension Request {
    /// The plan the route's access rule loaded and the policy allowed.
    func allowedPlanAccess() throws -> PlanAccess {
        switch state.allowedAction {
        case .readPlan(let access, _), .contribute(let access, _), .changeAction(let access, _), .rewordSuggestion(let access, _):
            return access
        default: throw KanssaError.forbidden  // no plan rule ran: fail closed
        }
    }

    /// The organisation named by the `:organisation` parameter; one that does not exist is a page
    /// that does not exist.
    func organisation() async throws -> Organisation {
        guard let organisation = try await Organisation.named(try uuid("organisation"), on: db) else { throw KanssaError.notFound }
        return organisation
    }

    /// A UUID path parameter. A malformed one is a page that does not exist.
    func uuid(_ name: String) throws -> UUID {
        guard let value = parameters.get(name, as: UUID.self) else { throw KanssaError.notFound }
        return value
    }
}
