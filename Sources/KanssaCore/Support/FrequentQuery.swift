import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit

/// A read asked on (nearly) every request, or every time a plan's picture is built, written once as
/// SQL with numbered parameters (`$1`, `$2`, …; one may appear more than once).
///
/// PostgreSQL parses and plans every statement sent to it unnamed, which is how SQLKit sends
/// queries; for the short reads of a kept page that costs more than running them (profiled: half
/// of what the `postgres` processes spent). So on PostgreSQL a frequent query is prepared once per
/// connection, under ``name`` (PostgresNIO keeps it with the connection), and afterwards only
/// executed. On SQLite, where there is nothing to save, it is an ordinary query.
///
/// Keep the statement's columns named (no `*`): a prepared statement's result cannot change shape
/// while a connection lives, so a column added by a later migration must not reach it unasked.
/// Write `$` followed by a digit nowhere but in parameters (not in a string literal): on SQLite
/// every such place is read as one.
public protocol FrequentQuery: Sendable {
    associatedtype Row: Decodable & Sendable
    /// The statement, the same text on every database Kanssa runs on.
    static var sql: String { get }
    /// Names the prepared statement on each PostgreSQL connection: one name, one text. Two
    /// queries with one name would run one's text for the other, so the default is the type's
    /// full name (module and enclosing types).
    static var name: String { get }
    /// The values of `$1`, `$2`, … in that order.
    var parameters: [QueryParameter] { get }
}

extension FrequentQuery {
    public static var name: String { String(reflecting: Self.self) }
}

/// A value for a frequent query's parameter. Only the kinds the frequent queries use: each must
/// bind the same way on both databases.
public enum QueryParameter: Sendable, Equatable {
    case uuid(UUID)
    case text(String)
    /// A moment, bound as Fluent binds a model's dates (a timestamp with time zone on PostgreSQL).
    case date(Date)
}

public enum FrequentQueryError: Error, CustomStringConvertible {
    case unsupportedDatabase
    case parameterMissing(query: String, number: Int)

    public var description: String {
        switch self {
        case .unsupportedDatabase: "A frequent query needs an SQL database."
        case .parameterMissing(let query, let number): "\(query) refers to $\(number), which it was not given."
        }
    }
}

extension Database {
    /// The rows of a frequent query: prepared once per connection on PostgreSQL, an ordinary query elsewhere.
    /// On PostgreSQL the exchange runs on the connection's event loop (``EventLoopTaskExecutor``),
    /// so decoding a row must never block.
    public func rows<Query: FrequentQuery>(of query: Query) async throws -> [Query.Row] {
        if let postgres = self as? any PostgresDatabase {
            let logger = logger
            // Logged as the drivers log every other query, at the level configured for them.
            if let level = (self as? any SQLDatabase)?.queryLogLevel {
                logger.log(level: level, "Executing prepared query", metadata: [
                    "sql": .string(Query.sql), "binds": .array(query.parameters.map { .string("\($0)") }),
                ])
            }
            return try await postgres.withConnection { connection in
                connection.eventLoop.makeFutureOnLoop {
                    var rows: [Query.Row] = []
                    for try await row in try await connection.execute(PreparedOnPostgres(query: query), logger: logger) {
                        rows.append(row)
                    }
                    return rows
                }
            }.get()
        }
        guard let sql = self as? any SQLDatabase else { throw FrequentQueryError.unsupportedDatabase }
        return try await sql.raw(query.withBinds()).all(decoding: Query.Row.self)
    }

    /// The first row of a frequent query, if any.
    public func firstRow<Query: FrequentQuery>(of query: Query) async throws -> Query.Row? {
        try await rows(of: query).first
    }
}

extension FrequentQuery {
    /// The statement with each `$n` replaced by a bind of the n-th parameter, for SQLKit to place
    /// as its dialect wants (SQLite numbers them in order of appearance, so a parameter used twice
    /// is bound twice).
    func withBinds() throws -> SQLQueryString {
        var query = SQLQueryString("")
        let text = Array(Self.sql.utf8)
        var literalStart = 0
        var index = 0
        while index < text.count {
            guard text[index] == UInt8(ascii: "$"), index + 1 < text.count, Self.isDigit(text[index + 1]) else {
                index += 1
                continue
            }
            var end = index + 1
            var number = 0
            while end < text.count, Self.isDigit(text[end]) {
                number = number * 10 + Int(text[end] - UInt8(ascii: "0"))
                end += 1
            }
            guard number >= 1, number <= parameters.count else {
                throw FrequentQueryError.parameterMissing(query: Self.name, number: number)
            }
            query.appendLiteral(String(decoding: text[literalStart..<index], as: UTF8.self))
            switch parameters[number - 1] {
            case .uuid(let value): query.appendInterpolation(bind: value)
            case .text(let value): query.appendInterpolation(bind: value)
            case .date(let value): query.appendInterpolation(bind: value)
            }
            literalStart = end
            index = end
        }
        query.appendLiteral(String(decoding: text[literalStart...], as: UTF8.self))
        return query
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

/// A frequent query as PostgresNIO's prepared statement: named by the query, decoded as SQLKit
/// decodes rows, so that both databases give the same values.
private struct PreparedOnPostgres<Query: FrequentQuery>: PostgresPreparedStatement {
    typealias Row = Query.Row
    static var name: String { Query.name }
    static var sql: String { Query.sql }
    let query: Query

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: query.parameters.count)
        for parameter in query.parameters {
            switch parameter {
            case .uuid(let value): bindings.append(value)
            case .text(let value): bindings.append(value)
            case .date(let value): bindings.append(value)
            }
        }
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Query.Row {
        try row.sql().decode(model: Query.Row.self)
    }
}
