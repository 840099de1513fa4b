import Foundation
import KanssaCore

/// The short code of a consultation, on its posters and in its public address (`/c/ABC234`):
/// six characters without look-alikes, typed in any case, with or without a dash. Not a secret —
/// it is printed for everyone to see; the respondent's private code is.
public struct ConsultationCode: Sendable, Equatable, Hashable {
    public static let length = 6

    /// Upper-case, without separators.
    public let value: String

    public init?(typed: String) {
        let cleaned = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard cleaned.count == Self.length, cleaned.allSatisfy(InvitationCode.alphabet.contains) else { return nil }
        value = cleaned
    }

    public static func random(using randomBytes: (Int) -> [UInt8]) -> ConsultationCode {
        ConsultationCode(typed: InvitationCode.randomCharacters(length, using: randomBytes))!
    }

    /// "ABC-234", as a poster shows it.
    public var display: String { "\(value.prefix(3))-\(value.suffix(3))" }

    /// The public address's path.
    public var path: String { "/c/\(value)" }
}
