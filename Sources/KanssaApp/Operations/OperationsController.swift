import Fluent
import SQLKit
import Vapor

/// Health, readiness, metrics and the stylesheet: what operators and browsers fetch without
/// signing in. None of them carries personal data.
struct OperationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "healthz", access: .anyone) { _ in
            Response(status: .ok, body: .init(string: "ok\n"))
        }
        routes.on(.GET, "readyz", access: .anyone, use: readiness)
        routes.on(.GET, "metrics", access: .anyone) { request in
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4"])
            let platform = request.platform
            let text = platform.metrics.exposition(
                poolSize: System.coreCount, wholePictures: platform.wholePictures, sessions: platform.keptSessions,
                consultations: platform.consultations.statistics, dashboards: platform.dashboards.statistics)
            return Response(status: .ok, headers: headers, body: .init(string: text))
        }
        routes.on(.GET, "static", "kanssa.css", access: .anyone) { request in
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
            return Response(status: .ok, headers: headers, body: .init(buffer: request.platform.stylesheet))
        }
    }

    /// Ready when the database answers a query.
    @Sendable func readiness(request: Request) async throws -> Response {
        do {
            guard let sql = request.db as? any SQLDatabase else { throw Abort(.serviceUnavailable) }
            try await sql.raw("SELECT 1").run()
            return Response(status: .ok, body: .init(string: "ready\n"))
        } catch {
            request.logger.warning("database not ready", metadata: ["error": "\(String(reflecting: error))"])
            return Response(status: .serviceUnavailable, body: .init(string: "database unavailable\n"))
        }
    }
}
