import Evaluation
import Fluent
import KanssaCore
import Vapor

/// An organisation's staff changes: each team's turnover, stability and tenure for its
/// coordinators and admins; who joined and left, and why they left, for its admins.
struct StaffChangesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let organisation = routes.grouped("organisations", ":organisation")
        let figures = AccessRule.policy { .seeStaffChanges(try $0.uuid("organisation")) }
        let register = AccessRule.policy { .manageMembers(try $0.uuid("organisation")) }
        organisation.on(.GET, "staff-changes", access: figures, use: show)
        organisation.on(.GET, "staff-changes", ":stint", access: register, use: reasonForm)
        organisation.on(.POST, "staff-changes", ":stint", access: register, use: recordReason)
    }

    @Sendable func show(request: Request) async throws -> Response {
        let organisation = try await request.organisation()
        let config = request.platform.config
        var model = try await StaffChanges.load(organisation: organisation, now: request.now, timeZone: config.timeZone, on: request.db)
        if request.queryText("notice") == "reason" { model.notice = Notice(.success, request.localizer(.staffReasonSavedNotice)) }
        if Policy.decide(.manageMembers(model.organisationID), for: request.principal).isAllowed {
            model.register = try await StaffChanges.register(
                of: model.organisationID, page: ListPage(number: request.query[Int.self, at: "page"]), on: request.db)
        }
        return StaffChangesPage.View(model: model, chrome: request.chrome()).render().response()
    }

    /// The stint named in the address, of one of this organisation's teams; any other is not found.
    private func stint(_ request: Request) async throws -> (UUID, StaffChanges.Line) {
        let organisationID = try request.uuid("organisation")
        guard let line = try await StaffChanges.stint(try request.uuid("stint"), of: organisationID, on: request.db) else {
            throw KanssaError.notFound
        }
        return (organisationID, line)
    }

    @Sendable func reasonForm(request: Request) async throws -> Response {
        let (organisationID, line) = try await stint(request)
        guard line.leftAt != nil else { throw KanssaError.notFound }
        return StaffChangesPage.ReasonView(organisationID: organisationID, line: line, chrome: request.chrome()).render().response()
    }

    @Sendable func recordReason(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let (organisationID, line) = try await stint(request)
        guard line.leftAt != nil else { throw KanssaError.notFound }
        let typed = (try? request.content.get(String.self, at: "reason")).map { String($0.prefix(40)) }
        guard let reason = typed.flatMap(LeaveReason.init(rawValue:)) else {
            return StaffChangesPage.ReasonView(organisationID: organisationID, line: line, chrome: request.chrome(),
                                               error: request.localizer(.errorLeaveReason)).render().response(status: .unprocessableEntity)
        }
        try await request.db.transaction { database in
            try await StaffChanges.recordReason(reason, for: line.id, by: principal.accountID, at: request.now, on: database)
            try await request.audit(.leaveReasonRecorded, organisation: organisationID, target: "stint:\(line.id)",
                                    purpose: .organisationAdministration, on: database)
        }
        return request.redirect(to: EvaluationRoute.staffChanges(organisation: organisationID).path + "?notice=reason", redirectType: .normal)
    }
}
