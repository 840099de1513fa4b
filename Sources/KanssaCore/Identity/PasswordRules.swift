import Foundation

/// Password rules after NIST SP 800-63B: a length range, no composition rules, and a refusal of
/// the passwords that attackers try first.
public struct PasswordRules: Sendable {
    public static let minimumLength = 8
    public static let maximumLength = 128

    private let common: Set<String>

    public init(commonPasswords: Set<String>) {
        self.common = commonPasswords
    }

    /// Loads the list of common passwords shipped with Kanssa.
    public static func bundled() throws -> PasswordRules {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources")
        else { throw ResourceError.missing("common-passwords.txt") }
        let words = try String(contentsOf: url, encoding: .utf8)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        return PasswordRules(commonPasswords: Set(words))
    }

    public enum Problem: Sendable, Equatable {
        case tooShort, tooLong, tooCommon
    }

    /// The first problem with a password, or nil if it may be used.
    public func problem(with password: String) -> Problem? {
        if password.count < Self.minimumLength { return .tooShort }
        if password.count > Self.maximumLength { return .tooLong }
        if common.contains(password.lowercased()) { return .tooCommon }
        return nil
    }
}

public enum ResourceError: Error, CustomStringConvertible {
    case missing(String)
    case invalid(String, String)

    public var description: String {
        switch self {
        case .missing(let name): "A resource file is missing from the build: \(name)"
        case .invalid(let name, let problem): "A resource file is invalid: \(name): \(problem)"
        }
    }
}

extension Localizer {
    /// What to do about a password the rules refuse, as every form that takes one says it.
    public func passwordError(_ problem: PasswordRules.Problem) -> String {
        switch problem {
        case .tooShort: self(.errorPasswordTooShort)
        case .tooLong: self(.errorPasswordTooLong)
        case .tooCommon: self(.errorPasswordTooCommon)
        }
    }
}
