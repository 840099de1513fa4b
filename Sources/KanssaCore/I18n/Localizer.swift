import Foundation

/// Messages, dates and numbers in one person's language.
///
/// Two localizers are equal when they speak the same language in the same time zone: the
/// catalogs they are made from are read once, when the server starts.
public struct Localizer: Sendable, Equatable {
    public let language: String
    private let timeZone: String
    private let table: [String: String]
    private let fallback: [String: String]
    // Built once: making a locale and a format style for every date costs more than the
    // formatting itself on Linux, and a page shows dozens of dates.
    private let dateStyle: Date.FormatStyle
    private let dateTimeStyle: Date.FormatStyle
    private let monthStyle: Date.FormatStyle
    private let numberStyle: IntegerFormatStyle<Int>
    private let decimalStyle: FloatingPointFormatStyle<Double>

    init(language: String, table: [String: String], fallback: [String: String], timeZone: TimeZone) {
        self.language = language
        self.timeZone = timeZone.identifier
        self.table = table
        self.fallback = fallback
        let locale = Locale(identifier: language)
        var date = Date.FormatStyle(date: .long, time: .omitted, locale: locale)
        date.timeZone = timeZone
        // The same long date with or without a time, so that one page never shows a day two ways.
        var dateTime = Date.FormatStyle(date: .long, time: .shortened, locale: locale)
        dateTime.timeZone = timeZone
        self.dateStyle = date
        self.dateTimeStyle = dateTime
        self.monthStyle = Date.FormatStyle(locale: locale, timeZone: .gmt).month(.wide).year()
        self.numberStyle = IntegerFormatStyle<Int>.number.locale(locale)
        self.decimalStyle = FloatingPointFormatStyle<Double>.number.precision(.fractionLength(1)).locale(locale)
    }

    public static func == (lhs: Localizer, rhs: Localizer) -> Bool {
        lhs.language == rhs.language && lhs.timeZone == rhs.timeZone
    }

    /// The message for `key`, with `{name}` placeholders filled in. Each of `counts` is written as
    /// a number and chooses the form of a `{name, plural, one {…} other {…}}` choice in the
    /// message by the language's plural rules ("#" in a form is the number).
    public func callAsFunction(_ key: MessageKey, _ arguments: [String: String] = [:], counts: [String: Int] = [:]) -> String {
        let text = table[key.rawValue] ?? fallback[key.rawValue] ?? key.rawValue
        guard !arguments.isEmpty || !counts.isEmpty else { return text }
        var all = arguments
        for (name, count) in counts { all[name] = number(count) }
        return Self.fill(text, with: all, counts: counts, language: language)
    }

    /// Fills in `{name}` placeholders in one pass over the message: a value is never read again,
    /// so a name someone typed that looks like a placeholder ("{count}") stays as they typed it.
    /// A placeholder without a value is left as it is. `{name, plural, …}` takes the form that
    /// `counts[name]` calls for, or `other`.
    static func fill(
        _ message: String, with arguments: [String: String], counts: [String: Int] = [:], language: String = "en"
    ) -> String {
        var out = ""
        out.reserveCapacity(message.utf8.count + 32)
        var rest = message[...]
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            // Only messages given counts hold choices worth parsing: pages render many messages.
            if !counts.isEmpty, let choice = PluralChoice(parsing: rest[afterOpen...]), let count = counts[choice.name] {
                out += rest[..<open]
                let form = choice.forms[PluralCategory.of(count, in: language).rawValue] ?? choice.forms["other"] ?? ""
                let number = arguments[choice.name] ?? String(count)
                out += fill(form.replacingOccurrences(of: "#", with: number), with: arguments, counts: counts, language: language)
                rest = rest[choice.end...]
                continue
            }
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            out += rest[..<open]
            let name = String(rest[afterOpen..<close])
            if let value = arguments[name] {
                out += value
                rest = rest[rest.index(after: close)...]
            } else {
                out += "{"
                rest = rest[afterOpen...]
            }
        }
        out += rest
        return out
    }

    public func date(_ date: Date) -> String {
        date.formatted(dateStyle)
    }

    /// A day as typed in a form or kept in the database ("2026-12-03"), in the person's language;
    /// the text as it is if it is no day.
    public func day(_ text: String) -> String {
        guard let end = Days.endOfDay(text, in: .gmt) else { return text }
        // Noon of the day in UTC is the same day in every time zone a municipality is in.
        return date(end.addingTimeInterval(-12 * 3600))
    }

    /// A month kept as "2026-11", in the person's language ("November 2026", "marraskuu 2026").
    public func month(_ text: String) -> String {
        guard let first = Days.startOfDay(text + "-15", in: .gmt) else { return text }
        return first.formatted(monthStyle)
    }

    public func dateTime(_ date: Date) -> String {
        date.formatted(dateTimeStyle)
    }

    /// Names in a list the language's way: "Ana, Ben and Cem", "Ana, Ben ja Cem".
    public func list(_ items: [String]) -> String {
        items.formatted(.list(type: .and).locale(Locale(identifier: language)))
    }

    public func number(_ value: Int) -> String {
        value.formatted(numberStyle)
    }

    /// A score or a figure with one decimal: "3.5" (or "3,5").
    public func decimal(_ value: Double) -> String {
        value.formatted(decimalStyle)
    }

    /// A coefficient with two decimals: "0.40" (or "0,40"), "−0.12".
    public func coefficient(_ value: Double) -> String {
        value.formatted(FloatingPointFormatStyle<Double>.number.precision(.fractionLength(2)).locale(Locale(identifier: language)))
    }

    /// An amount of money from its smallest unit, with two decimals: "40.50" (or "40,50").
    public func amount(cents: Int) -> String {
        (Double(cents) / 100).formatted(FloatingPointFormatStyle<Double>.number.precision(.fractionLength(2)).locale(Locale(identifier: language)))
    }

    /// Hours from minutes, with as many decimals as needed up to two: "2.5", "2.25", "3".
    public func hours(minutes: Int) -> String {
        (Double(minutes) / 60).formatted(FloatingPointFormatStyle<Double>.number.precision(.fractionLength(0...2)).locale(Locale(identifier: language)))
    }

    /// A change with its sign: "+0.5", "−0.3", "0.0".
    public func signedDecimal(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded > 0 { return "+" + decimal(rounded) }
        if rounded < 0 { return "−" + decimal(-rounded) }
        return decimal(0)
    }
}
