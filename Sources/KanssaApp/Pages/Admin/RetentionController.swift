import Fluent
import KanssaCore
import Vapor

/// An organisation's administrator sets how long its records about a person are kept after the
/// person asks for erasure, and why; the retention job follows these rules.
struct RetentionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let organisation = routes.grouped("organisations", ":organisation")
        let administer = AccessRule.policy { .administerOrganisation(try $0.uuid("organisation")) }
        organisation.on(.GET, "retention", access: administer, use: show)
        organisation.on(.POST, "retention", access: administer, use: save)
    }

    @Sendable func show(request: Request) async throws -> Response {
        var model = try await Retention.load(organisation: try await request.organisation(), on: request.db)
        if request.query[String.self, at: "notice"] == "saved" { model.notice = Notice(.success, request.localizer(.savedNotice)) }
        return Retention.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func save(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let organisation = try await request.organisation()
        var model = try await Retention.load(organisation: organisation, on: request.db)
        for index in model.lines.indices {
            let kind = model.lines[index].kind.rawValue
            model.lines[index].months = String((try? request.content.get(String.self, at: "months-\(kind)"))?.prefix(3) ?? "")
            model.lines[index].reason = String((try? request.content.get(String.self, at: "reason-\(kind)"))?.prefix(300) ?? "")
        }
        switch Retention.check(model.lines) {
        case .failure(let problems):
            let t = request.localizer
            model.errors = problems.problems.map { problem in
                switch problem {
                case .months(let kind): FieldError(field: "months-\(kind.rawValue)", message: t(.errorRetentionMonths))
                case .reason(let kind): FieldError(field: "reason-\(kind.rawValue)", message: t(.errorRetentionReason))
                }
            }
            return Retention.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let rules):
            try await Retention.save(
                rules, organisationID: try organisation.requireID(), by: principal.accountID, at: request.now, on: request.db)
            try await request.audit(
                .retentionRulesChanged, organisation: try organisation.requireID(),
                target: rules.map { "\($0.kind.rawValue)=\($0.months)" }.joined(separator: ","), purpose: .organisationAdministration)
            return request.redirect(to: SiteRoute.retention(try organisation.requireID()).path + "?notice=saved", redirectType: .normal)
        }
    }
}
