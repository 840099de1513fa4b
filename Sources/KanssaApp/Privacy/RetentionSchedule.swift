import Foundation
import KanssaCore
import Synchronization
import Vapor

/// Runs the retention job in the server, first a minute after start and then at every interval,
/// until the server stops. Several servers on one database may each run it: see ``RetentionJob``.
final class RetentionSchedule: LifecycleHandler, Sendable {
    let interval: Duration
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(interval: Duration) {
        self.interval = interval
    }

    func didBootAsync(_ application: Application) async throws {
        let interval = interval
        let started = Task { [weak application] in
            var wait = min(Duration.seconds(60), interval)
            while !Task.isCancelled {
                try? await Task.sleep(for: wait)
                wait = interval
                guard !Task.isCancelled, let application else { return }
                let platform = application.platform
                let report = await RetentionJob.run(
                    now: platform.dependencies.now(), timeZone: platform.config.timeZone, on: application.db, logger: application.logger)
                if report.requests > 0 || report.unused > 0 {
                    application.logger.info("retention run", metadata: [
                        "unused": "\(report.unused)", "requests": "\(report.requests)", "completed": "\(report.completed)", "failed": "\(report.failed)",
                    ])
                }
            }
        }
        task.withLock { $0 = started }
    }

    func shutdownAsync(_ application: Application) async {
        let running = task.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }
}
