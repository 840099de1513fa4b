import Foundation
import KanssaCore
import Synchronization

/// Time and randomness that a test controls: the clock moves only when told, and random bytes
/// come from a seeded generator, so that every run sees the same codes and tokens.
final class TestWorld: Sendable {
    private let state: Mutex<(now: Date, seed: UInt64)>

    init(now: Date = Date(timeIntervalSince1970: 1_780_000_000), seed: UInt64 = 2026) {
        state = Mutex((now, seed))
    }

    var now: Date { state.withLock { $0.now } }

    func advance(by interval: TimeInterval) {
        state.withLock { $0.now.addTimeInterval(interval) }
    }

    var dependencies: AppDependencies {
        AppDependencies(
            now: { [self] in now },
            randomBytes: { [self] count in
                state.withLock { state in
                    (0..<count).map { _ in
                        state.seed = state.seed &* 6364136223846793005 &+ 1442695040888963407
                        return UInt8(truncatingIfNeeded: state.seed >> 33)
                    }
                }
            })
    }
}
