import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// The part of SMTP (RFC 5321) a relay needs: EHLO, STARTTLS (RFC 3207), AUTH PLAIN or LOGIN
/// (RFC 4954), one sender, one recipient, DATA, QUIT. Each message on its own connection: a
/// digest goes at most once a day per person, so there is nothing to gain from keeping one open.
struct SMTPMailer: Mailer {
    let settings: MailSettings
    let group: any EventLoopGroup
    /// The name Kanssa gives itself in EHLO.
    let helloName: String

    func send(_ mail: Mail) async throws {
        let message = SMTPMessage.render(mail, from: settings.from, date: Date(), id: UUID())
        try await SMTPConversation.deliver(message, from: settings.from, to: mail.to, settings: settings, helloName: helloName, group: group)
    }
}

enum SMTPError: Error, Equatable, CustomStringConvertible {
    /// The relay answered with something other than what the step needs.
    case refused(step: String, reply: String)
    case noStartTLS
    case noKnownAuthentication
    case closed
    case timedOut
    case malformedReply
    case unsafeAddress

    var description: String {
        switch self {
        case .refused(let step, let reply): "the relay refused \(step): \(reply)"
        case .noStartTLS: "the relay does not offer STARTTLS, and Kanssa sends nothing without it"
        case .noKnownAuthentication: "the relay offers neither AUTH PLAIN nor AUTH LOGIN"
        case .closed: "the relay closed the connection"
        case .timedOut: "the relay did not answer in time"
        case .malformedReply: "the relay's answer was not SMTP"
        case .unsafeAddress: "an address held a character that cannot go in SMTP"
        }
    }
}

/// One SMTP session over one connection.
final class SMTPConversation {
    struct Reply {
        let code: Int
        let lines: [String]
        var text: String { "\(code) " + lines.joined(separator: " / ") }
    }

    private let channel: any Channel
    private var replies: AsyncThrowingStream<String, any Error>.Iterator

    private init(channel: any Channel, replies: AsyncThrowingStream<String, any Error>) {
        self.channel = channel
        self.replies = replies.makeAsyncIterator()
    }

    static func deliver(
        _ message: String, from: String, to: String, settings: MailSettings, helloName: String, group: any EventLoopGroup
    ) async throws {
        guard SMTPMessage.isSafe(from), SMTPMessage.isSafe(to), SMTPMessage.isSafe(helloName) else { throw SMTPError.unsafeAddress }
        let (stream, continuation) = AsyncThrowingStream<String, any Error>.makeStream()
        let idle = TimeAmount.milliseconds(Int64(settings.timeout * 1000))
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(idle)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: idle))
                    try channel.pipeline.syncOperations.addHandler(ReplyLines(continuation))
                }
            }
            .connect(host: settings.host, port: settings.port).get()
        let conversation = SMTPConversation(channel: channel, replies: stream)
        do {
            try await conversation.run(message, from: from, to: to, settings: settings, helloName: helloName)
            try? await channel.close()
        } catch {
            try? await channel.close()
            throw error
        }
    }

    private func run(_ message: String, from: String, to: String, settings: MailSettings, helloName: String) async throws {
        try await expect(220, "the greeting")
        var extensions = try await hello(helloName)
        if settings.startTLS {
            guard extensions.contains(where: { $0.uppercased() == "STARTTLS" }) else { throw SMTPError.noStartTLS }
            try await command("STARTTLS", expect: 220, step: "STARTTLS")
            try await startTLS(settings)
            extensions = try await hello(helloName)
        }
        if let user = settings.user, let password = settings.password {
            try await authenticate(user: user, password: password, extensions: extensions)
        }
        try await command("MAIL FROM:<\(from)>", expect: 250, step: "the sender")
        let recipient = try await send("RCPT TO:<\(to)>")
        guard recipient.code == 250 || recipient.code == 251 else { throw SMTPError.refused(step: "the recipient", reply: recipient.text) }
        try await command("DATA", expect: 354, step: "DATA")
        try await write(SMTPMessage.dotStuffed(message) + "\r\n.\r\n")
        try await expect(250, "the message")
        _ = try? await send("QUIT")
    }

    /// EHLO, and the extensions the relay names after its first line.
    private func hello(_ name: String) async throws -> [String] {
        let reply = try await send("EHLO \(name)")
        guard reply.code == 250 else { throw SMTPError.refused(step: "EHLO", reply: reply.text) }
        return reply.lines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private func authenticate(user: String, password: String, extensions: [String]) async throws {
        let mechanisms = extensions.filter { $0.uppercased().hasPrefix("AUTH ") }
            .flatMap { $0.uppercased().split(separator: " ").dropFirst().map(String.init) }
        if mechanisms.contains("PLAIN") {
            let token = Data("\0\(user)\0\(password)".utf8).base64EncodedString()
            try await command("AUTH PLAIN \(token)", expect: 235, step: "the user name and password")
        } else if mechanisms.contains("LOGIN") {
            try await command("AUTH LOGIN", expect: 334, step: "AUTH LOGIN")
            try await command(Data(user.utf8).base64EncodedString(), expect: 334, step: "the user name")
            try await command(Data(password.utf8).base64EncodedString(), expect: 235, step: "the user name and password")
        } else {
            throw SMTPError.noKnownAuthentication
        }
    }

    /// TLS in front of everything else on the connection, then a new EHLO (RFC 3207 §4.2).
    private func startTLS(_ settings: MailSettings) async throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let file = settings.trustedCertificates { configuration.trustRoots = .file(file) }
        let context = try NIOSSLContext(configuration: configuration)
        // SNI takes a name, never an address; an address is then checked against the certificate.
        let isAddress = (try? SocketAddress(ipAddress: settings.host, port: 0)) != nil
        let host = isAddress ? nil : settings.host
        let channel = channel
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(
                try NIOSSLClientHandler(context: context, serverHostname: host), position: .first)
        }.get()
    }

    @discardableResult
    private func command(_ line: String, expect code: Int, step: String) async throws -> Reply {
        let reply = try await send(line)
        guard reply.code == code else { throw SMTPError.refused(step: step, reply: reply.text) }
        return reply
    }

    private func send(_ line: String) async throws -> Reply {
        try await write(line + "\r\n")
        return try await reply()
    }

    private func expect(_ code: Int, _ step: String) async throws {
        let reply = try await reply()
        guard reply.code == code else { throw SMTPError.refused(step: step, reply: reply.text) }
    }

    private func write(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// One reply: lines "250-…" go on until "250 …" (RFC 5321 §4.2.1).
    private func reply() async throws -> Reply {
        var lines: [String] = []
        while let line = try await replies.next() {
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)),
                  bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
            else { throw SMTPError.malformedReply }
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") { return Reply(code: code, lines: lines) }
        }
        throw SMTPError.closed
    }
}

