import Crypto
import Foundation

/// Keyed pseudonyms for one research project: HMAC-SHA-256 of an id under a key of the
/// project's own, itself an HMAC of the project's random salt under the installation's secret.
/// The same person is the same pseudonym throughout a project and a different one in every
/// other; without the secret and the salt a pseudonym cannot be turned back into an id.
public struct Pseudonymiser: Sendable {
    private let key: SymmetricKey

    public init(secret: Secret, salt: String) {
        key = secret.key(for: "research-project", salt: salt)
    }

    /// The first 96 bits of the digest in hexadecimal: 24 characters, no two people alike in practice.
    public func pseudonym(_ id: UUID) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(id.uuidString.lowercased().utf8), using: key)
        return mac.prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    /// A new salt: 32 random bytes.
    public static func salt() -> String {
        Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64URLEncoded
    }
}
