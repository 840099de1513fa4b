import Fluent
import Foundation

/// The kinds of record an organisation sets a retention period for. The person's own words are
/// not among them: those are erased at the first run after the request, whatever any rule says.
/// Stored by raw value; never rename one.
public enum RecordKind: String, Codable, Sendable, CaseIterable {
    /// What the organisation's staff wrote about the person: notes, suggested goals, planned
    /// actions, their own ratings.
    case caseRecords = "case-records"
    /// The trace of who read or changed the person's data, when and why.
    case accessTrace = "access-trace"
    /// A citizen's account that nobody has used: after this many months without a session of
    /// theirs and without a change to their plan, the retention job erases it as if they had
    /// asked (the other rules then apply). Counted from the request for the other kinds.
    case unusedAccounts = "unused-accounts"
}

/// How many months after an erasure request an organisation keeps one kind of record, and why —
/// typically a legal obligation to keep case files. `@unchecked Sendable`: see ``Organisation``.
public final class RetentionRule: Model, @unchecked Sendable {
    public static let schema = "retention_rules"
    /// Fifty years: longer is a mistake, not a rule.
    public static let longestMonths = 600

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: Organisation
    @Field(key: "record_kind") public var recordKind: RecordKind
    @Field(key: "keep_months") public var keepMonths: Int
    @Field(key: "reason") public var reason: String
    @Field(key: "updated_by_id") public var updatedByID: UUID
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(organisationID: UUID, recordKind: RecordKind, keepMonths: Int, reason: String, updatedByID: UUID, updatedAt: Date) {
        self.$organisation.id = organisationID
        self.recordKind = recordKind
        self.keepMonths = keepMonths
        self.reason = reason
        self.updatedByID = updatedByID
        self.updatedAt = updatedAt
    }
}
