import Foundation

/// How a person signs in: an email address or a username. Case, surrounding whitespace and
/// Unicode compatibility forms (full-width letters, say) do not matter: it is stored as
/// ``normalised(_:)`` makes it, and looked up the same way.
struct LoginName: Equatable {
    let value: String

    init?(_ typed: String) {
        let normalised = Self.normalised(typed)
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "@._+-"))
        guard (3...120).contains(normalised.count),
            normalised.unicodeScalars.allSatisfy(allowed.contains),
            !normalised.hasPrefix("@"), !normalised.hasSuffix("@")
        else { return nil }
        self.value = normalised
    }

    /// The typed text as it is looked up: compatibility forms composed (NFKC), trimmed, lower-cased.
    /// Text that is no login at all is normalised too, so that its variants share one throttle budget.
    static func normalised(_ typed: String) -> String {
        typed.precomposedStringWithCompatibilityMapping
            .trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
            .lowercased()
    }
}
