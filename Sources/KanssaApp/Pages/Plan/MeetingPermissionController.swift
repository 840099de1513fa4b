import Agenda
import KanssaCore
import Vapor

/// A professional records a citizen's permission in a meeting, with the citizen present: the
/// form, a confirmation naming the person, and the record on the citizen's receipt and trace.
struct MeetingPermissionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let professional = AccessRule.policy { _ in .useCaseload }
        routes.on(.GET, "caseload", "permissions", access: professional, use: show)
        routes.on(.POST, "caseload", "permissions", access: professional, use: record)
    }

    @Sendable func show(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let model = try await MeetingPermission.load(for: principal, on: request.db)
        return MeetingPermission.View(model: model, chrome: request.chrome()).render().response()
    }

    struct MeetingFields: Content {
        var citizen: String?
        var present: [String]?
        /// "yes" records; "no" goes back to the form; absent asks for confirmation.
        var confirmed: String?
    }

    @Sendable func record(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let fields = try request.content.decode(MeetingFields.self)
        var model = try await MeetingPermission.load(for: principal, on: request.db)
        model.citizenLogin = String((fields.citizen ?? "").prefix(120))
        model.draft = try request.content.decode(AuthoriseForm.self).draft
        model.ownerPresent = fields.present?.contains("yes") == true
        let t = request.localizer
        let checked = AuthorisationRequest.check(
            model.draft, choices: model.teams, people: model.people, timeZone: request.platform.config.timeZone, now: request.now)
        let granteeOrganisations = (try? checked.get()).map { model.granteeOrganisations(of: $0.grantee) } ?? model.organisations
        let citizen = try await MeetingPermission.citizen(login: model.citizenLogin, in: granteeOrganisations, on: request.db)
        let permitted = citizen.map {
            Policy.decide(
                .recordPermission(ownerID: $0.accountID, ownerOrganisations: $0.organisations, granteeOrganisations: granteeOrganisations),
                for: principal
            ).isAllowed
        } ?? false

        var errors: [FieldError] = []
        if !permitted { errors.append(FieldError(field: "citizen", message: t(.errorMeetingCitizen))) }
        if case .failure(let list) = checked { errors += list.fieldErrors(t) }
        if !model.ownerPresent { errors.append(FieldError(field: "present", message: t(.errorMeetingPresent))) }
        guard errors.isEmpty, let citizen, case .success(let permission) = checked else {
            model.errors = errors
            return MeetingPermission.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        switch fields.confirmed {
        case "yes":
            let plan = try await PlanStore.plan(of: citizen.accountID, at: request.now, on: request.db)
            let planID = try plan.requireID()
            let grantee = try await PlanSharing.record(
                permission, planID: planID, by: principal.accountID, withOwnerPresent: true, at: request.now, on: request.db)
            try await request.audit(
                .planShared, subject: citizen.accountID,
                target: OwnerPresence.traceTarget("\(grantee):\(PlanSection.stored(permission.sections))", present: true),
                purpose: permission.purpose)
            return request.redirect(to: AgendaRoute.sharedPlan(planID).path + "?notice=permission-recorded", redirectType: .normal)
        case "no":
            break
        default:
            model.confirmation = MeetingPermission.Confirmation(citizenName: citizen.name, request: permission)
        }
        return MeetingPermission.View(model: model, chrome: request.chrome()).render().response()
    }
}
