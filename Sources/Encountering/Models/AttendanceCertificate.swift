import Fluent
import Foundation

/// A certificate of attendance once printed: the short code on it lets anyone check, at a public
/// page, who took part in which training and when — nothing more. One per person and session,
/// the same code however often it is printed. `@unchecked Sendable`: see ``Panel``.
public final class AttendanceCertificate: Model, @unchecked Sendable {
    public static let schema = "encounter_certificates"

    @ID(key: .id) public var id: UUID?
    /// An ``InvitationCode``-shaped code, without separators.
    @Field(key: "code") public var code: String
    @Field(key: "session_id") public var sessionID: UUID
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "issued_at") public var issuedAt: Date

    public init() {}

    public init(code: String, sessionID: UUID, accountID: UUID, issuedAt: Date) {
        self.code = code
        self.sessionID = sessionID
        self.accountID = accountID
        self.issuedAt = issuedAt
    }
}
