import Foundation

/// Text a person typed, cleaned: trimmed, without control characters, not too long. Text from
/// a multi-line field keeps its line breaks and tabs; a one-line field has none.
public enum TypedText {
    public static func clean(_ text: String?, maxLength: Int, multiline: Bool = false) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\r\n", with: "\n")
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\t"] : []
        guard !trimmed.isEmpty, trimmed.count <= maxLength,
            !trimmed.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) && !allowed.contains($0) })
        else { return nil }
        return trimmed
    }
}
