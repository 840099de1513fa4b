import Fluent
import Foundation

/// What the retention rules let an erasure take away, for one person at one moment. Records
/// written by staff are kept as long as the longest rule of an organisation that both the writer
/// and the person belong to; the person's own words and anything no rule covers go at once.
public struct ErasureScope: Sendable {
    public let requestID: UUID
    public let accountID: UUID
    public let requestedAt: Date
    public let now: Date
    /// The organisations the person belongs to, in any role.
    public let organisations: Set<UUID>
    /// Months kept, by organisation and kind of record.
    public let rules: [UUID: [RecordKind: Int]]
    public let calendar: Calendar

    public init(
        requestID: UUID, accountID: UUID, requestedAt: Date, now: Date, organisations: Set<UUID>, rules: [UUID: [RecordKind: Int]],
        calendar: Calendar
    ) {
        self.requestID = requestID
        self.accountID = accountID
        self.requestedAt = requestedAt
        self.now = now
        self.organisations = organisations
        self.rules = rules
        self.calendar = calendar
    }

    /// Until when records of `kind` written in `writtenIn` (the writer's organisations) are kept;
    /// nil when no organisation of both keeps them.
    public func keptUntil(_ kind: RecordKind, writtenIn: Set<UUID>) -> Date? {
        let months = writtenIn.intersection(organisations).compactMap { rules[$0]?[kind] }.max() ?? 0
        return months > 0 ? calendar.date(byAdding: .month, value: months, to: requestedAt) : nil
    }

    /// Whether records of `kind` written in `writtenIn` may be erased now.
    public func mayErase(_ kind: RecordKind, writtenIn: Set<UUID>) -> Bool {
        keptUntil(kind, writtenIn: writtenIn).map { $0 <= now } ?? true
    }

    /// The organisations in which each of `authors` works as staff: one query.
    public static func staffOrganisations(of authors: Set<UUID>, on database: any Database) async throws -> [UUID: Set<UUID>] {
        guard !authors.isEmpty else { return [:] }
        return try await Membership.query(on: database).filter(\.$account.$id ~~ Array(authors)).all()
            .filter(\.role.isStaff)
            .reduce(into: [UUID: Set<UUID>]()) { $0[$1.$account.id, default: []].insert($1.$organisation.id) }
    }

    /// The scope of an erasure request at `now`: the person's organisations and their rules.
    public static func load(
        _ request: DataRequest, now: Date, timeZone: TimeZone, on database: any Database
    ) async throws -> ErasureScope {
        let organisations = Set(try await Membership.query(on: database).filter(\.$account.$id == request.accountID)
            .all(\.$organisation.$id))
        let rules = try await RetentionRule.query(on: database).filter(\.$organisation.$id ~~ Array(organisations)).all()
            .reduce(into: [UUID: [RecordKind: Int]]()) { $0[$1.$organisation.id, default: [:]][$1.recordKind] = $1.keepMonths }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return ErasureScope(
            requestID: try request.requireID(), accountID: request.accountID, requestedAt: request.requestedAt, now: now,
            organisations: organisations, rules: rules, calendar: calendar)
    }
}

/// What one run erased of a person's data in one module, and what it still keeps.
public struct ErasureResult: Sendable, Equatable {
    /// Records erased, by a short name of what they were ("notes", "actions" …).
    public var erased: [String: Int]
    /// The last day on which something is still kept by a rule; nil when nothing is left.
    public var keptUntil: Date?
    /// Work shared with others stays and still names the account as who wrote it (a section of a
    /// panel's training module, say): the account is then emptied — no name, no sign-in, no
    /// memberships — rather than removed, so that nothing points at a person any more.
    public var sharedWorkRemains: Bool

    public init(erased: [String: Int] = [:], keptUntil: Date? = nil, sharedWorkRemains: Bool = false) {
        self.erased = erased
        self.keptUntil = keptUntil
        self.sharedWorkRemains = sharedWorkRemains
    }

    /// Both results together: every count, and the later of the two days.
    public func merging(_ other: ErasureResult) -> ErasureResult {
        ErasureResult(
            erased: erased.merging(other.erased, uniquingKeysWith: +),
            keptUntil: [keptUntil, other.keptUntil].compactMap { $0 }.max(),
            sharedWorkRemains: sharedWorkRemains || other.sharedWorkRemains)
    }
}

/// A module that holds personal data about people, and erases it when asked: the retention job
/// calls every one of them for every erasure in progress, until none keeps anything.
public protocol PersonalDataHolder: Sendable {
    /// Erases what `scope` allows now; says what went and what is still kept, and until when.
    func erase(_ scope: ErasureScope, on database: any Database) async throws -> ErasureResult
}
