import KanssaCore
import Vapor

struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, access: .signedIn, use: show)
    }

    @Sendable func show(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = Home.Model(principal: principal)
        model.waiting = try await Home.waiting(for: principal, platform: request.platform, now: request.now, on: request.db)
        return Home.View(model: model, chrome: request.chrome(current: .home)).render().response()
    }
}
