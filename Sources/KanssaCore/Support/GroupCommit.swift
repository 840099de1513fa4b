import FluentKit
import SQLKit
import Synchronization

/// Short writes to SQLite that arrive together, committed together.
///
/// SQLite commits one writer at a time, and each commit waits for the disk (`fsync` of the
/// write-ahead log). With many people writing at once, the commits queue behind one another.
/// Here the first writer to find nobody committing leads: it takes its turn among the process's
/// writers (``WriteTurns``), runs its own write and every one that arrived meanwhile in one
/// transaction, commits once, and only then answers each writer. Writers arriving during that
/// commit wait for the next, led by the first of them.
///
/// When a write throws, what it wrote is taken back and the others go on (the batch is run
/// again with each write in a savepoint of its own); its writer gets the error. When the
/// commit fails, every writer of the batch gets the error and nothing of it is stored. A write sees the writes before it in its
/// batch, as it would have seen them committed. PostgreSQL writes are not gathered: its rows
/// lock one by one and its writers commit side by side.
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

    /// The gathering of the application serving the current request (set by its middleware).
    /// One per application, never one for the process: a leader runs every write of its batch on
    /// its own database, so writers to another database must never join it.
    @TaskLocal public static var current: GroupCommit?

    /// Batches led so far, committed or not (a batch run again after a failing write counts once).
    public var commits: Int { state.withLock { $0.commits } }
    /// Writes in line for the next commit.
    public var waiting: Int { state.withLock { $0.waiting.count } }
    /// Whether a writer is committing.
    public var isLeading: Bool { state.withLock { $0.leading } }

    /// Runs `work` on `database` in a transaction with the writes that arrive with it; returns
    /// what it gave once that is committed.
    public func write<T: Sendable>(on database: any Database, _ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let result = Mutex<T?>(nil)
        try await write(on: database) { database in
            let value = try await work(database)
            result.withLock { $0 = value }
        }
        // Stored when `work` returned without throwing, which `write` has then said.
        return result.withLock { $0! }
    }

    /// Runs `write` on `database` in a transaction with the writes that arrive with it; returns
    /// once it is committed.
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
            outcomes = try await turns.inTurn { try await Self.commit(writes, on: database) }
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

    /// Commits `writes` in one transaction. Writes seldom fail, so the batch first runs them one
    /// after another as they are — a statement or two each, not three more for a savepoint. Only
    /// when something throws is that transaction taken back and the batch run again with each
    /// write in a savepoint of its own, so that the failing one is taken back alone.
    private static func commit(_ writes: [Write], on database: any Database) async throws -> [Outcome] {
        do {
            try await database.transaction { transaction in
                for write in writes { try await write(transaction) }
            }
            return Array(repeating: .stored, count: writes.count)
        } catch where writes.count == 1 {
            return [.failed(error)]
        } catch {
            return try await database.transaction { transaction in
                guard let sql = transaction as? any SQLDatabase else { throw FrequentQueryError.unsupportedDatabase }
                var outcomes: [Outcome] = []
                for write in writes {
                    try await sql.raw("SAVEPOINT group_write").run()
                    do {
                        try await write(transaction)
                        try await sql.raw("RELEASE group_write").run()
                        outcomes.append(.stored)
                    } catch {
                        try await sql.raw("ROLLBACK TO group_write").run()
                        try await sql.raw("RELEASE group_write").run()
                        outcomes.append(.failed(error))
                    }
                }
                return outcomes
            }
        }
    }
}

extension Database {
    /// A short write, all or nothing: on SQLite while serving a request, gathered with the writes
    /// that arrive with it into one commit (``GroupCommit/current``); elsewhere, or inside a
    /// transaction already, a transaction of its own — none when `oneStatement` says the work is
    /// a single statement, atomic by itself.
    public func inGroupCommit<T: Sendable>(
        oneStatement: Bool = false, _ work: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        guard dialectName == "sqlite", !inTransaction else { return try await oneStatement ? work(self) : transaction(work) }
        guard let gathering = GroupCommit.current else {
            return try await inWriteTurn { try await oneStatement ? work(self) : transaction(work) }
        }
        return try await gathering.write(on: self, work)
    }
}
