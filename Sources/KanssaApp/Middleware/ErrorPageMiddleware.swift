import KanssaCore
import Vapor

/// Turns every error into a page in the person's language that reveals nothing internal. The
/// detail goes to the log, with the request id that the page also shows.
struct ErrorPageMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let page = ErrorPage.Model(error: error, requestID: request.id)
            if page.status.code >= 500 {
                request.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            } else {
                request.logger.info("request refused", metadata: ["status": "\(page.status.code)"])
            }
            return ErrorPage.View(model: page, chrome: request.chrome()).render().response(status: page.status)
        }
    }
}
