import Fluent
import Foundation
import SQLKit

extension Account {
    /// The display names of some accounts, in one query: how pages show who did what without a
    /// query per line. Read as two columns, not as whole models: pages call this often, and a
    /// model is decoded field by field through reflection.
    public static func displayNames(of ids: some Sequence<UUID>, on database: any Database) async throws -> [UUID: String] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        guard let sql = database as? any SQLDatabase else {
            return try await Account.query(on: database).filter(\.$id ~~ unique).all()
                .reduce(into: [UUID: String]()) { names, account in
                    if let id = account.id { names[id] = account.displayName }
                }
        }
        return try await sql.select().column("id").column("display_name").from(Account.schema)
            .where("id", .in, unique).all(decoding: NameRow.self)
            .reduce(into: [UUID: String]()) { $0[$1.id] = $1.display_name }
    }

    private struct NameRow: Decodable {
        let id: UUID
        let display_name: String
    }
}
