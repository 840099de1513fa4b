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
              let kept = try await request.platform.consultations.model(.publicReport, of: .publicCode(code), on: database, build: { _ in
                  // A draft has no public report; not kept, as nothing but a page is.
                  guard let model = try await PublicReport.load(code, on: database) else { throw KanssaError.notFound }
                  return model
              })
        else { throw KanssaError.notFound }
        // A code typed another way ("tra-baj") is sent to its one address.
        guard code.value == typed else { return request.redirect(to: ListeningRoute.publicReport(code).path, redirectType: .permanent) }
        let chrome = request.chrome()
        // The sections depend on the model and the reader's language only: rendered once for each.
        let sections = kept.rendering(chrome.t.language) { PublicReportPages.ReportView(model: $0, chrome: chrome).sections }
        return PublicReportPages.ReportView(model: kept.model, chrome: chrome, rendered: sections).render().response()
    }

    @Sendable func index(request: Request) async throws -> Response {
        let organisation = try await request.organisation()
        let model = try await PublicReport.index(of: organisation, page: ListPage(number: request.query[Int.self, at: "page"]), on: request.db)
        return PublicReportPages.IndexView(model: model, chrome: request.chrome()).render().response()
    }
}
