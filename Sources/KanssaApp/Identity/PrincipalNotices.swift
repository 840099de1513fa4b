import Foundation
import KanssaCore
import Logging
import PostgresNIO
import Synchronization
import Vapor

/// Listens on PostgreSQL for ``PrincipalChange`` notices and tells ``KeptSessions``: a
/// connection of its own (not one of the pool's), `LISTEN`, then each notice as it comes. Every
/// `heartbeat` it sends a notice of its own (``PrincipalChange/signOfLife``) and counts as alive
/// only what comes back through the channel — so a path that does not carry notices (a pooler in
/// transaction mode, say) never lets anything be trusted. A connection that fails, closes or stays
/// silent past ``KeptSessions/silenceAllowed`` is closed, nothing kept is trusted, and after a
/// pause it connects again. Runs while the server runs (`serve`, `demo`), only on PostgreSQL.
final class PrincipalNotices: LifecycleHandler, Sendable {
    static let applicationName = "kanssa-principal-notices"

    let configuration: PostgresConnection.Configuration
    let kept: KeptSessions
    let heartbeat: Duration
    let pause: Duration
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(configuration: PostgresConnection.Configuration, kept: KeptSessions, heartbeat: Duration = .seconds(2), pause: Duration = .seconds(1)) {
        var configuration = configuration
        configuration.options.additionalStartupParameters.append(("application_name", Self.applicationName))
        self.configuration = configuration
        self.kept = kept
        self.heartbeat = heartbeat
        self.pause = pause
    }

    func didBootAsync(_ application: Application) async throws {
        let eventLoop = application.eventLoopGroup.any()
        let logger = application.logger
        task.withLock { $0 = Task { await self.listen(on: eventLoop, logger: logger) } }
    }

    func shutdownAsync(_ application: Application) async {
        let running = task.withLock { task in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }

    private func listen(on eventLoop: any EventLoop, logger: Logger) async {
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 0, logger: logger).get()
                do {
                    try await hear(connection, logger: logger)
                } catch {
                    kept.stoppedHearing()
                    try? await connection.close()
                    throw error
                }
                kept.stoppedHearing()
                try? await connection.close()
            } catch is CancellationError {
                break
            } catch {
                if !Task.isCancelled {
                    logger.warning("not hearing of sessions' changes; every request reads its session", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
            try? await Task.sleep(for: pause)
        }
        kept.stoppedHearing()
    }

    /// Hears notices on a connection until it fails, goes silent, or the task is cancelled.
    private func hear(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.listen(on: PrincipalChange.channel) { notices in
            kept.startedHearing()
            logger.debug("hearing of sessions' changes")
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await notice in notices {
                        if notice.payload != PrincipalChange.signOfLife { self.kept.forget(PrincipalChange(payload: notice.payload)) }
                        self.kept.heard()
                    }
                    throw Silence()  // the connection closed
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: self.heartbeat)
                        _ = try await connection.query(
                            "SELECT pg_notify(\(PrincipalChange.channel), \(PrincipalChange.signOfLife))", logger: logger
                        ).collect()
                    }
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: self.heartbeat)
                        if !self.kept.isHearing {
                            // Silent too long: closing fails whatever still waits on the connection.
                            try? await connection.close()
                            throw Silence()
                        }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    struct Silence: Error {}
}
