import Fluent
import Foundation
import KanssaCore
import SQLKit

extension Team {
    /// How a plan names the service an action comes from: "Team · Organisation", for each of
    /// `ids` that exists. One query.
    static func serviceNames(of ids: Set<UUID>, on database: any Database) async throws -> [UUID: String] {
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
            .reduce(into: [UUID: String]()) { $0[$1.id] = "\($1.name) · \($1.organisation_name)" }
    }
}
