import NIOCore
import NIOHTTP1
import Vapor

/// One HTTP/1.1 connection: reads each request with its body (up to the routes' limit), hands it
/// to Vapor's responder and writes the answer. It also holds the client to time, since a client
/// that holds a connection without finishing its request could otherwise use up the server's
/// connections: a request's head must come within the client timeout of the connection opening
/// or of the last answer, and its body may not pause for longer than that. Time the server spends
/// making an answer never counts against the client.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case waitingForHead
        case receiving(HTTPRequestHead, ByteBuffer?)
        case responding
        /// The connection is being closed: its request was refused (too long, too slow, a body
        /// past the limit), or the client kept it waiting for a next request. Nothing more is read.
        case closing
    }

    private enum Wait { case head, body }

    private let application: Application
    private let responder: any Responder
    private let settings: ServerSettings
    private let watch: RequestLineWatch
    private var state = State.waitingForHead
    private var timer: Scheduled<Void>?
    private var date = HTTPDate()

    init(application: Application, responder: any Responder, settings: ServerSettings, watch: RequestLineWatch) {
        self.application = application
        self.responder = responder
        self.settings = settings
        self.watch = watch
    }

    func channelActive(context: ChannelHandlerContext) {
        wait(.head, context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            state = .receiving(head, nil)
            wait(.body, context: context)
        case .body(var chunk):
            guard case .receiving(let head, var body) = state else { return }
            wait(.body, context: context)
            if body == nil { body = chunk } else { body!.writeBuffer(&chunk) }
            if body!.readableBytes > settings.maximumBody {
                // One byte over the limit is enough for the application to answer "too much".
                state = .closing
                respond(to: head, body: body!.getSlice(at: body!.readerIndex, length: settings.maximumBody + 1), keepAlive: false, context: context)
            } else {
                state = .receiving(head, body)
            }
        case .end:
            watch.requestEnded()
            guard case .receiving(let head, let body) = state else { return }
            timer?.cancel()
            state = .responding
            respond(to: head, body: body, keepAlive: head.isKeepAlive, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let parserError = error as? HTTPParserError
        switch (state, parserError) {
        case (.closing, _):
            return
        case (_, .none):
            context.close(promise: nil)
        case (.waitingForHead, .invalidEOFState) where !watch.hasBytes:
            context.close(promise: nil)
        case (_, .invalidEOFState):
            // The client closed the connection in the middle of a request: its doing, not ours.
            settings.refused("cut-short")
            application.logger.info("request ended early: the client closed the connection")
            state = .closing
            context.close(promise: nil)
        case (.responding, _):
            context.close(promise: nil)
        case (_, .headerOverflow) where watch.hasRequestLineEnded:
            settings.refused("headers-too-long")
            refuse(.requestHeaderFieldsTooLarge, context: context)
        case (_, .headerOverflow):
            settings.refused("line-too-long")
            refuse(.uriTooLong, context: context)
        case (_, .some):
            settings.refused("unreadable")
            refuse(.badRequest, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, body: ByteBuffer?, keepAlive: Bool, context: ChannelHandlerContext) {
        let request = Request(
            application: application, method: head.method, url: URI(string: head.uri), version: head.version,
            headersNoUpdate: head.headers, collectedBody: body, remoteAddress: context.channel.remoteAddress,
            logger: application.logger, byteBufferAllocator: context.channel.allocator, on: context.eventLoop)
        let bound = NIOLoopBound((context, self), eventLoop: context.eventLoop)
        responder.respond(to: request)
            .flatMap { response in response.body.collect(on: request.eventLoop).map { (response, $0) } }
            .hop(to: context.eventLoop)
            .whenComplete { result in
                let (context, handler) = bound.value
                switch result {
                case .success(let (response, body)):
                    handler.write(response.status, response.headers, body, version: head.version, keepAlive: keepAlive, context: context)
                case .failure(let error):
                    // The application answers every error with a page; this is a failure of its own.
                    handler.application.logger.error("no answer could be made", metadata: ["error": "\(String(reflecting: error))"])
                    handler.write(.internalServerError, [:], nil, version: head.version, keepAlive: false, context: context)
                }
            }
    }

    /// Answers a request that could not be read (too long, too slow, malformed) with the usual
    /// error page and headers, then closes the connection.
    private func refuse(_ status: HTTPResponseStatus, context: ChannelHandlerContext) {
        timer?.cancel()
        state = .closing
        let page = ConnectionRefusal.page(status, application: application, eventLoop: context.eventLoop)
        write(status, page.headers, page.body, version: .http1_1, keepAlive: false, context: context)
    }

    private func write(
        _ status: HTTPResponseStatus, _ headers: HTTPHeaders, _ body: ByteBuffer?, version: HTTPVersion, keepAlive: Bool,
        context: ChannelHandlerContext
    ) {
        var headers = headers
        if status.mayHaveResponseBody {
            headers.replaceOrAdd(name: .contentLength, value: String(body?.readableBytes ?? 0))
        }
        headers.replaceOrAdd(name: .connection, value: keepAlive ? "keep-alive" : "close")
        if !headers.contains(name: .date) { headers.add(name: .date, value: date.now()) }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: status, headers: headers))), promise: nil)
        if let body, body.readableBytes > 0, status.mayHaveResponseBody {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        guard keepAlive else {
            // Only the sending side is closed at first: closing outright with the rest of a refused
            // request unread would reset the connection, and the client might lose the answer.
            let channel = context.channel, linger = settings.clientTimeout
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                channel.close(mode: .output, promise: nil)
                channel.eventLoop.scheduleTask(in: linger) { channel.close(promise: nil) }
            }
            return
        }
        // Before the end is written: a request the client sent meanwhile may be read at once.
        state = .waitingForHead
        wait(.head, context: context)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// Gives the client the timeout to send a request's head, or the next part of its body.
    private func wait(_ wait: Wait, context: ChannelHandlerContext) {
        timer?.cancel()
        let bound = NIOLoopBound((context, self), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: settings.clientTimeout) {
            let (context, handler) = bound.value
            handler.timeUp(wait, context: context)
        }
    }

    private func timeUp(_ wait: Wait, context: ChannelHandlerContext) {
        switch (wait, state) {
        case (.head, .waitingForHead):
            // A connection merely kept open between requests is closed without a word.
            if watch.hasBytes { settings.refused("head-timeout") }
            state = .closing
            context.close(promise: nil)
        case (.body, .receiving):
            settings.refused("body-timeout")
            application.logger.info("request body ended early: the client sent nothing more")
            refuse(.requestTimeout, context: context)
        default:
            break
        }
    }
}
