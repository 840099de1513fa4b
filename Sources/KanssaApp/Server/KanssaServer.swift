import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import Synchronization
import Vapor

/// Kanssa's HTTP/1.1 server: Vapor's responder behind SwiftNIO's HTTP parser, as Vapor's own
/// server has it, but with the limits a server facing the public needs and Vapor's does not
/// offer — a too-long request line or head answered with 414 or 431 and the usual headers, and
/// clients held to time (``ConnectionHandler``). Plain HTTP only: TLS ends at the proxy in front.
/// It takes its address, backlog and socket options from Vapor's server configuration, so
/// `--hostname`, `--port` and `--unix-socket` work as they do with Vapor's server.
final class KanssaServer: Server, Sendable {
    private struct Running {
        var channel: (any Channel)?
        var quiesce: ServerQuiescingHelper?
        var didShutdown = false
    }

    private let application: Application
    private let settings: ServerSettings
    private let running = Mutex(Running())

    init(application: Application, settings: ServerSettings) {
        self.application = application
        self.settings = settings
    }

    /// Completes when the listening channel closes; at once for a server that never started.
    var onShutdown: EventLoopFuture<Void> {
        guard let channel = running.withLock({ $0.channel }) else { return application.eventLoopGroup.any().makeSucceededVoidFuture() }
        return channel.closeFuture
    }

    @available(*, noasync, message: "Use the async start(address:) instead.")
    func start(address: BindAddress?) throws {
        try application.eventLoopGroup.any().makeFutureWithTask { try await self.start(address: address) }.wait()
    }

    func start(address: BindAddress?) async throws {
        var configuration = application.http.server.configuration
        switch address {
        case .none: break
        case .hostname(let hostname, let port):
            configuration.address = .hostname(hostname ?? configuration.hostname, port: port ?? configuration.port)
        case .unixDomainSocket(let path):
            configuration.address = .unixDomainSocket(path: path)
        }
        let quiesce = ServerQuiescingHelper(group: application.eventLoopGroup)
        let bootstrap = ServerBootstrap(group: application.eventLoopGroup)
            .serverChannelOption(.backlog, value: Int32(configuration.backlog))
            .serverChannelOption(.socketOption(.so_reuseaddr), value: configuration.reuseAddress ? 1 : 0)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelInitializer { [application, settings] channel in
                channel.eventLoop.makeCompletedFuture {
                    let watch = RequestLineWatch()
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(watch)
                    try pipeline.configureHTTPServerPipeline(
                        withPipeliningAssistance: true, withErrorHandling: false, withOutboundHeaderValidation: true,
                        withEncoderConfiguration: .init(), withDecoderLimitConfiguration: settings.decoderLimits)
                    let pipelining = try pipeline.handler(type: HTTPServerPipelineHandler.self)
                    try pipeline.addHandler(QuiesceGrace(), position: .before(pipelining))
                    try pipeline.addHandler(ConnectionHandler(
                        application: application, responder: application.responder.current, settings: settings, watch: watch))
                }
            }
            .childChannelOption(.tcpOption(.tcp_nodelay), value: configuration.tcpNoDelay ? 1 : 0)
            .childChannelOption(.socketOption(.so_reuseaddr), value: configuration.reuseAddress ? 1 : 0)
            .childChannelOption(.maxMessagesPerRead, value: 1)
        let channel = switch configuration.address {
        case .hostname(let hostname, let port):
            try await bootstrap.bind(host: hostname ?? configuration.hostname, port: port ?? configuration.port).get()
        case .unixDomainSocket(let path):
            try await bootstrap.bind(unixDomainSocketPath: path).get()
        }
        running.withLock {
            $0.channel = channel
            $0.quiesce = quiesce
        }
        let description: String
        if let local = channel.localAddress, let host = local.ipAddress, let port = local.port {
            configuration.address = .hostname(host, port: port)
            description = "http://\(local.protocol == .inet6 ? "[\(host)]" : host):\(port)"
        } else {
            description = "unix:\(channel.localAddress?.pathname ?? "")"
        }
        application.http.server.configuration = configuration
        application.logger.notice("Server started on \(description)")
    }

    @available(*, noasync, message: "Use the async shutdown() instead.")
    func shutdown() {
        try? application.eventLoopGroup.any().makeFutureWithTask { await self.shutdown() }.wait()
    }

    /// Stops accepting connections (taking in those the kernel already queued), lets each open
    /// one finish the request it is on, and returns when all are closed. Idempotent.
    func shutdown() async {
        let started: (ServerQuiescingHelper, any Channel)? = running.withLock { running in
            defer { running.didShutdown = true }
            guard !running.didShutdown, let quiesce = running.quiesce, let channel = running.channel else { return nil }
            return (quiesce, channel)
        }
        guard let (quiesce, channel) = started else { return }
        if let waiting = await ListenerDrain.drain(channel) {
            application.logger.debug("listener drained", metadata: ["waiting": "\(waiting)"])
        }
        let done = application.eventLoopGroup.any().makePromise(of: Void.self)
        quiesce.initiateShutdown(promise: done)
        try? await done.futureResult.get()
        application.logger.debug("Server stopped")
    }
}

extension Application {
    private struct KanssaServerKey: StorageKey, LockKey {
        typealias Value = KanssaServer
    }

    /// The one server of this application, made when first asked for.
    func kanssaServer(settings: @autoclosure () -> ServerSettings) -> KanssaServer {
        locks.lock(for: KanssaServerKey.self).withLock {
            if let server = storage[KanssaServerKey.self] { return server }
            let server = KanssaServer(application: self, settings: settings())
            storage[KanssaServerKey.self] = server
            return server
        }
    }
}
