import Foundation
import KanssaCore

/// A module's table made fit for a researcher: each person a keyed pseudonym of the project,
/// dates to the month (to the day where approved), and every value fewer than five people
/// share held back — so no one stands out by a rare team, tool or answer.
public struct ResearchRelease: Sendable, Equatable {
    /// What a held-back cell says.
    public static let heldBack = "<5"

    public let columns: [String]
    public let rows: [[String]]
    /// Different people (by the row's first person) the rows are about.
    public let people: Int
    public let heldBackCells: Int

    public var csv: String { CSV.document(header: columns, rows: rows) }

    public static func release(
        _ table: ResearchTable, pseudonyms: Pseudonymiser, exactDates: Bool, timeZone: TimeZone
    ) -> ResearchRelease {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func date(_ day: Date) -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            let month = String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
            return exactDates ? month + String(format: "-%02d", parts.day ?? 0) : month
        }
        // A row without a person (an erased account) is a person of its own, linked to nothing.
        let subjects = table.rows.enumerated().map { index, row in
            row.lazy.compactMap { cell -> String? in if case .person(let id) = cell { id.uuidString } else { nil } }.first ?? "row-\(index)"
        }
        var rows = table.rows.map { row in
            row.map { cell -> String in
                switch cell {
                case .person(let id): pseudonyms.pseudonym(id)
                case .day(let day): date(day)
                case .text(let text): text
                case .none: ""
                }
            }
        }
        let personColumns = Set(table.rows.flatMap { row in
            row.indices.filter { if case .person = row[$0] { true } else { false } }
        })
        var heldBack = 0
        for column in table.columns.indices where !personColumns.contains(column) {
            var sharedBy: [String: Set<String>] = [:]
            for (index, row) in rows.enumerated() where !row[column].isEmpty { sharedBy[row[column], default: []].insert(subjects[index]) }
            for index in rows.indices where !rows[index][column].isEmpty && (sharedBy[rows[index][column]]?.count ?? 0) < GroupFigures.smallestGroup {
                rows[index][column] = Self.heldBack
                heldBack += 1
            }
        }
        let people = Set(subjects).count
        guard people >= GroupFigures.smallestGroup else {
            return ResearchRelease(columns: table.columns, rows: [], people: people, heldBackCells: rows.count * table.columns.count)
        }
        return ResearchRelease(columns: table.columns, rows: rows, people: people, heldBackCells: heldBack)
    }
}
