import Fluent
import Foundation

/// A one-time code that lets a person set a new password, handed to them by someone of their
/// organisation (on paper or read aloud, like an invitation code). Only a keyed digest of the
/// code is stored; who gave it is kept.
public final class PasswordReset: Model, @unchecked Sendable {
    public static let schema = "password_resets"

    @ID(key: .id) public var id: UUID?
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "code_digest") public var codeDigest: String
    @Field(key: "issued_by_id") public var issuedByID: UUID
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?

    public init() {}

    public init(accountID: UUID, organisationID: UUID, codeDigest: String, issuedByID: UUID, at now: Date, expiresAt: Date) {
        self.accountID = accountID
        self.organisationID = organisationID
        self.codeDigest = codeDigest
        self.issuedByID = issuedByID
        self.createdAt = now
        self.expiresAt = expiresAt
    }
}
