import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Check-ins: how each area of life is going, rated 1–10 by the citizen, and separately by a
/// professional they authorised. Both views are kept and shown side by side.
public enum CheckIns {
    /// How many of the newest ratings a page reads, whatever the length of the plan's history.
    public static let window = 240
    public static let noteLength = 500

    public struct Rating: Sendable, Equatable {
        /// The life area's key.
        public let area: String
        public let rating: Int
        public let note: String?

        public init(area: String, rating: Int, note: String?) {
            self.area = area
            self.rating = rating
            self.note = note
        }
    }

    /// What was typed into a check-in form, by life area key, kept to show back with the problems.
    public struct Draft: Sendable, Equatable {
        public var ratings: [String: String] = [:]
        public var notes: [String: String] = [:]

        public init(ratings: [String: String] = [:], notes: [String: String] = [:]) {
            self.ratings = ratings
            self.notes = notes
        }

        /// Reads the form's fields `rating-<key>` and `note-<key>` of the areas asked; other
        /// fields are ignored.
        public init(fields: [String: String], areas: [LifeArea]) {
            for area in areas {
                ratings[area.key] = fields["rating-\(area.key)"].map { String($0.prefix(4)) }
                // Kept a little longer than allowed, so that a note too long is told, not cut.
                notes[area.key] = fields["note-\(area.key)"].map { String($0.prefix(CheckIns.noteLength + 100)) }
            }
        }
    }

    public enum Problem: Sendable, Equatable {
        /// No area was rated (the first area's key, where the form starts).
        case nothingRated(String)
        /// A rating that is not a whole number from 1 to 10.
        case rating(String)
        /// A note without a rating, or one that is too long or holds control characters.
        case note(String)

        public var field: String {
            switch self {
            case .nothingRated(let first): "rating-\(first)"
            case .rating(let area): "rating-\(area)"
            case .note(let area): "note-\(area)"
            }
        }
    }

    /// The ratings of a form, in the order of the life areas asked, or every problem with it.
    /// Areas left empty are not rated: a person rates what they want to.
    public static func check(_ draft: Draft, areas: [LifeArea]) -> Result<[Rating], ProblemList<Problem>> {
        var ratings: [Rating] = []
        var problems: [Problem] = []
        for area in areas.map(\.key) {
            let typed = (draft.ratings[area] ?? "").trimmingCharacters(in: .whitespaces)
            let noteTyped = (draft.notes[area] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let note = noteTyped.isEmpty ? nil : TypedText.clean(noteTyped, maxLength: noteLength, multiline: true)
            if typed.isEmpty {
                if !noteTyped.isEmpty { problems.append(.note(area)) }
                continue
            }
            guard let rating = Int(typed), CheckIn.ratings.contains(rating) else {
                problems.append(.rating(area))
                continue
            }
            if !noteTyped.isEmpty && note == nil { problems.append(.note(area)); continue }
            ratings.append(Rating(area: area, rating: rating, note: note))
        }
        if ratings.isEmpty && problems.isEmpty { problems.append(.nothingRated(areas.first?.key ?? "")) }
        return problems.isEmpty ? .success(ratings) : .failure(ProblemList(problems))
    }

    /// Records one check-in: a rating per area, all at the same moment, in one statement (atomic
    /// by itself; written as rows, not through Fluent's models, which reflect on every field).
    public static func record(
        _ ratings: [Rating], perspective: CheckInPerspective, planID: UUID, by raterID: UUID, at now: Date,
        withOwnerPresent: Bool = false, on database: any Database
    ) async throws {
        guard !ratings.isEmpty else { return }
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        var insert = sql.insert(into: CheckIn.schema)
            .columns("id", "plan_id", "life_area", "rating", "note", "perspective", "rated_by_id", "created_at", "with_owner_present")
        for rating in ratings {
            insert = insert.values(
                SQLBind(UUID()), SQLBind(planID), SQLBind(rating.area), SQLBind(rating.rating), SQLBind(rating.note),
                SQLBind(perspective.rawValue), SQLBind(raterID), SQLBind(now), SQLBind(withOwnerPresent))
        }
        try await insert.run()
    }

    /// The plan's journeys from its newest ratings (at most ``window``), with the raters' names:
    /// one per area asked, then one per other area rated before (retired, or from a set that
    /// changed). Two queries, three when an area rated before has left the set.
    public static func journeys(
        planID: UUID, areas: [LifeArea], viewerID: UUID, on database: any Database
    ) async throws -> [Journey] {
        // Plain rows, not Fluent models: up to ``window`` of them on every journey page.
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        let rows = try await sql.select().column("*").from(CheckIn.schema)
            .where("plan_id", .equal, planID)
            .orderBy("created_at", .descending).orderBy("id")
            .limit(window)
            .all(decoding: CheckIn.Row.self)
            .map(CheckIn.init(row:))
        let names = try await Account.displayNames(of: Array(Set(rows.map(\.ratedByID))), on: database)
        let earlier = try await LifeArea.named(Set(rows.map(\.lifeArea)), besides: areas, on: database)
        return Journey.all(rows.reversed(), areas: areas + earlier, names: names, viewerID: viewerID)
    }
}

/// How one life area went over time, in the citizen's ratings and in professionals'.
public struct Journey: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public let date: Date
        public let rating: Int
        public let perspective: CheckInPerspective
        public let note: String?
        public let ratedBy: String
        public let isViewer: Bool
        /// A professional's rating given with the owner present.
        public var withOwnerPresent = false

        public init(date: Date, rating: Int, perspective: CheckInPerspective, note: String?, ratedBy: String, isViewer: Bool,
                    withOwnerPresent: Bool = false) {
            self.withOwnerPresent = withOwnerPresent
            self.date = date
            self.rating = rating
            self.perspective = perspective
            self.note = note
            self.ratedBy = ratedBy
            self.isViewer = isViewer
        }
    }

    public let area: LifeArea
    /// Oldest first.
    public let points: [Point]

    public init(area: LifeArea, points: [Point]) {
        self.area = area
        self.points = points
    }

    public func latest(_ perspective: CheckInPerspective) -> Point? {
        points.last { $0.perspective == perspective }
    }

    /// The professional's latest rating minus the citizen's: shown, never averaged away.
    public var difference: Int? {
        guard let citizen = latest(.citizen), let professional = latest(.professional) else { return nil }
        return professional.rating - citizen.rating
    }

    /// One journey per life area, in the areas' order, from check-ins oldest first.
    static func all(_ rows: [CheckIn], areas: [LifeArea], names: [UUID: String], viewerID: UUID) -> [Journey] {
        let byArea = Dictionary(grouping: rows, by: \.lifeArea)
        return areas.map { area in
            Journey(area: area, points: (byArea[area.key] ?? []).map {
                Point(date: $0.createdAt, rating: $0.rating, perspective: $0.perspective, note: $0.note,
                      ratedBy: names[$0.ratedByID] ?? "–", isViewer: $0.ratedByID == viewerID, withOwnerPresent: $0.withOwnerPresent)
            })
        }
    }
}
