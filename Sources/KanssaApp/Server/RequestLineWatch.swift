import NIOCore

/// Looks at the bytes of each request before they are parsed, for two things the parser cannot
/// say: whether the request line had ended when the parser gave up on a too-long head (so that
/// a too-long address gets 414 and too-long headers 431), and whether anything of a next
/// request has come at all (so that a connection merely idle between requests is not counted
/// as a stalled client). What it sees is reset when a request has been read to its end.
final class RequestLineWatch: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private(set) var hasRequestLineEnded = false
    private(set) var hasBytes = false

    func requestEnded() {
        hasRequestLineEnded = false
        hasBytes = false
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !hasRequestLineEnded {
            let buffer = unwrapInboundIn(data)
            hasBytes = hasBytes || buffer.readableBytes > 0
            hasRequestLineEnded = buffer.readableBytesView.contains(UInt8(ascii: "\n"))
        }
        context.fireChannelRead(data)
    }
}
