import Fluent
import Foundation
import KanssaCore

/// An organisation's own list of life areas, written one per line by its administrator; an
/// empty list means Kanssa's default set.
public enum OrganisationLifeAreas {
    public static let most = 12
    public static let longestName = 60

    public enum Problem: Sendable, Equatable {
        case tooMany
        /// A line too long or holding control characters (its text).
        case badName(String)
        case repeated(String)
    }

    /// The names in the typed list, in order, blank lines left out; or every problem with it.
    public static func check(_ text: String) -> Result<[String], ProblemList<Problem>> {
        var names: [String] = []
        var problems: [Problem] = []
        var seen = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            let typed = line.trimmingCharacters(in: .whitespaces)
            guard !typed.isEmpty else { continue }
            guard let name = TypedText.clean(typed, maxLength: longestName) else {
                problems.append(.badName(String(typed.prefix(longestName))))
                continue
            }
            guard seen.insert(name.lowercased()).inserted else {
                problems.append(.repeated(name))
                continue
            }
            names.append(name)
        }
        if names.count > most { problems.insert(.tooMany, at: 0) }
        return problems.isEmpty ? .success(names) : .failure(ProblemList(problems))
    }

    /// The organisation's areas in use, in order.
    public static func current(of organisationID: UUID, on database: any Database) async throws -> [OrganisationLifeArea] {
        try await OrganisationLifeArea.query(on: database)
            .filter(\.$organisation.$id == organisationID).filter(\.$retiredAt == nil).sort(\.$position).all()
    }

    /// Makes `names` the organisation's areas, in that order. An area whose name stays keeps its
    /// key, so its ratings stay in one journey; one left out is retired, never deleted, so its
    /// ratings keep their name; one brought back returns with its old ratings.
    public static func save(_ names: [String], organisationID: UUID, at now: Date, on database: any Database) async throws {
        try await database.transaction { database in
            let all = try await OrganisationLifeArea.query(on: database).filter(\.$organisation.$id == organisationID).all()
            var byName = Dictionary(all.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, second in
                first.retiredAt == nil ? first : second
            })
            for (position, name) in names.enumerated() {
                if let area = byName.removeValue(forKey: name.lowercased()) {
                    guard area.position != position || area.retiredAt != nil || area.name != name else { continue }
                    area.position = position
                    area.retiredAt = nil
                    area.name = name
                    try await area.update(on: database)
                } else {
                    try await OrganisationLifeArea(organisationID: organisationID, name: name, position: position, createdAt: now)
                        .create(on: database)
                }
            }
            for area in all where area.retiredAt == nil && !names.contains(where: { $0.lowercased() == area.name.lowercased() }) {
                area.retiredAt = now
                try await area.update(on: database)
            }
        }
    }
}
