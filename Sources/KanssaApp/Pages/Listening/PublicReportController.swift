import KanssaCore
import Listening
import Vapor

/// "You said, we did": a consultation's public report once it has opened, and an organisation's
/// index of them. Open to anyone, like the pages where people answer.
struct PublicReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "c", ":code", "we-did", access: .anyone, use: report)
        routes.on(.GET, "organisations", ":organisation", "you-said-we-did", access: .anyone, use: index)
    }

    @Sendable func report(request: Request) async throws -> Response {
        let database = request.db
        guard let typed = request.parameters.get("code"), let code = ConsultationCode(typed: typed),
              case let model?? = try await request.platform.consultations.model(.publicReport, of: .code(code), on: database, build: { _ in
                  try await PublicReport.load(code, on: database)
              })
        else { throw KanssaError.notFound }
        // A code typed another way ("tra-baj") is sent to its one address.
        guard code.value == typed else { return request.redirect(to: ListeningRoute.publicReport(code).path, redirectType: .permanent) }
        return PublicReportPages.ReportView(model: model, chrome: request.chrome()).render().response()
    }

    @Sendable func index(request: Request) async throws -> Response {
        let organisation = try await request.organisation()
        let model = try await PublicReport.index(of: organisation, page: ListPage(number: request.query[Int.self, at: "page"]), on: request.db)
        return PublicReportPages.IndexView(model: model, chrome: request.chrome()).render().response()
    }
}
