import Fluent
import Foundation
import SQLKit

/// A person's notices: raised where something happens to them or found waiting for them, counted
/// in every page's header, listed newest first, marked read when seen, and gathered for the daily
/// e-mail of those who asked for it.
public enum Notices {
    /// A notice to raise; raising one that is there already changes nothing.
    public struct Draft: Sendable, Equatable {
        public let accountID: UUID
        public let kind: NoticeKind
        public let about: String
        public var actorID: UUID?
        public var title: String?
        public var dueAt: Date?
        public let link: String

        public init(accountID: UUID, kind: NoticeKind, about: String, actorID: UUID? = nil, title: String? = nil,
                    dueAt: Date? = nil, link: String) {
            self.accountID = accountID
            self.kind = kind
            self.about = about
            self.actorID = actorID
            self.title = title
            self.dueAt = dueAt
            self.link = link
        }
    }

    /// The longest title kept: a round's, session's or team's name, cut if longer.
    static let longestTitle = 200

    /// Raises each notice not raised before: one read, and one write only when something is new
    /// (what is waiting is found again on every visit to the home page).
    /// Returns how many were new.
    @discardableResult
    public static func raise(_ drafts: [Draft], at now: Date, on database: any Database) async throws -> Int {
        guard !drafts.isEmpty else { return 0 }
        guard let sql = database as? any SQLDatabase else { throw FrequentQueryError.unsupportedDatabase }
        struct Key: Hashable { let account: UUID; let kind: String; let about: String }
        let there = try await PersonNotice.query(on: database).filter(\.$accountID ~~ Set(drafts.map(\.accountID)))
            .filter(\.$about ~~ Set(drafts.map(\.about))).all()
            .reduce(into: Set<Key>()) { $0.insert(Key(account: $1.accountID, kind: $1.kind.rawValue, about: $1.about)) }
        let drafts = drafts.filter { !there.contains(Key(account: $0.accountID, kind: $0.kind.rawValue, about: $0.about)) }
        guard !drafts.isEmpty else { return 0 }
        var insert = sql.insert(into: PersonNotice.schema)
            .columns("id", "account_id", "kind", "about", "actor_id", "title", "due_at", "link", "created_at")
        for draft in drafts {
            insert = insert.values(
                SQLBind(UUID()), SQLBind(draft.accountID), SQLBind(draft.kind.rawValue), SQLBind(draft.about),
                SQLBind(draft.actorID), SQLBind(draft.title.map { String($0.prefix(longestTitle)) }), SQLBind(draft.dueAt),
                SQLBind(draft.link), SQLBind(now))
        }
        try await insert.ignoringConflicts(with: ["account_id", "kind", "about"]).run()
        return drafts.count
    }

    /// How many notices the person has not seen: one count on their index.
    /// Asked on every page a signed-in person opens, for the count beside "Notices".
    public static func unreadCount(of accountID: UUID, on database: any Database) async throws -> Int {
        try await database.firstRow(of: Unread(accountID: accountID))?.unread ?? 0
    }

    struct Unread: FrequentQuery {
        struct Row: Decodable, Sendable { let unread: Int }
        static let sql = "SELECT COUNT(*) AS unread FROM notices WHERE account_id = $1 AND read_at IS NULL"
        let accountID: UUID
        var parameters: [QueryParameter] { [.uuid(accountID)] }
    }

    /// One page of the person's notices, newest first.
    public static func page(of accountID: UUID, _ page: ListPage, on database: any Database) async throws -> Paged<PersonNotice> {
        let all = PersonNotice.query(on: database).filter(\.$accountID == accountID)
        let total = try await all.count()
        let items = try await PersonNotice.query(on: database).filter(\.$accountID == accountID)
            .sort(\.$createdAt, .descending).sort(\.$id).range(page.offset..<(page.offset + page.size)).all()
        return Paged(items: items, page: page, total: total)
    }

    /// Marks every notice the person has not seen as seen.
    public static func markRead(of accountID: UUID, at now: Date, on database: any Database) async throws {
        try await PersonNotice.query(on: database).filter(\.$accountID == accountID).filter(\.$readAt == nil)
            .set(\.$readAt, to: now).update()
    }

    /// Notices neither seen nor mailed yet: what a digest would tell of.
    public static func unmailed(of accountID: UUID, on database: any Database) async throws -> [PersonNotice] {
        try await PersonNotice.query(on: database).filter(\.$accountID == accountID).filter(\.$readAt == nil)
            .filter(\.$mailedAt == nil).all()
    }

    public static func markMailed(_ ids: [UUID], at now: Date, on database: any Database) async throws {
        guard !ids.isEmpty else { return }
        try await PersonNotice.query(on: database).filter(\.$id ~~ ids).set(\.$mailedAt, to: now).update()
    }

    /// How long a notice that has been seen is kept.
    public static let keptAfterReading: TimeInterval = 180 * 86_400

    /// Lets go of notices seen long ago.
    public static func forgetOld(now: Date, on database: any Database) async throws {
        try await PersonNotice.query(on: database).filter(\.$readAt < now.addingTimeInterval(-keptAfterReading)).delete()
    }

    /// An erased person's notices go; notices to others keep what happened, without who did it.
    public static func erase(accountID: UUID, on database: any Database) async throws {
        try await PersonNotice.query(on: database).filter(\.$accountID == accountID).delete()
        try await PersonNotice.query(on: database).filter(\.$actorID == accountID).set(\.$actorID, to: nil).update()
    }
}
