import Foundation

/// Text a person typed, cleaned: trimmed, without control characters, not too long. Text from
/// a multi-line field keeps its line breaks and tabs; a one-line field has none.
public enum TypedText {
    /// Why a typed text was not taken, so that the message can say what to do about it.
    public enum Problem: Equatable, Sendable {
        case empty
        case tooLong
        case unshowable
    }

    public static func clean(_ text: String?, maxLength: Int, multiline: Bool = false) -> String? {
        guard let text else { return nil }
        let trimmed = trimmed(text)
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\t"] : []
        guard !trimmed.isEmpty, trimmed.count <= maxLength,
            !trimmed.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) && !allowed.contains($0) })
        else { return nil }
        return trimmed
    }

    /// What is wrong with a text that ``clean(_:maxLength:multiline:)`` did not take; nil if it takes it.
    public static func problem(_ text: String?, maxLength: Int, multiline: Bool = false) -> Problem? {
        let trimmed = trimmed(text ?? "")
        if trimmed.isEmpty { return .empty }
        if trimmed.count > maxLength { return .tooLong }
        return clean(trimmed, maxLength: maxLength, multiline: multiline) == nil ? .unshowable : nil
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\r\n", with: "\n")
    }
}

extension Localizer {
    /// The message for a text that was not taken: `fix` alone when it was left empty ("Give a
    /// title."); with the limit when it is too long; with what to take out when
    /// it holds characters that cannot be shown. `otherwise` is for a text taken as text but
    /// refused for a reason of its own (a name already taken).
    public func textError(
        _ fix: MessageKey, typed: String?, maxLength: Int, multiline: Bool = false, otherwise: MessageKey? = nil
    ) -> String {
        switch TypedText.problem(typed, maxLength: maxLength, multiline: multiline) {
        case .empty: self(fix)
        // Not how long it is: what reaches here may have been cut short on the way in.
        case .tooLong: self(.errorShorten, ["fix": self(fix), "most": number(maxLength)])
        case .unshowable: self(.errorUnshowable, ["fix": self(fix)])
        case nil: self(otherwise ?? fix)
        }
    }
}
