import FluentKit
import Synchronization

/// One-statement writes to SQLite that arrive together, committed together.
///
/// SQLite commits one writer at a time, and each commit waits for the disk (`fsync` of the
/// write-ahead log). With many people answering at once, the commits queue behind one another.
/// Here the first writer to find nobody committing leads: it takes its turn among the process's
/// writers (``WriteTurns``), runs its own statement and every one that arrived meanwhile in one
/// transaction, commits once, and only then tells each writer its statement is stored. Writers
/// arriving during that commit wait for the next, led by the first of them.
///
/// A write must be one statement: when it fails, SQLite takes back that statement alone and the
/// others go on; its writer gets the error. When the commit fails, every writer of the batch
/// gets the error and nothing of it is stored. PostgreSQL writes are not gathered: its rows lock
/// one by one and its writers commit side by side.
public final class GroupCommit: Sendable {
    public typealias Write = @Sendable (any Database) async throws -> Void

    private enum Outcome: Sendable {
        case stored
        case failed(any Error)
        /// Nobody is committing: the writer leads the next batch.
        case lead
    }

    private struct Waiting {
        let write: Write
        let waiter: CheckedContinuation<Outcome, Never>
    }

    private struct State {
        var leading = false
        var waiting: [Waiting] = []
        var commits = 0
    }

    private let state = Mutex(State())
    private let turns: WriteTurns
    /// The most writes one commit carries, so that the last of a crowd does not wait for all.
    let largest: Int

    public init(turns: WriteTurns = .sqlite, largest: Int = 64) {
        self.turns = turns
        self.largest = largest
    }

    /// The process's gathering of SQLite writes, beside its ``WriteTurns/sqlite``.
    public static let sqlite = GroupCommit()

    /// Transactions begun for writes so far, committed or not.
    public var commits: Int { state.withLock { $0.commits } }
    /// Writes in line for the next commit.
    public var waiting: Int { state.withLock { $0.waiting.count } }
    /// Whether a writer is committing.
    public var isLeading: Bool { state.withLock { $0.leading } }

    /// Runs `write` (one statement) on `database` in a transaction with the writes that arrive
    /// with it; returns once it is committed.
    public func write(on database: any Database, _ write: @escaping Write) async throws {
        let outcome = await withCheckedContinuation { (waiter: CheckedContinuation<Outcome, Never>) in
            let leads = state.withLock { state -> Bool in
                if state.leading {
                    state.waiting.append(Waiting(write: write, waiter: waiter))
                    return false
                }
                state.leading = true
                return true
            }
            if leads { waiter.resume(returning: .lead) }
        }
        switch outcome {
        case .stored: return
        case .failed(let error): throw error
        case .lead: try await lead(with: write, on: database)
        }
    }

    private func lead(with own: @escaping Write, on database: any Database) async throws {
        let others = state.withLock { state -> [Waiting] in
            let taken = Array(state.waiting.prefix(largest - 1))
            state.waiting.removeFirst(taken.count)
            state.commits += 1
            return taken
        }
        let writes = [own] + others.map(\.write)
        let outcomes: [Outcome]
        do {
            outcomes = try await turns.inTurn {
                try await database.transaction { transaction in
                    var outcomes: [Outcome] = []
                    for write in writes {
                        do {
                            try await write(transaction)
                            outcomes.append(.stored)
                        } catch {
                            outcomes.append(.failed(error))
                        }
                    }
                    return outcomes
                }
            }
        } catch {
            outcomes = Array(repeating: .failed(error), count: writes.count)
        }
        for (waiting, outcome) in zip(others, outcomes.dropFirst()) { waiting.waiter.resume(returning: outcome) }
        // The first still waiting leads the next batch; nobody waiting, nobody leads.
        let next = state.withLock { state -> Waiting? in
            if state.waiting.isEmpty {
                state.leading = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.waiter.resume(returning: .lead)
        if case .failed(let error) = outcomes[0] { throw error }
    }
}

extension Database {
    /// Writes one statement outside any transaction of the caller's: on SQLite gathered with the
    /// writes that arrive with it into one commit (``GroupCommit``), elsewhere at once.
    public func inGroupCommit(_ write: @escaping GroupCommit.Write) async throws {
        guard dialectName == "sqlite", !inTransaction else { return try await write(self) }
        try await GroupCommit.sqlite.write(on: self, write)
    }
}
