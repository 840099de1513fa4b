import Fluent
import Foundation
import KanssaCore

/// The practice log: which co-creation tools a professional really uses, privately for them,
/// and — for groups of five or more — how far each tool has spread in each team.
public enum PracticeLog {
    public static let textLength = 2000
    public static let withWhomLength = 200

    /// Kanssa's own tools and those the given organisations added, in a language.
    public static func tools(of organisationIDs: [UUID], language: String, on database: any Database) async throws -> [PracticeTool] {
        let added = try await OrganisationTool.query(on: database).filter(\.$organisationID ~~ organisationIDs).sort(\.$name).all()
        return StandardTools.all(in: language) + added.compactMap { tool in
            tool.id.map { PracticeTool(id: $0.uuidString, name: tool.name, description: tool.description, organisationID: tool.organisationID) }
        }
    }

    // MARK: Logging

    public struct Draft: Sendable, Equatable {
        public let tool: String
        public let usedOn: Date
        public let withWhom: String
        public let whatHappened: String
        public let whatLearned: String
    }

    public enum EntryProblem: String, Sendable, Equatable, CaseIterable {
        case tool, usedOn = "used-on", withWhom = "with-whom", whatHappened = "what-happened", whatLearned = "what-learned"
    }

    /// A log entry as typed, checked: a tool of the catalogue; a day that has come, within two
    /// years; who it was with and what happened; what was learned, if anything (optional).
    public static func check(
        _ fields: [String: String], tools: [PracticeTool], timeZone: TimeZone, now: Date
    ) -> Result<Draft, ProblemList<EntryProblem>> {
        var problems: [EntryProblem] = []
        let tool = fields["tool"].flatMap { key in tools.first { $0.id == key } }
        if tool == nil { problems.append(.tool) }
        let day = Days.startOfDay(fields["used-on"] ?? "", in: timeZone)
        if day.map({ $0 > now || now.timeIntervalSince($0) > 2 * 366 * 24 * 3600 }) ?? true { problems.append(.usedOn) }
        let withWhom = TypedText.clean(fields["with-whom"], maxLength: withWhomLength)
        if withWhom == nil { problems.append(.withWhom) }
        let happened = TypedText.clean(fields["what-happened"], maxLength: textLength, multiline: true)
        if happened == nil { problems.append(.whatHappened) }
        let typedLearned = fields["what-learned"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let learned = typedLearned.isEmpty ? "" : TypedText.clean(typedLearned, maxLength: textLength, multiline: true)
        if learned == nil { problems.append(.whatLearned) }
        guard let tool, let day, let withWhom, let happened, let learned, problems.isEmpty else { return .failure(ProblemList(problems)) }
        return .success(Draft(tool: tool.id, usedOn: day, withWhom: withWhom, whatHappened: happened, whatLearned: learned))
    }

    public static func log(_ draft: Draft, by accountID: UUID, at now: Date, on database: any Database) async throws {
        try await PracticeEntry(accountID: accountID, tool: draft.tool, usedOn: draft.usedOn, withWhom: draft.withWhom,
                                whatHappened: draft.whatHappened, whatLearned: draft.whatLearned, at: now).create(on: database)
    }

    // MARK: The person's own

    /// One page of the person's entries, newest first.
    public static func entries(of accountID: UUID, page: ListPage, on database: any Database) async throws -> Paged<PracticeEntry> {
        let query = PracticeEntry.query(on: database).filter(\.$accountID == accountID)
        let total = try await query.copy().count()
        let items = try await query.sort(\.$usedOn, .descending).sort(\.$createdAt, .descending)
            .range(page.offset..<(page.offset + page.size)).all()
        return Paged(items: items, page: page, total: total)
    }

    public struct ToolUse: Sendable, Equatable {
        public let tool: String
        public let times: Int
        public let first: Date
        public let last: Date
    }

    public struct Month: Sendable, Equatable {
        /// "2026-11"
        public let month: String
        public let entries: Int
        /// Different tools used up to the end of this month.
        public let toolsSoFar: Int
    }

    /// Which tools the person has used, and how that grew month by month (the last twelve months
    /// with entries, and everything before them counted in). Reads days and tools only.
    public static func growth(of accountID: UUID, timeZone: TimeZone, on database: any Database) async throws -> (uses: [ToolUse], months: [Month]) {
        let rows = try await PracticeEntry.query(on: database).filter(\.$accountID == accountID)
            .field(\.$id).field(\.$tool).field(\.$usedOn).sort(\.$usedOn).all()
        var uses: [String: ToolUse] = [:]
        var seen = Set<String>()
        var months: [Month] = []
        for row in rows {
            let use = uses[row.tool]
            uses[row.tool] = ToolUse(tool: row.tool, times: (use?.times ?? 0) + 1, first: use?.first ?? row.usedOn, last: row.usedOn)
            seen.insert(row.tool)
            let month = monthKey(row.usedOn, timeZone)
            if let last = months.last, last.month == month {
                months[months.count - 1] = Month(month: month, entries: last.entries + 1, toolsSoFar: seen.count)
            } else {
                months.append(Month(month: month, entries: 1, toolsSoFar: seen.count))
            }
        }
        return (uses.values.sorted { ($0.times, $1.tool) > ($1.times, $0.tool) }, Array(months.suffix(12)))
    }

    static func monthKey(_ date: Date, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
    }
}
