import Foundation

/// Days as people type them in forms ("2027-05-31").
public enum Days {
    /// The end of the given day in the given time zone; nil if it is no date.
    public static func endOfDay(_ text: String, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3,
            let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            // The calendar rolls "2026-02-30" over into March; such a date was not a date.
            calendar.dateComponents([.year, .month, .day], from: start) == DateComponents(year: parts[0], month: parts[1], day: parts[2])
        else { return nil }
        return calendar.date(byAdding: DateComponents(day: 1, second: -1), to: start)
    }
}
