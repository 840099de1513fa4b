@testable import KanssaCore
import NIOCore
import NIOPosix
import Testing

/// Work started with `makeFutureOnLoop` runs on that loop from start to end, also after waiting
/// for something another loop completes, and its error fails the future.
@Suite struct EventLoopTaskExecutorTests {
    struct Refused: Error, Equatable {}

    @Test func theWorkStaysOnTheLoopAcrossAWait() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let loop = group.next(), other = group.next()
        #expect(loop !== other)
        let seen = try await loop.makeFutureOnLoop { () async throws -> [Bool] in
            let before = loop.inEventLoop
            try await other.scheduleTask(in: .milliseconds(5)) {}.futureResult.get()
            return [before, loop.inEventLoop, other.inEventLoop]
        }.get()
        #expect(seen == [true, true, false])
        try await group.shutdownGracefully()
    }

    @Test func anErrorFailsTheFuture() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        await #expect(throws: Refused.self) {
            try await group.next().makeFutureOnLoop { () async throws -> Int in throw Refused() }.get()
        }
        try await group.shutdownGracefully()
    }
}
