import Fluent
import Foundation

/// A person's request about their own data: to restrict its processing (nobody but them works
/// with it until they lift it) or to erase it. An erasure restricts at once and is then carried
/// out by the retention job, as far and as soon as the organisations' retention rules allow.
/// `@unchecked Sendable`: see ``Organisation``.
public final class DataRequest: Model, @unchecked Sendable {
    public static let schema = "data_requests"

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case restriction
        case erasure
    }

    /// Stored by raw value; never rename one.
    public enum State: String, Codable, Sendable {
        /// In force: a restriction, or an erasure not yet finished.
        case active
        /// Lifted (a restriction) or withdrawn (an erasure) by the person.
        case ended
        /// An erasure carried out to the end: nothing about the person is left.
        case completed
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "kind") public var kind: Kind
    @Field(key: "state") public var state: State
    @Field(key: "requested_at") public var requestedAt: Date
    /// When the retention job closed the account of an erasure: from then on nobody signs in as it.
    @OptionalField(key: "account_closed_at") public var accountClosedAt: Date?
    @OptionalField(key: "ended_at") public var endedAt: Date?

    public init() {}

    public init(id: UUID? = nil, accountID: UUID, kind: Kind, requestedAt: Date) {
        self.id = id
        self.accountID = accountID
        self.kind = kind
        self.state = .active
        self.requestedAt = requestedAt
    }
}