/// Splits what the relay sends into lines, and ends the stream when the connection ends, fails
/// or stays silent too long.
private final class ReplyLines: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var pending: [UInt8] = []
    private let lines: AsyncThrowingStream<String, any Error>.Continuation
    /// No relay's line is this long (RFC 5321 §4.5.3.1.5 allows 512 octets).
    private static let longest = 4096

    init(_ lines: AsyncThrowingStream<String, any Error>.Continuation) {
        self.lines = lines
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        pending.append(contentsOf: buffer.readableBytesView)
        while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = pending[..<end]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            lines.yield(String(decoding: line, as: UTF8.self))
            pending.removeSubrange(...end)
        }
        if pending.count > Self.longest {
            lines.finish(throwing: SMTPError.malformedReply)
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            lines.finish(throwing: SMTPError.timedOut)
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        lines.finish(throwing: SMTPError.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        lines.finish(throwing: error)
        context.close(promise: nil)
    }
}

/// A message as it goes over the wire: headers (RFC 5322), the subject as an encoded word
/// (RFC 2047), the body as UTF-8 text in base64.
enum SMTPMessage {
    static func render(_ mail: Mail, from: String, date: Date, id: UUID) -> String {
        let domain = from.split(separator: "@").last.map(String.init) ?? "kanssa.invalid"
        let body = Data(mail.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let headers = [
            "Date: \(rfc5322(date))",
            "From: Kanssa <\(from)>",
            "To: <\(mail.to)>",
            "Subject: \(encodedWord(mail.subject))",
            "Message-ID: <\(id.uuidString.lowercased())@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "Content-Language: \(mail.language)",
            // Tells mail programs not to answer it automatically (RFC 3834).
            "Auto-Submitted: auto-generated",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    /// A line that starts with a dot gets another, so that it is not taken for the end (RFC 5321 §4.5.2).
    static func dotStuffed(_ message: String) -> String {
        message.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }

    /// Whether a value may go into a command or header: no line break, space, control character
    /// or angle bracket that would end or add a command.
    static func isSafe(_ value: String) -> Bool {
        !value.isEmpty && !value.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || $0 == "<" || $0 == ">" }
    }

    /// A header value in UTF-8 base64 words short enough for a header line (RFC 2047 §2).
    static func encodedWord(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value > 0x7E || $0.value < 0x20 }) else { return text }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
