import Fluent
import Foundation
import KanssaCore
import SQLKit

extension Team {
    /// A team's name with its organisation's, as a plan shows who works with the person.
    struct Naming: Sendable, Equatable {
        let team: String
        let organisation: String
    }

    /// The names of each of `ids` that exists, with their organisations': one query.
    static func namings(of ids: Set<UUID>, on database: any Database) async throws -> [UUID: Naming] {
        guard !ids.isEmpty else { return [:] }
        guard let sql = database as? any SQLDatabase else { throw PlanStoreError.unsupportedDatabase }
        struct Row: Decodable { let id: UUID; let name: String; let organisation_name: String }
        return try await sql.select()
            .column(SQLColumn("id", table: "t")).column(SQLColumn("name", table: "t"))
            .column(SQLAlias(SQLColumn("name", table: "o"), as: SQLIdentifier("organisation_name")))
            .from(SQLAlias(SQLIdentifier(Team.schema), as: SQLIdentifier("t")))
            .join(SQLAlias(SQLIdentifier(Organisation.schema), as: SQLIdentifier("o")), on: SQLColumn("organisation_id", table: "t"), .equal, SQLColumn("id", table: "o"))
            .where(SQLColumn("id", table: "t"), .in, SQLBind.group(Array(ids)))
            .all(decoding: Row.self)
            .reduce(into: [UUID: Naming]()) { $0[$1.id] = Naming(team: $1.name, organisation: $1.organisation_name) }
    }

    /// How a plan names the service an action comes from: "Team · Organisation".
    static func serviceNames(of ids: Set<UUID>, on database: any Database) async throws -> [UUID: String] {
        try await namings(of: ids, on: database).mapValues { "\($0.team) · \($0.organisation)" }
    }

    /// How a plan names a team it is shared with: "Team (Organisation)".
    static func granteeNames(of ids: Set<UUID>, on database: any Database) async throws -> [UUID: String] {
        try await namings(of: ids, on: database).mapValues { "\($0.team) (\($0.organisation))" }
    }
}
