import Foundation

/// Every message catalog Kanssa ships, loaded once at start. A language is a file
/// `Resources/messages/<code>.json`: adding a language is adding a catalog. English is complete
/// by rule (a test checks it) and is the fallback for any key another catalog lacks.
public struct Catalogs: Sendable {
    public static let fallbackLanguage = "en"

    /// Language codes, English first, then alphabetically.
    public let languages: [String]
    private let tables: [String: [String: String]]

    public init(tables: [String: [String: String]]) {
        self.tables = tables
        self.languages = tables.keys.sorted { lhs, rhs in
            lhs == Self.fallbackLanguage || (rhs != Self.fallbackLanguage && lhs < rhs)
        }
    }

    public static func bundled() throws -> Catalogs {
        guard let directory = Bundle.module.url(forResource: "messages", withExtension: nil, subdirectory: "Resources")
        else { throw ResourceError.missing("messages/") }
        var tables: [String: [String: String]] = [:]
        for file in try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        where file.pathExtension == "json" {
            let code = file.deletingPathExtension().lastPathComponent
            do {
                tables[code] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
            } catch {
                throw ResourceError.invalid(file.lastPathComponent, "\(error)")
            }
        }
        guard tables[fallbackLanguage] != nil else { throw ResourceError.missing("messages/en.json") }
        return Catalogs(tables: tables)
    }

    public func supports(_ code: String) -> Bool { tables[code] != nil }

    /// The keys a catalog lacks.
    public func missingKeys(in code: String) -> [MessageKey] {
        let table = tables[code] ?? [:]
        return MessageKey.allCases.filter { table[$0.rawValue] == nil }
    }

    /// The best supported language for a list of preferences (e.g. from `Accept-Language`).
    public func bestLanguage(for preferences: [String]) -> String {
        for preference in preferences {
            let code = preference.lowercased().split(separator: "-").first.map(String.init) ?? ""
            if supports(code) { return code }
        }
        return Self.fallbackLanguage
    }

    public func localizer(for code: String, timeZone: TimeZone) -> Localizer {
        let language = supports(code) ? code : Self.fallbackLanguage
        return Localizer(
            language: language,
            table: tables[language] ?? [:],
            fallback: tables[Self.fallbackLanguage] ?? [:],
            timeZone: timeZone
        )
    }

    /// Each language's name in that language, for the language switch.
    public var languageNames: [(code: String, name: String)] {
        languages.map { ($0, tables[$0]?[MessageKey.languageName.rawValue] ?? $0) }
    }
}
