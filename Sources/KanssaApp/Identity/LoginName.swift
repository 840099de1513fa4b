import Foundation

/// How a person signs in: an email address or a username. Case does not matter; it is stored
/// lower-cased.
struct LoginName: Equatable {
    let value: String

    init?(_ typed: String) {
        let trimmed = typed.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "@._+-"))
        guard (3...120).contains(trimmed.count),
            trimmed.unicodeScalars.allSatisfy(allowed.contains),
            !trimmed.hasPrefix("@"), !trimmed.hasSuffix("@")
        else { return nil }
        self.value = trimmed
    }
}
