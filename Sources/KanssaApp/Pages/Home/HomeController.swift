import KanssaCore
import Vapor

struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, access: .signedIn, use: show)
    }

    @Sendable func show(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        return Home.View(model: Home.Model(principal: principal), chrome: request.chrome(current: .home))
            .render().response()
    }
}
