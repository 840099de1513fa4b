import Foundation
@testable import KanssaApp
import KanssaCore
import Testing
import Vapor
import VaporTesting

/// Kanssa's own HTTP server, started for real on a free port and met over raw sockets: what a
/// slow, careless or hostile client gets, and that everyone else is served meanwhile.
@Suite(.serialized) struct ServerTests {
    /// Runs the body against the application's server, listening on 127.0.0.1 with a one-second
    /// client timeout, and with one route more that takes longer than that to answer.
    private func withServer(_ body: (Application, Int) async throws -> Void) async throws {
        try await withApp(configure: { $0.clientTimeout = 1 }) { app, _ in
            app.routes.on(.GET, "slowly", access: .anyone) { _ in
                try await Task.sleep(for: .milliseconds(1_600))
                return Response(status: .ok, body: .init(string: "made slowly"))
            }
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = app.http.server.configuration.port
            try await body(app, port)
            await app.server.shutdown()
        }
    }

    private func refused(_ app: Application, _ reason: String) async throws -> Int {
        let text = app.platform.metrics.registry.emitToString()
        let prefix = #"kanssa_http_refused_total{reason="\#(reason)"} "#
        return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Int(Double($0.dropFirst(prefix.count)) ?? 0) } ?? 0
    }

    @Test func aTooLongAddressGets414AndTooLongHeaders431WithTheUsualHeadersAndPage() async throws {
        try await withServer { app, port in
            let cases = [
                ("GET /" + String(repeating: "a", count: 20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", "414 URI Too Long"),
                ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 20_000) + "\r\n\r\n", "431 Request Header Fields Too Large"),
                ("GET / HTTP/1.1\r\nHost: x\r\n" + (0..<300).map { "X-Many-\($0): \(String(repeating: "c", count: 120))\r\n" }.joined() + "\r\n",
                 "431 Request Header Fields Too Large"),
            ]
            for (request, status) in cases {
                let answer = try #require(try RawConnection.exchange(port: port, request))
                #expect(answer.hasPrefix("HTTP/1.1 \(status)\r\n"), "\(answer.prefix(60))")
                for header in ["Content-Security-Policy: default-src 'none'", "X-Frame-Options: DENY", "cache-control: no-store", "connection: close"] {
                    #expect(answer.lowercased().contains(header.lowercased()), "\(header) missing for \(status)")
                }
                #expect(answer.contains("The address is too long"))
            }
            #expect(try await refused(app, "line-too-long") == 1)
            #expect(try await refused(app, "headers-too-long") == 2)
        }
    }

    @Test func clientsThatStopSendingLoseTheConnectionWhileOthersAreServed() async throws {
        try await withServer { app, port in
            let silent = try RawConnection(port: port)
            let halfHead = try RawConnection(port: port)
            halfHead.write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            let halfBody = try RawConnection(port: port)
            halfBody.write("POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\nlogin=someone")
            let started = Date()
            let others = try RawConnection(port: port)
            others.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(others.readUntilClosed(within: 2)?.hasPrefix("HTTP/1.1 200 OK") == true)

            #expect(halfHead.readUntilClosed(within: 3) == "")
            let timedOut = try #require(halfBody.readUntilClosed(within: 3))
            #expect(timedOut.hasPrefix("HTTP/1.1 408 Request Timeout"))
            #expect(timedOut.contains("Kanssa stopped waiting"))
            #expect(silent.readUntilClosed(within: 3) == "")
            #expect(Date().timeIntervalSince(started) >= 0.9)
            for connection in [silent, halfHead, halfBody, others] { connection.disconnect() }
            #expect(try await refused(app, "head-timeout") == 1)
            #expect(try await refused(app, "body-timeout") == 1)
        }
    }

    @Test func timeSpentMakingAnAnswerIsNotTheClients() async throws {
        try await withServer { _, port in
            let answer = try #require(try RawConnection.exchange(port: port, "GET /slowly HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
            #expect(answer.hasPrefix("HTTP/1.1 200 OK"))
            #expect(answer.hasSuffix("made slowly"))
        }
    }

    @Test func keptAliveAndPipelinedRequestsAreAnsweredInTurnAndHeadHasNoBody() async throws {
        try await withServer { _, port in
            let answer = try #require(try RawConnection.exchange(
                port: port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\nHEAD /sign-in HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
            let heads = answer.components(separatedBy: "HTTP/1.1 200 OK\r\n")
            #expect(heads.count == 4)
            #expect(heads[1].hasSuffix("\r\n\r\nok\n") && heads[2].hasSuffix("\r\n\r\nok\n"))
            #expect(heads[3].hasSuffix("\r\n\r\n"), "a HEAD answer has headers only")
            #expect(heads[3].contains("connection: close"))
        }
    }

    @Test func aBodyPastTheLimitGetsTheTooMuchTextPageAndOneCutShortIsTheClients() async throws {
        try await withServer { app, port in
            let answer = try #require(try RawConnection.exchange(
                port: port, "POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 200000\r\n\r\n",
                "x=" + String(repeating: "a", count: 199_998)))
            #expect(answer.hasPrefix("HTTP/1.1 413 Payload Too Large"))
            #expect(answer.contains("Too much text"))

            let cut = try RawConnection(port: port)
            cut.write("POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\nlogin=x")
            try await Task.sleep(for: .milliseconds(100))
            cut.disconnect()
            // The server hears of the close on its own loop: give it up to three seconds on a busy machine.
            for _ in 0..<30 where try await refused(app, "cut-short") == 0 { try await Task.sleep(for: .milliseconds(100)) }
            #expect(try await refused(app, "cut-short") == 1)
            let text = app.platform.metrics.registry.emitToString()
            #expect(!text.contains(#"status="500""#))
        }
    }

    /// A graceful stop answers every request a client could believe was taken: those on
    /// connections the kernel had queued but the server not yet accepted (closing the listener
    /// with them queued would reset them), and one sent just after the stop began on a connection
    /// that was open but quiet. Only then does the port refuse.
    @Test func aStopAnswersQueuedConnectionsAndAQuietOnesLateRequest() async throws {
        try await withServer { app, port in
            // With every event loop held, the kernel completes the handshakes but nobody accepts.
            for loop in app.eventLoopGroup.makeIterator() { loop.execute { Thread.sleep(forTimeInterval: 0.5) } }
            let request = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            let queued = try (0..<3).map { _ in try RawConnection(port: port) }
            for connection in queued { connection.write(request) }
            let quiet = try RawConnection(port: port)
            let stopping = Task { await app.server.shutdown() }
            try await Task.sleep(for: .milliseconds(550))
            quiet.write(request)
            for connection in queued + [quiet] {
                let answer = connection.readUntilClosed(within: 5)
                connection.disconnect()
                #expect(answer?.hasPrefix("HTTP/1.1 200 OK") == true, "\(answer?.prefix(40) ?? "still open")")
            }
            await stopping.value
            #expect(throws: RawConnection.Failed.self) { try RawConnection(port: port) }
        }
    }
}
