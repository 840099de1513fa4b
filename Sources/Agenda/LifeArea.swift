import Fluent
import Foundation
import KanssaCore
import SQLKit

/// One area of a whole life that check-ins rate: one of Kanssa's default set, or one an
/// organisation wrote in its own words. `key` is what a rating stores.
public struct LifeArea: Sendable, Hashable {
    public enum Name: Sendable, Hashable {
        case standard(DefaultLifeArea)
        case written(String)
    }

    public let key: String
    public let name: Name

    public init(key: String, name: Name) {
        self.key = key
        self.name = name
    }

    public static func standard(_ area: DefaultLifeArea) -> LifeArea {
        LifeArea(key: area.rawValue, name: .standard(area))
    }

    /// Kanssa's default set, for people none of whose organisations wrote their own.
    public static let defaults = DefaultLifeArea.allCases.map(standard)

    /// The areas a person rates: those their organisations wrote, in the order of the
    /// organisations' names and each one's own order; Kanssa's default set when none wrote any.
    /// One query.
    public static func asked(of personID: UUID, on database: any Database) async throws -> [LifeArea] {
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        struct Row: Decodable { let id: UUID; let name: String }
        let written = try await sql.raw("""
            SELECT DISTINCT la.id, la.name, o.name AS organisation_name, la.position FROM life_areas la
            JOIN organisations o ON o.id = la.organisation_id
            JOIN memberships m ON m.organisation_id = la.organisation_id
            WHERE m.account_id = \(bind: personID) AND la.retired_at IS NULL
            ORDER BY o.name, la.position
            """).all(decoding: Row.self)
        guard !written.isEmpty else { return defaults }
        var seen = Set<String>()
        return written.compactMap { area in
            guard seen.insert(area.name.lowercased()).inserted else { return nil }
            return LifeArea(key: area.id.uuidString, name: .written(area.name))
        }
    }

    /// Areas for keys that ratings hold but `known` does not — areas retired, or a set that
    /// changed — so that no rating loses its name: one query, none when all are known.
    public static func named(_ keys: Set<String>, besides known: [LifeArea], on database: any Database) async throws -> [LifeArea] {
        let missing = keys.subtracting(known.map(\.key))
        guard !missing.isEmpty else { return [] }
        let ids = missing.compactMap(UUID.init(uuidString:))
        let written = ids.isEmpty ? [:] : try await OrganisationLifeArea.query(on: database).filter(\.$id ~~ ids).all()
            .reduce(into: [String: String]()) { $0[$1.id!.uuidString] = $1.name }
        return missing.sorted().compactMap { key in
            if let standard = DefaultLifeArea(rawValue: key) { return .standard(standard) }
            return written[key].map { LifeArea(key: key, name: .written($0)) }
        }
    }
}
