import Crypto
import Foundation

/// The installation's secret, used for keyed digests (invitation codes, throttling keys,
/// anti-forgery tokens, research projects' pseudonym keys). Never logged, never shown.
public struct Secret: Sendable {
    private let key: SymmetricKey

    public init(_ value: String) {
        self.key = SymmetricKey(data: Data(value.utf8))
    }

    /// A keyed digest of `message` for one purpose; different purposes never collide.
    public func digest(_ message: String, purpose: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(purpose)\u{0}\(message)".utf8), using: key)
        return Data(mac).base64URLEncoded
    }

    /// A key of its own for one purpose and salt (a research project's), derived from the secret.
    public func key(for purpose: String, salt: String) -> SymmetricKey {
        SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data("\(purpose)\u{0}\(salt)".utf8), using: key)))
    }
}

public enum Digest {
    /// An unkeyed SHA-256 digest, for values that are already random (session tokens).
    public static func sha256(_ value: String) -> String {
        Data(SHA256.hash(data: Data(value.utf8))).base64URLEncoded
    }
}

extension Data {
    /// Base64 with the URL-safe alphabet ("-" and "_" for "+" and "/") and no padding, in one
    /// pass over the encoded bytes (every request makes two: its session's and its form token's).
    public var base64URLEncoded: String {
        var encoded = base64EncodedData()
        encoded.removeAll { $0 == UInt8(ascii: "=") }
        for index in encoded.indices {
            switch encoded[index] {
            case UInt8(ascii: "+"): encoded[index] = UInt8(ascii: "-")
            case UInt8(ascii: "/"): encoded[index] = UInt8(ascii: "_")
            default: break
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }
}
