import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import KanssaApp

/// `e2e/smtp_sink.py` running for one test: a real SMTP server that keeps what it accepts.
struct SMTPSink {
    struct Message {
        let envelope: [String]
        let headers: [(String, String)]
        let body: String

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }.map { SMTPSink.decodeWords($0.1) }
        }
    }

    static var python: String? {
        ProcessInfo.processInfo.environment["KANSSA_TEST_SMTP_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
    }

    let folder: URL
    let process: Process
    let port: Int

    static func start(_ arguments: [String]) throws -> SMTPSink {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../e2e/smtp_sink.py").standardized
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python ?? "python3")
        process.arguments = [script.path, folder.path] + arguments
        try process.run()
        let ready = folder.appendingPathComponent("ready")
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: ready.path) {
            guard process.isRunning, Date() < deadline else {
                process.terminate()
                throw SinkError.didNotStart
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let port = Int(try String(contentsOf: ready, encoding: .utf8)) ?? 0
        return SMTPSink(folder: folder, process: process, port: port)
    }

    struct SinkError: Error { static let didNotStart = SinkError() }

    func stop() {
        // SIGKILL: a child may inherit SIGTERM blocked from the test's process. Every message is
        // on disk before the sink acknowledges it, so nothing is lost. Not waitUntilExit(): it
        // runs a run loop, which a test's thread need not have.
        kill(process.processIdentifier, SIGKILL)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        try? FileManager.default.removeItem(at: folder)
    }

    func settings(user: String? = nil, password: String? = nil) -> MailSettings {
        let authority = folder.appendingPathComponent("ca.pem").path
        return MailSettings(
            host: "localhost", port: port, startTLS: true, user: user, password: password, from: "kanssa@city.example",
            trustedCertificates: FileManager.default.fileExists(atPath: authority) ? authority : nil)
    }

    /// Each message kept, in the order they came.
    func messages() throws -> [Message] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.sorted()
        return try names.map { name in
            let raw = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let envelope = try String(contentsOf: folder.appendingPathComponent(name.replacingOccurrences(of: ".eml", with: ".envelope")),
                                      encoding: .utf8).components(separatedBy: "\n")
            let parts = raw.components(separatedBy: "\r\n\r\n")
            // Folded header lines join the line before them.
            var headers: [(String, String)] = []
            for line in parts[0].components(separatedBy: "\r\n") {
                if line.hasPrefix(" "), let last = headers.popLast() { headers.append((last.0, last.1 + line)); continue }
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            let encoded = parts.dropFirst().joined(separator: "\r\n\r\n").replacingOccurrences(of: "\r\n", with: "")
            let body = Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? ""
            return Message(envelope: envelope, headers: headers, body: body)
        }
    }

    /// "=?UTF-8?B?…?=" words back to text (RFC 2047).
    static func decodeWords(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        // Space between two encoded words is not part of the text (RFC 2047 §6.2).
        return value.components(separatedBy: " ").map { word in
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                  let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else { return word }
            return String(decoding: data, as: UTF8.self)
        }.joined()
    }
}
