import NIOCore
import NIOHTTP1

/// Gives a connection that is between requests a moment before a graceful stop closes it.
/// NIO's pipeline handler closes such a connection at once; but a client may already have sent
/// its request, not yet read — and closing a socket with unread bytes resets it, so the client
/// sees an accepted request broken. Sits between the request decoder and the pipeline handler:
/// the stop is passed on as soon as a request head arrives (the request is then answered and
/// the connection closed), or after the grace when none does.
final class QuiesceGrace: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    static let grace: TimeAmount = .milliseconds(500)

    private var inRequest = false
    private var held: Scheduled<Void>?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        context.fireChannelRead(data)
        switch part {
        case .head:
            inRequest = true
            passHeldStop(context: context)
        case .end:
            inRequest = false
        case .body:
            break
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent, !inRequest, held == nil else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        let loop = context.eventLoop.assumeIsolated()
        let context = NIOLoopBound(context, eventLoop: context.eventLoop)
        held = loop.scheduleTask(in: Self.grace) { [self] in passHeldStop(context: context.value) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        held?.cancel()
        held = nil
        context.fireChannelInactive()
    }

    private func passHeldStop(context: ChannelHandlerContext) {
        guard let held else { return }
        held.cancel()
        self.held = nil
        context.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
    }
}
