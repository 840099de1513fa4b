import Fluent
import Foundation

extension Account {
    /// The display names of some accounts, in one query: how pages show who did what without a
    /// query per line.
    public static func displayNames(of ids: some Sequence<UUID>, on database: any Database) async throws -> [UUID: String] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        return try await Account.query(on: database).filter(\.$id ~~ unique).all()
            .reduce(into: [UUID: String]()) { names, account in
                if let id = account.id { names[id] = account.displayName }
            }
    }
}
