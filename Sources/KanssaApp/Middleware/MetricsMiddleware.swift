import Vapor

/// Counts, times and logs every request by its route pattern (never by its concrete path, which
/// would put ids into metric labels and logs).
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
            let duration = clock.now - start
            metrics.finished(method: request.method.rawValue, route: route, status: status, duration: duration)
            // The route pattern, never the path: paths carry ids, and logs carry no personal data.
            request.logger.info("served", metadata: [
                "method": "\(request.method.rawValue)", "route": "\(route)", "status": "\(status)",
                "ms": "\(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)",
            ])
        }
        let response = try await next.respond(to: request)
        status = response.status.code
        return response
    }
}
