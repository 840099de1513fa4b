import Agenda
import KanssaCore
import Vapor

/// The legal bases an organisation offers for sharing plans, and its own words for each.
struct SharingReasonsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let organisation = routes.grouped("organisations", ":organisation")
        let administer = AccessRule.policy { .administerOrganisation(try $0.uuid("organisation")) }
        organisation.on(.GET, "sharing-reasons", access: administer, use: show)
        organisation.on(.POST, "sharing-reasons", access: administer, use: save)
    }

    @Sendable func show(request: Request) async throws -> Response {
        var model = try await SharingReasons.load(organisation: try await request.organisation(), on: request.db)
        if request.query[String.self, at: "notice"] == "saved" { model.notice = Notice(.success, request.localizer(.savedNotice)) }
        return SharingReasons.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func save(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        let organisation = try await request.organisation()
        var model = try await SharingReasons.load(organisation: organisation, on: request.db)
        let offered = Set((try? request.content.get([String].self, at: "offered")) ?? [])
        for index in model.lines.indices {
            let basis = model.lines[index].basis.rawValue
            model.lines[index].offered = offered.contains(basis)
            model.lines[index].explanation = String(
                ((try? request.content.get(String.self, at: "explanation-\(basis)")) ?? "").prefix(LegalBasisExplanation.longest + 100))
        }
        switch SharingReasons.check(model.lines) {
        case .failure(let list):
            let t = request.localizer
            model.errors = list.problems.map { problem in
                switch problem {
                case .noneOffered: FieldError(field: "offered", message: t(.errorSharingReasonsNone))
                case .explanation(let basis):
                    FieldError(field: "explanation-\(basis.rawValue)", message: t.textError(
                        .errorSharingReasonExplanation, typed: model.lines.first { $0.basis == basis }?.explanation,
                        maxLength: LegalBasisExplanation.longest, multiline: true))
                }
            }
            return SharingReasons.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let lines):
            try await SharingReasons.save(lines, organisation: organisation, by: principal.accountID, at: request.now, on: request.db)
            try await request.audit(.sharingReasonsChanged, organisation: try organisation.requireID(),
                                    target: lines.filter(\.offered).map(\.basis.rawValue).joined(separator: ","),
                                    purpose: .organisationAdministration)
            return request.redirect(to: SiteRoute.sharingReasons(try organisation.requireID()).path + "?notice=saved", redirectType: .normal)
        }
    }
}
