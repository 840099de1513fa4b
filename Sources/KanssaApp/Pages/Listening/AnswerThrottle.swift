import Foundation
import Synchronization

/// Holds back one address that sends answers faster than people do, so that the public pages
/// keep working for everyone else. Counted in this server's memory in fixed windows: a flood is
/// cut off within a window whichever server it reaches, and nothing here is a record of anyone
/// (the counts go when their window ends).
final class AnswerThrottle: Sendable {
    struct Rule: Sendable, Equatable {
        let limit: Int
        let window: TimeInterval
    }

    /// Forms from one address to one consultation: a person answers a consultation with a few
    /// dozen; a workshop of thirty phones behind one address stays well inside.
    static let addressInConsultation = Rule(limit: 600, window: 600)
    /// Forms from one address to every consultation together.
    static let address = Rule(limit: 1_200, window: 600)
    /// Above this many keys, the ones whose window has ended are forgotten.
    static let mostKeys = 50_000

    private struct Window {
        var start: Date
        var count: Int
    }

    private let windows = Mutex<[String: Window]>([:])

    /// Counts one form under each key and returns nil, or — when a key is at its limit — counts
    /// nothing and returns when the next form may come.
    func admit(_ keys: [(key: String, rule: Rule)], now: Date) -> Date? {
        windows.withLock { windows in
            if windows.count > Self.mostKeys {
                let longest = max(Self.addressInConsultation.window, Self.address.window)
                windows = windows.filter { now.timeIntervalSince($0.value.start) < longest }
            }
            var current: [String: Window] = [:]
            for (key, rule) in keys {
                var window = windows[key] ?? Window(start: now, count: 0)
                if now.timeIntervalSince(window.start) >= rule.window { window = Window(start: now, count: 0) }
                if window.count >= rule.limit { return window.start.addingTimeInterval(rule.window) }
                current[key] = window
            }
            for (key, var window) in current {
                window.count += 1
                windows[key] = window
            }
            return nil
        }
    }
}
