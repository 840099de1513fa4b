import KanssaCore
import Plot
import Vapor

/// The answer to an attempt made before the throttle allows one: the same for every login,
/// known or not, saying when to try again (in the page, and in `Retry-After` for programs).
enum TooManyTries {
    static func message(until retryAt: Date, now: Date, _ t: Localizer) -> String {
        retryAt.timeIntervalSince(now) <= 60
            ? t(.errorTooManyAttemptsMinute)
            : t(.errorTooManyAttempts, ["time": t.dateTime(retryAt)])
    }

    static func response(_ page: HTML, until retryAt: Date, now: Date) -> Response {
        let response = page.response(status: .tooManyRequests)
        response.headers.replaceOrAdd(name: .retryAfter, value: String(max(1, Int(retryAt.timeIntervalSince(now).rounded(.up)))))
        return response
    }
}
