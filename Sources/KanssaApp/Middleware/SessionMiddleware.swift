import Fluent
import KanssaCore
import Vapor

/// Finds the signed-in person from the session cookie on every request: in the database, or on
/// PostgreSQL in the sessions a server keeps while it hears of every change to them
/// (``KeptSessions``) — so that several instances can serve one installation and an ended session
/// or a changed role counts on the next request (on another server, once the notice is there).
struct SessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var state = RequestState()
        let cookies = request.cookies
        state.cookies = cookies
        if let token = cookies[CookieName.session]?.string, !token.isEmpty {
            if let live = try await SessionStore.resume(token: token, on: request) {
                state.principal = live.principal
                state.sessionToken = token
                state.sessionID = live.sessionID
                // Only a page shows the count; a form sent, a file or the stylesheet does not.
                if request.method == .GET, !request.url.path.hasPrefix("/static/") {
                    state.unreadNotices = try await Notices.unreadCount(of: live.principal.accountID, on: request.db)
                }
            } else {
                state.hasStaleSessionCookie = true
            }
        }
        if state.sessionToken == nil {
            if let binding = cookies[CookieName.anonymous]?.string, binding.count >= 32 {
                state.anonymousBinding = binding
            } else {
                state.anonymousBinding = request.platform.dependencies.token()
                state.isNewAnonymousBinding = true
            }
        }
        request.state = state

        let response = try await next.respond(to: request)
        // The handler may have signed the person in or out; read the state it left.
        let after = request.state
        if after.isNewAnonymousBinding, after.isAnonymousBindingUsed, after.sessionToken == nil,
            let binding = after.anonymousBinding,
            response.cookies[CookieName.anonymous] == nil
        {
            response.cookies[CookieName.anonymous] = request.cookie(binding, maxAge: nil)
        }
        if after.hasStaleSessionCookie, response.cookies[CookieName.session] == nil {
            response.cookies[CookieName.session] = request.expiredCookie
        }
        return response
    }
}
