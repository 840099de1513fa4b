/// A map of at most `capacity` entries that lets the least recently used go when it is full —
/// the excess and an eighth more at once, so that a full map sorts seldom. A value type: whoever
/// shares one between tasks keeps it behind a lock.
public struct RecentlyUsed<Key: Hashable, Value> {
    private var entries: [Key: (value: Value, used: UInt64)] = [:]
    private var clock: UInt64 = 0
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    public var count: Int { entries.count }

    /// The value for `key` if there is one and `isCurrent` says it still holds; marks it used.
    public mutating func value(for key: Key, if isCurrent: (Value) -> Bool = { _ in true }) -> Value? {
        guard let entry = entries[key], isCurrent(entry.value) else { return nil }
        clock += 1
        entries[key]?.used = clock
        return entry.value
    }

    /// Lets the value for `key` go, if there is one.
    public mutating func remove(_ key: Key) {
        entries[key] = nil
    }

    /// Lets go of every value for which `isGone` holds.
    public mutating func removeAll(where isGone: (Value) -> Bool) {
        entries = entries.filter { !isGone($0.value.value) }
    }

    /// Lets go of everything.
    public mutating func removeAll() {
        entries.removeAll()
    }

    /// Keeps `value` for `key` (nothing when the capacity is 0), replacing any there was.
    public mutating func keep(_ value: Value, for key: Key) {
        guard capacity > 0 else { return }
        clock += 1
        entries[key] = (value, clock)
        guard entries.count > capacity else { return }
        let excess = entries.count - capacity + capacity / 8
        for key in entries.sorted(by: { $0.value.used < $1.value.used }).prefix(excess).map(\.key) {
            entries[key] = nil
        }
    }
}

/// How often a cache found what was asked for kept, and how often it had to build it.
public struct CacheStatistics: Sendable, Equatable {
    public var kept = 0
    public var built = 0

    public init(kept: Int = 0, built: Int = 0) {
        self.kept = kept
        self.built = built
    }
}
