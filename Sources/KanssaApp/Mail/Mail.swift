import Foundation
import Synchronization

/// One e-mail: to one person, plain text, in their language.
struct Mail: Sendable, Equatable {
    let to: String
    let subject: String
    let body: String
    let language: String
}

/// Where e-mail goes: a relay over SMTP, or (for `kanssa demo` and the tests) an outbox kept
/// in memory and shown on a page instead of being sent.
protocol Mailer: Sendable {
    func send(_ mail: Mail) async throws
}

/// Mail kept instead of sent: the latest few hundred, newest last.
final class Outbox: Mailer {
    struct Sent: Sendable, Equatable {
        let mail: Mail
        let at: Date
    }

    private let sent = Mutex<[Sent]>([])
    private let now: @Sendable () -> Date
    static let kept = 200

    init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    func send(_ mail: Mail) async throws {
        let at = now()
        sent.withLock { sent in
            sent.append(Sent(mail: mail, at: at))
            if sent.count > Self.kept { sent.removeFirst(sent.count - Self.kept) }
        }
    }

    /// What went to one address, newest first.
    func mail(to address: String) -> [Sent] {
        sent.withLock { $0.filter { $0.mail.to.lowercased() == address.lowercased() }.reversed() }
    }

    var all: [Sent] { sent.withLock { $0 } }
}
