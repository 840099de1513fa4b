import KanssaCore
import Vapor

/// Gives the request this app's gathering of SQLite writes (``GroupCommit/current``), so that
/// module code writing through `inGroupCommit` joins the commits of this app's database only.
struct GroupCommitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await GroupCommit.$current.withValue(request.platform.groupCommit) {
            try await next.respond(to: request)
        }
    }
}
