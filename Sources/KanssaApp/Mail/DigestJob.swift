import Fluent
import Foundation
import KanssaCore
import SQLKit
import Vapor

/// The daily e-mail of those who asked for it: at most one a day per person, only when a notice
/// they have neither seen nor been mailed about is there, in their language, saying nothing but
/// that something is waiting and where. Runs on a schedule in every server; a person is claimed
/// in the database before their mail goes, so two servers never both send it.
enum DigestJob {
    struct Report: Sendable, Equatable {
        var looked = 0
        var sent = 0
        var failed = 0
    }

    /// The least time between two digests to one person.
    static let period: TimeInterval = 24 * 3600
    /// How many people are read at once.
    static let batch = 500

    static func run(platform: Platform, mailer: any Mailer, batch: Int = batch, on database: any Database, logger: Logger) async -> Report {
        var report = Report()
        let now = platform.dependencies.now()
        // A batch at a time, in the order of their ids, so that those with nothing new do not
        // keep the rest waiting.
        var after: UUID?
        while true {
            let due: [Account]
            do {
                var query = Account.query(on: database)
                    .filter(\.$noticesByEmail == true).filter(\.$email != nil).filter(\.$disabledAt == nil)
                    .group(.or) { $0.filter(\.$lastDigestAt == nil).filter(\.$lastDigestAt < now.addingTimeInterval(-period)) }
                if let after { query = query.filter(\.$id > after) }
                due = try await query.sort(\.$id).limit(batch).all()
            } catch {
                logger.error("digest: could not read who is due", metadata: ["error": "\(String(reflecting: error))"])
                report.failed += 1
                return report
            }
            for account in due {
                report.looked += 1
                do {
                    if try await digest(for: account, platform: platform, mailer: mailer, now: now, on: database) { report.sent += 1 }
                } catch {
                    report.failed += 1
                    logger.error("digest: one could not be sent", metadata: [
                        "account": "\(account.id?.uuidString ?? "?")", "error": "\(String(reflecting: error))",
                    ])
                }
            }
            guard due.count == batch, let last = due.last?.id else { return report }
            after = last
        }
    }

    /// Whether a digest went to this person.
    private static func digest(for account: Account, platform: Platform, mailer: any Mailer, now: Date, on database: any Database) async throws -> Bool {
        guard let id = account.id, let address = account.email,
              let principal = try await PrincipalLoader.load(id, on: database) else { return false }
        // What their home page would show them is raised first, as if they had looked.
        let since = account.lastDigestAt ?? account.lastActiveAt ?? account.createdAt
        try await Notices.raise(
            try await WaitingNotices.find(for: principal, readersSince: since, platform: platform, now: now, on: database),
            at: now, on: database)
        let unmailed = try await Notices.unmailed(of: id, on: database)
        guard !unmailed.isEmpty, try await claim(id, now: now, on: database) else { return false }
        let t = platform.localizer(for: account.preferredLanguage)
        let base = platform.config.linkBase
        let mail = Mail(
            to: address, subject: t(.digestSubject),
            body: t(.digestBody, ["link": base + SiteRoute.notices().path, "settings": base + SiteRoute.noticeSettings.path]),
            language: t.language)
        do {
            try await mailer.send(mail)
        } catch {
            // Not sent: the day is given back, and the next run tries again.
            try await Account.query(on: database).filter(\.$id == id).set(\.$lastDigestAt, to: account.lastDigestAt).update()
            throw error
        }
        try await Notices.markMailed(unmailed.compactMap(\.id), at: now, on: database)
        return true
    }

    /// Takes the person's day for this run, unless another server took it first.
    private static func claim(_ id: UUID, now: Date, on database: any Database) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { throw FrequentQueryError.unsupportedDatabase }
        let cutoff = now.addingTimeInterval(-period)
        let claimed = try await sql.raw("""
            UPDATE accounts SET last_digest_at = \(bind: now)
            WHERE id = \(bind: id) AND (last_digest_at IS NULL OR last_digest_at < \(bind: cutoff))
            RETURNING id
            """).all()
        return !claimed.isEmpty
    }
}
