import Agenda
import Fluent
import KanssaCore
import Vapor

/// The life areas an organisation's people rate in their check-ins.
struct LifeAreaSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let organisation = routes.grouped("organisations", ":organisation")
        let administer = AccessRule.policy { .administerOrganisation(try $0.uuid("organisation")) }
        organisation.on(.GET, "life-areas", access: administer, use: show)
        organisation.on(.POST, "life-areas", access: administer, use: save)
    }

    @Sendable func show(request: Request) async throws -> Response {
        var model = try await LifeAreaSettings.load(organisation: try await request.organisation(), on: request.db)
        if request.query[String.self, at: "notice"] == "saved" { model.notice = Notice(.success, request.localizer(.savedNotice)) }
        return LifeAreaSettings.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func save(request: Request) async throws -> Response {
        let organisation = try await request.organisation()
        let organisationID = try organisation.requireID()
        let text = String(((try? request.content.get(String.self, at: "areas")) ?? "").prefix(1000))
        switch OrganisationLifeAreas.check(text) {
        case .failure(let list):
            let t = request.localizer
            var model = try await LifeAreaSettings.load(organisation: organisation, on: request.db)
            model.text = text
            model.errors = list.problems.map { problem in
                let message = switch problem {
                case .tooMany: t(.errorLifeAreasTooMany, ["most": t.number(OrganisationLifeAreas.most)])
                case .badName(let name): t(.errorLifeAreaName, ["name": name, "longest": t.number(OrganisationLifeAreas.longestName)])
                case .repeated(let name): t(.errorLifeAreaRepeated, ["name": name])
                }
                return FieldError(field: "areas", message: message)
            }
            return LifeAreaSettings.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        case .success(let names):
            try await OrganisationLifeAreas.save(names, organisationID: organisationID, at: request.now, on: request.db)
            try await request.audit(
                .lifeAreasChanged, organisation: organisationID, target: "life-areas:\(names.count)", purpose: .organisationAdministration)
            return request.redirect(to: SiteRoute.lifeAreaSettings(organisationID).path + "?notice=saved", redirectType: .normal)
        }
    }
}
