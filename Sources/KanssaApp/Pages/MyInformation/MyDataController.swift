import Fluent
import KanssaCore
import Vapor

/// A person restricts the processing of their data or asks for its erasure, and can take either
/// back (an erasure only until the retention job has started on it).
struct MyDataController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let own = AccessRule.policy { _ in .restrictOrEraseOwnData }
        routes.on(.GET, "me", "data", access: own, use: show)
        routes.on(.POST, "me", "data", "restriction", access: own, use: restrict)
        routes.on(.POST, "me", "data", "restriction", "lift", access: own, use: lift)
        routes.on(.POST, "me", "data", "erasure", access: own, use: erase)
        routes.on(.POST, "me", "data", "erasure", "withdraw", access: own, use: withdraw)
    }

    @Sendable func show(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        var model = try await MyData.load(accountID: principal.accountID, on: request.db)
        let t = request.localizer
        switch request.query[String.self, at: "notice"] {
        case "restricted": model.notice = Notice(.success, t(.myDataRestrictedNotice))
        case "lifted": model.notice = Notice(.success, t(.myDataLiftedNotice))
        case "erasure": model.notice = Notice(.success, t(.myDataErasureNotice))
        case "withdrawn": model.notice = Notice(.success, t(.myDataWithdrawnNotice))
        default: break
        }
        return MyData.View(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func restrict(request: Request) async throws -> Response {
        try await make(.restriction, request, notice: "restricted")
    }

    @Sendable func erase(request: Request) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        guard (try? request.content.get([String].self, at: "understood"))?.contains("yes") == true else {
            var model = try await MyData.load(accountID: principal.accountID, on: request.db)
            model.errors = [FieldError(field: "understood", message: request.localizer(.errorErasureNotConfirmed))]
            return MyData.View(model: model, chrome: request.chrome()).render().response(status: .unprocessableEntity)
        }
        return try await make(.erasure, request, notice: "erasure")
    }

    @Sendable func lift(request: Request) async throws -> Response {
        try await end(.restriction, request, notice: "lifted")
    }

    @Sendable func withdraw(request: Request) async throws -> Response {
        try await end(.erasure, request, notice: "withdrawn")
    }

    private func make(_ kind: DataRequest.Kind, _ request: Request, notice: String) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        try await DataRequests.make(kind, for: principal.accountID, at: request.now, on: request.db)
        try await request.audit(.dataRequestMade, subject: principal.accountID, target: kind.rawValue, purpose: .dataProtection)
        return request.redirect(to: SiteRoute.myData.path + "?notice=" + notice, redirectType: .normal)
    }

    private func end(_ kind: DataRequest.Kind, _ request: Request, notice: String) async throws -> Response {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        guard try await DataRequests.end(kind, for: principal.accountID, at: request.now, on: request.db) else {
            throw KanssaError.notFound
        }
        try await request.audit(.dataRequestEnded, subject: principal.accountID, target: kind.rawValue, purpose: .dataProtection)
        return request.redirect(to: SiteRoute.myData.path + "?notice=" + notice, redirectType: .normal)
    }
}
