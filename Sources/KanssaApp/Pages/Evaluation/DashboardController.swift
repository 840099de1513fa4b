import Evaluation
import Fluent
import KanssaCore
import Vapor

/// The coordinator's dashboard for a quarter and a team, compared with the quarter before; it
/// prints as the pilot report.
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "organisations", ":organisation", "dashboard",
                  access: .policy { .seeDashboard(try $0.uuid("organisation")) }, use: show)
        routes.on(.GET, "organisations", ":organisation", "dashboard.csv",
                  access: .policy { .seeDashboard(try $0.uuid("organisation")) }, use: csv)
    }

    @Sendable func show(request: Request) async throws -> Response {
        DashboardPage.View(shown: try await load(request), chrome: request.chrome()).render().response()
    }

    /// Every aggregate as CSV: no person's data, only counts of five or more.
    @Sendable func csv(request: Request) async throws -> Response {
        let model = try await load(request).model
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"dashboard-\(model.current.firstDay).csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: DashboardCSV.document(model, request.localizer)))
    }

    private func load(_ request: Request) async throws -> Dashboard.Shown {
        try await Dashboard.load(
            organisation: try await request.organisation(), chosen: request.query[Int.self, at: "quarter"],
            teamID: request.query[UUID.self, at: "team"], instrument: request.platform.staffPulse, instruments: request.platform.instruments,
            language: request.localizer.language,
            now: request.now, timeZone: request.platform.config.timeZone, roundFigures: request.platform.roundFigures,
            cache: request.platform.dashboards, on: request.db)
    }
}
