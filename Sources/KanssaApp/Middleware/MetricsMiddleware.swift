import Vapor

/// Counts and times every request by its route pattern (never by its concrete path, which would
/// put ids into metric labels).
struct MetricsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let metrics = request.platform.metrics
        let clock = ContinuousClock()
        let start = clock.now
        metrics.started()
        request.platform.inFlight.started()
        var status: UInt = 500
        defer {
            request.platform.inFlight.finished()
            let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
            metrics.finished(method: request.method.rawValue, route: route, status: status, duration: clock.now - start)
        }
        let response = try await next.respond(to: request)
        status = response.status.code
        return response
    }
}
