import Fluent
import SQLKit

extension Database {
    /// Creates (or, on revert, drops) a plain index. Fluent's schema builder has no index
    /// support, and every foreign key and filtered column needs one (DESIGN.md §5).
    public func createIndex(_ name: String, on table: String, columns: [String]) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        var builder = sql.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }

    public func dropIndex(_ name: String) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        try await sql.drop(index: name).run()
    }

    /// The SQL dialect's name: "sqlite" or "postgresql".
    public var dialectName: String {
        (self as? any SQLDatabase)?.dialect.name ?? "unknown"
    }
}
