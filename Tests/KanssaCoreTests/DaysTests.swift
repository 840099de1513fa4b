import Foundation
import KanssaCore
import Testing

/// Days and times as typed, counted by the calendar of the platform's time zone.
@Suite struct DaysTests {
    static let helsinki = TimeZone(identifier: "Europe/Helsinki")!

    @Test func aDayWhenTheClocksChangeHasItsOwnLength() throws {
        let iso = ISO8601DateFormatter()
        // 29 March 2026: Finland moves from UTC+2 to UTC+3 at 03:00; the day has 23 hours.
        let start = try #require(Days.startOfDay("2026-03-29", in: Self.helsinki))
        let end = try #require(Days.endOfDay("2026-03-29", in: Self.helsinki))
        #expect(iso.string(from: start) == "2026-03-28T22:00:00Z")
        #expect(iso.string(from: end) == "2026-03-29T20:59:59Z")
        #expect(iso.string(from: try #require(Days.at(minutes: 14 * 60, on: start, in: Self.helsinki))) == "2026-03-29T11:00:00Z")
    }

    @Test func onlyRealDaysAndTimesAreRead() {
        for text in ["2026-02-30", "2026-13-01", "yesterday", "2026-05", ""] { #expect(Days.startOfDay(text, in: Self.helsinki) == nil, "\(text)") }
        #expect(Days.minutes("9:05") == 545 && Days.minutes("23:59") == 1439)
        for text in ["24:00", "9", "09:5", "ab:cd", "", "12:60"] { #expect(Days.minutes(text) == nil, "\(text)") }
    }

    @Test func anUpcomingDayIsTodayOrLaterWithinAYear() throws {
        let iso = ISO8601DateFormatter()
        let now = try #require(iso.date(from: "2026-11-29T21:30:00Z"))  // 23:30 in Helsinki
        #expect(Days.upcomingDay("2026-11-29", in: Self.helsinki, now: now) != nil)  // late today still counts
        #expect(Days.upcomingDay("2026-11-28", in: Self.helsinki, now: now) == nil)
        #expect(Days.upcomingDay("2027-11-30", in: Self.helsinki, now: now) != nil)
        #expect(Days.upcomingDay("2027-12-31", in: Self.helsinki, now: now) == nil)
        #expect(Days.upcomingDay("2026-02-30", in: Self.helsinki, now: now) == nil)
    }
}
