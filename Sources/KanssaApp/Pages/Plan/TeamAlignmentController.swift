import Agenda
import Fluent
import KanssaCore
import Vapor

/// A coordinator's figures of whose agenda their organisation's teams serve: aggregates of five
/// plans or more, never a person's plan.
struct TeamAlignmentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "organisations", ":organisation", "alignment",
                  access: .policy { .seeTeamFigures(try $0.uuid("organisation")) }, use: show)
    }

    @Sendable func show(request: Request) async throws -> Response {
        let model = try await TeamAlignment.load(organisation: try await request.organisation(), now: request.now, on: request.db)
        return TeamAlignment.View(model: model, chrome: request.chrome()).render().response()
    }
}
