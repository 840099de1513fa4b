import Foundation

/// Messages, dates and numbers in one person's language.
public struct Localizer: Sendable {
    public let language: String
    private let table: [String: String]
    private let fallback: [String: String]
    private let timeZone: TimeZone

    init(language: String, table: [String: String], fallback: [String: String], timeZone: TimeZone) {
        self.language = language
        self.table = table
        self.fallback = fallback
        self.timeZone = timeZone
    }

    /// The message for `key`, with `{name}` placeholders filled in.
    public func callAsFunction(_ key: MessageKey, _ arguments: [String: String] = [:]) -> String {
        var text = table[key.rawValue] ?? fallback[key.rawValue] ?? key.rawValue
        for (name, value) in arguments {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    private var locale: Locale { Locale(identifier: language) }

    public func date(_ date: Date) -> String {
        var style = Date.FormatStyle(date: .long, time: .omitted, locale: locale)
        style.timeZone = timeZone
        return date.formatted(style)
    }

    public func dateTime(_ date: Date) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .shortened, locale: locale)
        style.timeZone = timeZone
        return date.formatted(style)
    }

    public func number(_ value: Int) -> String {
        value.formatted(.number.locale(locale))
    }
}
