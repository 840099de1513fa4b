/// The lawful bases of GDPR Article 6. Which ones an organisation uses is its own configuration
/// (for a public authority, consent is rarely the right basis for case work), so Kanssa never
/// assumes one. Stored by raw value; never rename one.
public enum LegalBasis: String, Codable, Sendable, CaseIterable {
    case consent
    case contract
    case legalObligation = "legal-obligation"
    case vitalInterests = "vital-interests"
    case publicTask = "public-task"
    case legitimateInterests = "legitimate-interests"

    /// Parses an organisation's configured list ("public-task,consent"); unknown entries are dropped.
    public static func list(_ stored: String) -> [LegalBasis] {
        stored.split(separator: ",").compactMap { LegalBasis(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
    }
}
