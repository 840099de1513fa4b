import Fluent
import Foundation

/// One person's account. A person has exactly one, whatever organisations they belong to.
///
/// `login` is an email address or a username, stored lower-cased so that it is unique however
/// it is typed. `@unchecked Sendable`: see ``Organisation``.
public final class Account: Model, @unchecked Sendable {
    public static let schema = "accounts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "login") public var login: String
    @Field(key: "display_name") public var displayName: String
    /// The display name as searched (``searchKey(_:)``); set wherever the display name is.
    @Field(key: "search_name") public var searchName: String
    @Field(key: "preferred_language") public var preferredLanguage: String
    @Field(key: "password_hash") public var passwordHash: String
    @OptionalField(key: "disabled_at") public var disabledAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    /// When the person last began a session; nil until they first do (then `createdAt` counts).
    @OptionalField(key: "last_active_at") public var lastActiveAt: Date?
    /// When the person began the session before that: "since you last came" counts from here.
    @OptionalField(key: "previous_active_at") public var previousActiveAt: Date?
    /// Where a daily digest of notices goes, for those who give one.
    @OptionalField(key: "email") public var email: String?
    /// Whether the person asked for the daily digest; nobody gets it without asking.
    @Field(key: "notices_by_email") public var noticesByEmail: Bool
    /// When the last digest went to the person.
    @OptionalField(key: "last_digest_at") public var lastDigestAt: Date?

    public init() {}

    public init(
        id: UUID? = nil, login: String, displayName: String, preferredLanguage: String,
        passwordHash: String, createdAt: Date
    ) {
        self.id = id
        self.login = login
        self.displayName = displayName
        self.searchName = Self.searchKey(displayName)
        self.preferredLanguage = preferredLanguage
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.noticesByEmail = false
    }

    /// A name as it is searched: lower-cased and without accents ("Ångström" → "angstrom"), the
    /// same on every database.
    public static func searchKey(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
    }
}
