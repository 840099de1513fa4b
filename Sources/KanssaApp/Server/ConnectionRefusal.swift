import KanssaCore
import NIOCore
import NIOHTTP1
import Vapor

/// The page for a request the server could not read at all — too long, too slow, malformed —
/// made as every other error page is, with the same headers, though there is no request to
/// read a language or a session from.
enum ConnectionRefusal {
    static func page(_ status: HTTPResponseStatus, application: Application, eventLoop: any EventLoop) -> (headers: HTTPHeaders, body: ByteBuffer) {
        let request = Request(application: application, method: .GET, url: URI(path: "/"), on: eventLoop)
        let kind: ErrorPage.Model.Kind = switch status {
        case .uriTooLong, .requestHeaderFieldsTooLarge: .tooLong
        case .requestTimeout: .timedOut
        default: .unreadableForm
        }
        let page = ErrorPage.View(model: .init(kind: kind, status: status, requestID: request.id), chrome: request.chrome()).render()
        var headers = HTTPHeaders()
        headers.contentType = .html
        SecurityHeadersMiddleware.apply(to: &headers, isHTTPS: application.platform.config.isHTTPS, requestID: request.id)
        return (headers, ByteBuffer(string: page.render()))
    }
}
