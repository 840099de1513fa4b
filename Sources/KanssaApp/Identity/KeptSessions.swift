import Foundation
import KanssaCore
import Synchronization

/// Sessions as the database gave them, kept in memory while this server hears of every change
/// that could end or alter one — so that a request of a signed-in person need not ask the
/// database who they are.
///
/// Nothing is trusted unless a listening connection to PostgreSQL is up and has shown a sign of
/// life within ``silenceAllowed`` (``PrincipalNotices`` keeps it so); while it is not, every
/// request reads its session from the database as before. A notice (``PrincipalChange``) lets go
/// of the sessions of the people it names; so does this server's own change, at once, through
/// ``forget(_:)``. A session read from the database is kept only if nothing was heard while it
/// was being read (a ``Ticket`` says so), so a notice can never be overtaken by an older read.
/// On SQLite there is nobody to hear: nothing is kept.
final class KeptSessions: Sendable {
    struct Entry: Sendable {
        let live: SessionStore.Live
        let createdAt: Date
        let lastSeenAt: Date
    }

    /// Taken before a session is read from the database; what was read is kept only with a
    /// ticket still current.
    struct Ticket: Sendable {
        fileprivate let generation: UInt64
    }

    /// How many requests found their session kept, and how many read it from the database.
    struct Statistics: Sendable, Equatable {
        var kept = 0
        var read = 0
    }

    private struct State {
        var entries: RecentlyUsed<String, Entry>
        var statistics = Statistics()
        var isHearing = false
        var lastHeard = ContinuousClock.now
        /// Moves on with every notice, and whenever hearing starts or stops.
        var generation: UInt64 = 0

        func isTrusted(within silence: Duration) -> Bool {
            isHearing && ContinuousClock.now - lastHeard <= silence
        }

        /// Lets go of every session, and spends every ticket out.
        mutating func letGoOfAll() {
            entries.removeAll()
            generation &+= 1
        }
    }

    private let state: Mutex<State>
    /// How many sessions are kept at most; 0 keeps none.
    let capacity: Int
    /// How long the listening connection may stay silent before nothing kept is trusted.
    let silenceAllowed: Duration

    init(capacity: Int, silenceAllowed: Duration = .seconds(6)) {
        self.capacity = max(0, capacity)
        self.silenceAllowed = silenceAllowed
        state = Mutex(State(entries: RecentlyUsed(capacity: capacity)))
    }

    /// The session kept for a token's digest, if it is kept, still trusted and `isCurrent` says
    /// it still holds.
    func entry(for digest: String, if isCurrent: @Sendable (Entry) -> Bool) -> Entry? {
        state.withLock { state in
            let entry = state.isTrusted(within: silenceAllowed) ? state.entries.value(for: digest, if: isCurrent) : nil
            if entry == nil { state.statistics.read += 1 } else { state.statistics.kept += 1 }
            return entry
        }
    }

    /// A ticket for reading a session from the database, or nil when what is read could not be kept.
    func ticket() -> Ticket? {
        guard capacity > 0 else { return nil }
        return state.withLock { $0.isTrusted(within: silenceAllowed) ? Ticket(generation: $0.generation) : nil }
    }

    /// Keeps a session read with `ticket`, unless anything was heard since the ticket was taken.
    func keep(_ entry: Entry, for digest: String, ticket: Ticket) {
        state.withLock { state in
            guard state.generation == ticket.generation, state.isTrusted(within: silenceAllowed) else { return }
            state.entries.keep(entry, for: digest)
        }
    }

    /// Lets go of the sessions a change concerns.
    func forget(_ change: PrincipalChange) {
        state.withLock { state in
            switch change {
            case .accounts(let accounts):
                state.entries.removeAll { accounts.contains($0.live.principal.accountID) }
                state.generation &+= 1
            case .everyone:
                state.letGoOfAll()
            }
        }
    }

    func forget(account: UUID) {
        forget(.accounts([account]))
    }

    var count: Int { state.withLock { $0.entries.count } }

    var statistics: Statistics { state.withLock { $0.statistics } }

    var isHearing: Bool { state.withLock { $0.isTrusted(within: silenceAllowed) } }

    // MARK: The listener's side

    /// The listening connection is up: from now on sessions may be kept.
    func startedHearing() {
        state.withLock { state in
            state.letGoOfAll()
            state.isHearing = true
            state.lastHeard = .now
        }
    }

    /// The listening connection showed a sign of life. After a silence too long, whatever was
    /// kept before it is let go: a notice could still be on its way.
    func heard() {
        state.withLock { state in
            if ContinuousClock.now - state.lastHeard > silenceAllowed { state.letGoOfAll() }
            state.lastHeard = .now
        }
    }

    /// The listening connection is gone: notices may be missed, so nothing kept is trusted.
    func stoppedHearing() {
        state.withLock { state in
            state.letGoOfAll()
            state.isHearing = false
        }
    }
}
