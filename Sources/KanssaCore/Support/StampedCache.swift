import Synchronization

/// Values kept while a stamp read from the database — revisions the database raises by itself
/// (``Revisions``) — stays what it was when they were built. Whoever changed the rows, through
/// whichever server, moves the stamp; a kept value is given only for the stamp just read.
///
/// A crowd asking for a value whose stamp moved waits for one build rather than making one each.
public final class StampedCache<Key: Hashable & Sendable, Stamp: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var entries: RecentlyUsed<Key, (stamp: Stamp, value: Value)>
        var building: [Key: (stamp: Stamp, task: Task<Value, any Error>)] = [:]
        var statistics = CacheStatistics()
    }

    private enum Lookup {
        case kept(Value)
        case building(Task<Value, any Error>)
        case toBuild(Task<Value, any Error>)
    }

    private let state: Mutex<State>
    /// How many values are kept at most; 0 keeps none.
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
        state = Mutex(State(entries: RecentlyUsed(capacity: capacity)))
    }

    /// How often a value was found kept, and how often it had to be built.
    public var statistics: CacheStatistics { state.withLock { $0.statistics } }

    /// The value for `key` as kept at `stamp`, or what `build` makes of it. Read the stamp before
    /// calling: a value built at that stamp or later is kept under it, and if anything changed
    /// meanwhile the stamp moved on and the next request builds again.
    public func value(for key: Key, at stamp: Stamp, build: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let lookup = state.withLock { state -> Lookup in
            if let entry = state.entries.value(for: key, if: { $0.stamp == stamp }) {
                state.statistics.kept += 1
                return .kept(entry.value)
            }
            if let under = state.building[key], under.stamp == stamp { return .building(under.task) }
            state.statistics.built += 1
            let task = Task { try await build() }
            state.building[key] = (stamp, task)
            return .toBuild(task)
        }
        switch lookup {
        case .kept(let value):
            return value
        case .building(let task):
            return try await task.value
        case .toBuild(let task):
            let result = await task.result
            state.withLock { state in
                if state.building[key]?.task == task { state.building[key] = nil }
                if capacity > 0, case .success(let value) = result { state.entries.keep((stamp, value), for: key) }
            }
            return try result.get()
        }
    }
}
