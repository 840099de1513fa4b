import Foundation

/// Days and times of day as people type them in forms ("2027-05-31", "14:30").
public enum Days {
    /// The start of the given day in the given time zone; nil if it is no date.
    public static func startOfDay(_ text: String, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3,
            let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            // The calendar rolls "2026-02-30" over into March; such a date was not a date.
            calendar.dateComponents([.year, .month, .day], from: start) == DateComponents(year: parts[0], month: parts[1], day: parts[2])
        else { return nil }
        return start
    }

    /// The end of the given day in the given time zone (its last second); nil if it is no date.
    /// Counted by the calendar, so a day when the clocks change has its own length.
    public static func endOfDay(_ text: String, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return startOfDay(text, in: timeZone).flatMap { calendar.date(byAdding: DateComponents(day: 1, second: -1), to: $0) }
    }

    /// A day typed for something to come: today or later, and within a year (366 days); nil if
    /// it is no date or outside that. Returns the start of the day.
    public static func upcomingDay(_ text: String, in timeZone: TimeZone, now: Date) -> Date? {
        guard let start = startOfDay(text, in: timeZone), let end = endOfDay(text, in: timeZone), end >= now,
            start.timeIntervalSince(now) <= 366 * 24 * 3600
        else { return nil }
        return start
    }

    /// A time of day ("14:30", "9:05") as minutes after midnight; nil if it is none.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }

    /// That time of that day, counted by the calendar (on the day the clocks change, 14:00 is
    /// still 14:00).
    public static func at(minutes: Int, on day: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(bySettingHour: minutes / 60, minute: minutes % 60, second: 0, of: day)
    }
}
