import Foundation
import KanssaCore

/// What a citizen's own plan asks of them now, most pressing first: their things to do that are
/// overdue, days coming on which two services expect something of them at once, suggestions from
/// professionals waiting for their answer, and their things to do due within a week. Read from the
/// plan's whole picture, so it costs no query of its own however long the plan's history.
public enum WaitingForYou {
    public enum Item: Sendable, Equatable {
        case overdue(action: String, dueOn: String)
        case clash(dueOn: String, services: Int)
        case suggestion(goal: String, from: String?)
        case dueSoon(action: String, dueOn: String)
    }

    /// How many days ahead a thing to do counts as due soon.
    public static let daysAhead = 7

    public static func items(in picture: WholePicture.Model, now: Date, timeZone: TimeZone) -> [Item] {
        let today = PlanActions.day(now, in: timeZone)
        let weekAhead = PlanActions.day(now.addingTimeInterval(TimeInterval(daysAhead) * 86_400), in: timeZone)
        let mine = picture.services.flatMap(\.lines)
            .filter { $0.status == .open && $0.ownerKind == .citizen && $0.dueOn != nil }
            .sorted { ($0.dueOn ?? "", $0.text) < ($1.dueOn ?? "", $1.text) }
        let overdue = mine.filter(\.isOverdue).map { Item.overdue(action: $0.text, dueOn: $0.dueOn ?? "") }
        let clashes = picture.clashes.filter { $0.day >= today }.sorted { $0.day < $1.day }
            .map { Item.clash(dueOn: $0.day, services: Set($0.lines.map(\.service)).count) }
        let suggestions = picture.goals.filter { $0.status == .awaitingCitizen }
            .map { Item.suggestion(goal: $0.text, from: $0.suggestedBy) }
        let dueSoon = mine.filter { !$0.isOverdue && ($0.dueOn ?? "") <= weekAhead }
            .map { Item.dueSoon(action: $0.text, dueOn: $0.dueOn ?? "") }
        return overdue + clashes + suggestions + dueSoon
    }
}
