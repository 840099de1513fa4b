import FluentKit
import Synchronization

/// Writers to one SQLite file taking turns inside the process, before they hold a connection.
///
/// SQLite lets one connection write at a time; another that tries sleeps in SQLite's busy
/// handler (1, 2, 5, 10 ms …) on one of the few threads every SQLite call runs on, even when the
/// writer before it finished long before. Under 64 respondents answering at once that cost one
/// such sleep per answer (traced: 1,736 sleeps for 1,670 commits). A writer that waits here
/// instead waits without a thread and starts the moment the one before it commits.
/// PostgreSQL writers do not take turns: rows lock there, not the whole database.
public final class WriteTurns: Sendable {
    private struct State {
        var writing = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// The turns of every SQLite database the process writes to. One lock for all is simpler
    /// than one per file and costs nothing where there is one file, as a server has.
    public static let sqlite = WriteTurns()

    /// Runs `work` when no other writer holding a turn is running; turns are given in order.
    /// Never wait for a turn inside another: that waits for ever.
    public func inTurn<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        await take()
        defer { give() }
        return try await work()
    }

    private func take() async {
        let mine = state.withLock { state -> Bool in
            if state.writing { return false }
            state.writing = true
            return true
        }
        if mine { return }
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                // Given back between the look above and this one: take it at once.
                if !state.writing {
                    state.writing = true
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    private func give() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            // The turn passes straight to the next in line, who finds `writing` still set.
            if state.waiting.isEmpty {
                state.writing = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}

extension Database {
    /// A transaction that writes: on SQLite it first waits its turn among the process's writers
    /// (``WriteTurns``), elsewhere it is an ordinary transaction.
    public func writing<T: Sendable>(_ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await inWriteTurn { try await transaction(work) }
    }

    /// Writes outside a transaction (one statement, atomic by itself), on SQLite in its turn.
    public func inWriteTurn<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        guard dialectName == "sqlite", !inTransaction else { return try await work() }
        return try await WriteTurns.sqlite.inTurn(work)
    }
}
