import Foundation
import Synchronization
import Vapor

/// Runs a piece of work in the server, first after `firstAfter` and then at every interval, until
/// the server stops. Several servers on one database may each run the same work: each job is
/// written so that a run repeated, or run twice at once, does nothing twice.
final class Schedule: LifecycleHandler, Sendable {
    let interval: Duration
    let firstAfter: Duration
    private let work: @Sendable (Application) async -> Void
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(every interval: Duration, firstAfter: Duration? = nil, work: @escaping @Sendable (Application) async -> Void) {
        self.interval = interval
        self.firstAfter = firstAfter ?? interval
        self.work = work
    }

    func didBootAsync(_ application: Application) async throws {
        let (interval, work) = (interval, work)
        var wait = firstAfter
        let started = Task { [weak application] in
            while !Task.isCancelled {
                try? await Task.sleep(for: wait)
                wait = interval
                guard !Task.isCancelled, let application else { return }
                await work(application)
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

extension Schedule {
    /// The retention job (``RetentionJob``), first a minute after start.
    static func retention(every interval: Duration) -> Schedule {
        Schedule(every: interval, firstAfter: min(.seconds(60), interval)) { application in
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

    /// The daily e-mails (``DigestJob``).
    static func digests(every interval: Duration, mailer: any Mailer) -> Schedule {
        Schedule(every: interval) { application in
            let report = await DigestJob.run(platform: application.platform, mailer: mailer, on: application.db, logger: application.logger)
            if report.sent > 0 || report.failed > 0 {
                application.logger.info("digest run", metadata: [
                    "looked": "\(report.looked)", "sent": "\(report.sent)", "failed": "\(report.failed)",
                ])
            }
        }
    }
}
