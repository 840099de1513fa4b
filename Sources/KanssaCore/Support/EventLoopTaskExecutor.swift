import NIOCore

/// Runs a task's work on one event loop.
///
/// A query through PostgresNIO's async interface starts on the event loop of the connection
/// (which writes it), resumes when the loop has read the answer, and resumes again for each row.
/// On Swift's shared executor each of those steps is a wake-up of another thread; preferring the
/// connection's own loop keeps the whole exchange on the thread that does the reading anyway.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

extension EventLoop {
    /// Like `makeFutureWithTask`, with the task's work run on this loop.
    func makeFutureOnLoop<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) -> EventLoopFuture<Value> {
        let promise = makePromise(of: Value.self)
        Task(executorPreference: EventLoopTaskExecutor(self)) {
            do { promise.succeed(try await body()) } catch { promise.fail(error) }
        }
        return promise.futureResult
    }
}
