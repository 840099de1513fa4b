import Foundation
import Synchronization
import Vapor

/// Work a request starts and does not wait for (theme suggestion), tracked so that a graceful
/// stop waits for it to finish rather than closing the database under it.
final class BackgroundWork: LifecycleHandler, Sendable {
    private let running = Mutex<[UUID: Task<Void, Never>]>([:])

    func start(_ work: @escaping @Sendable () async -> Void) {
        let id = UUID()
        running.withLock { running in
            running[id] = Task { [weak self] in
                await work()
                self?.running.withLock { _ = $0.removeValue(forKey: id) }
            }
        }
    }

    /// How many pieces of work are under way.
    var count: Int { running.withLock { $0.count } }

    func shutdownAsync(_ application: Application) async {
        let tasks = running.withLock { Array($0.values) }
        for task in tasks { await task.value }
    }
}
