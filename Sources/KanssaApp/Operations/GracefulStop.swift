import Synchronization
import Vapor

/// Counts the requests being served, so that shutdown can wait for them.
final class InFlightRequests: Sendable {
    private let count = Atomic<Int>(0)

    func started() { count.add(1, ordering: .relaxed) }
    func finished() { count.subtract(1, ordering: .relaxed) }
    var current: Int { count.load(ordering: .relaxed) }
}

/// Stops in the right order. Vapor shuts its storage down in no fixed order, so the databases
/// could close under requests still being served (seen: a crash on SIGTERM under load). This
/// runs first: stop accepting connections, let open ones finish, wait for every handler to
/// return — and only then let the databases close.
struct GracefulStop: LifecycleHandler {
    static let patience: Duration = .seconds(25)

    func shutdownAsync(_ application: Application) async {
        await application.server.shutdown()
        let requests = application.platform.inFlight
        let clock = ContinuousClock()
        let deadline = clock.now + Self.patience
        while requests.current > 0, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if requests.current > 0 {
            application.logger.warning("stopping with requests still running", metadata: ["requests": "\(requests.current)"])
        }
    }
}
