import Foundation

/// A short one-time code that a person can read off paper or a screen and type on a phone.
///
/// Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown in two groups of
/// five: about 49 bits, and redeeming is rate-limited, so guessing one is out of reach.
public struct InvitationCode: Sendable, Equatable {
    public static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    public static let length = 10

    /// The code without separators, upper-case.
    public let value: String

    /// Reads what a person typed: case, spaces and dashes do not matter. Nil if it cannot be a code.
    public init?(typed: String) {
        let cleaned = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard cleaned.count == Self.length, cleaned.allSatisfy(Self.alphabet.contains) else { return nil }
        self.value = cleaned
    }

    /// A new random code drawn from the given bytes source.
    public static func random(using randomBytes: (Int) -> [UInt8]) -> InvitationCode {
        InvitationCode(typed: randomCharacters(length, using: randomBytes))!
    }

    /// `count` characters of the alphabet, each equally likely (rejection sampling), for any
    /// code written in it.
    public static func randomCharacters(_ count: Int, using randomBytes: (Int) -> [UInt8]) -> String {
        let limit = UInt8(256 - 256 % alphabet.count)
        var characters: [Character] = []
        while characters.count < count {
            for byte in randomBytes(count * 2) where byte < limit && characters.count < count {
                characters.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return String(characters)
    }

    /// The code as a person should see it: "ABCDE-FGHJK".
    public var display: String {
        "\(value.prefix(5))-\(value.suffix(5))"
    }
}
