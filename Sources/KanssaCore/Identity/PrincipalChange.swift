import Foundation

/// A change to who a signed-in person is, as PostgreSQL announces it on ``channel``: their
/// session ended, their account changed (name, language, disabled, gone), or their memberships or
/// teams did. Servers that keep sessions in memory forget the people named
/// (``NoticePrincipalChanges`` makes the database send these).
public enum PrincipalChange: Sendable, Equatable {
    /// These accounts' sessions are to be read again.
    case accounts(Set<UUID>)
    /// Everyone's: an organisation's name changed, too many people changed to name, or the
    /// notice could not be read.
    case everyone

    public static let channel = "kanssa_principals"
    /// What a server sends itself on ``channel`` to learn that notices reach it; names nobody.
    public static let signOfLife = "alive"
    /// Above this many people a notice says "everyone" (a notice carries at most 8,000 bytes).
    public static let mostNamed = 100

    /// Reads a notice: account ids separated by commas, or `*`. Anything else means everyone —
    /// a notice that cannot be read must not leave anything trusted.
    public init(payload: String) {
        let ids = payload.split(separator: ",").map { UUID(uuidString: String($0)) }
        guard !ids.isEmpty, ids.allSatisfy({ $0 != nil }) else {
            self = .everyone
            return
        }
        self = .accounts(Set(ids.compactMap { $0 }))
    }
}
