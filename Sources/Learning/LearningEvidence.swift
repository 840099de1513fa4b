import Fluent
import Foundation
import KanssaCore
import SQLKit

/// What Learning offers other modules (Evaluation's dashboard): whether mind-sets moved between
/// a group's rounds, and how far practice tools spread in a span of time. Counts and means of
/// five people or more only; never what anyone answered or wrote.
public enum LearningEvidence {
    /// The change between a group's first round and a later one of the same questionnaire.
    public struct MindsetChange: Sendable, Equatable {
        public struct Subscale: Sendable, Equatable {
            public let name: String
            /// Nil under five people who answered both rounds.
            public let change: GroupFigures.PairedChange?
        }

        public let before: String
        public let after: String
        public let subscales: [Subscale]
    }

    /// For each day in `closedBy`, the latest round of the group (a team's rounds, or the
    /// organisation-wide ones when `teamID` is nil) closed by then, compared with the group's
    /// first round of the same questionnaire; nil where there is no such pair. One query, and per
    /// distinct pair two more (one each with the cache, when neither round's answers changed),
    /// and one for an imported questionnaire.
    public static func mindsetChange(
        organisationID: UUID, teamID: UUID?, closedBy days: [Date], bundled: [String: Instrument], language: String,
        cache: RoundFiguresCache? = nil, on database: any Database
    ) async throws -> [MindsetChange?] {
        let rounds = try await AssessmentRound.query(on: database).filter(\.$organisationID == organisationID)
            .sort(\.$openedAt).sort(\.$id).all()
            .filter { $0.teamID == teamID }  // the same group
        var computed: [UUID: MindsetChange?] = [:]
        var result: [MindsetChange?] = []
        for day in days {
            let pair = rounds.filter { $0.closesAt <= day }.reversed().lazy.compactMap { after -> (AssessmentRound, AssessmentRound)? in
                rounds.first { $0.instrumentID == after.instrumentID && $0.instrumentVersion == after.instrumentVersion
                    && $0.openedAt < after.openedAt }.map { ($0, after) }
            }.first
            guard let (before, after) = pair, let afterID = after.id else { result.append(nil); continue }
            if let known = computed[afterID] { result.append(known); continue }
            var change: MindsetChange?
            if let instrument = try await InstrumentLibrary.instrument(of: after, bundled: bundled, on: database) {
                let figures = if let cache {
                    try await cache.figures(after, instrument: instrument, comparedWith: before, on: database)
                } else {
                    try await Rounds.figures(after, instrument: instrument, comparedWith: before, on: database)
                }
                change = MindsetChange(
                    before: before.label, after: after.label,
                    subscales: figures.subscales.map { Self.MindsetChange.Subscale(name: instrument.text($0.subscale.name, in: language), change: $0.change) })
            }
            computed[afterID] = change
            result.append(change)
        }
        return result
    }

    /// Practice tools in a span: how many of the group's professionals logged any, and how many
    /// used each tool. Nil figures for a group of fewer than five.
    public struct Practice: Sendable, Equatable {
        public let professionals: Int
        public let active: Int?
        /// People per tool name, most used first.
        public let tools: [(name: String, people: Int)]?

        /// The people who used a tool; 0 for one nobody used.
        public func people(using name: String) -> Int? {
            tools.map { tools in tools.first { $0.name == name }?.people ?? 0 }
        }

        public static func == (a: Practice, b: Practice) -> Bool {
            a.professionals == b.professionals && a.active == b.active
                && a.tools?.map(\.name) == b.tools?.map(\.name) && a.tools?.map(\.people) == b.tools?.map(\.people)
        }
    }

    /// The organisation's professionals, read as one plain column: there may be thousands.
    static func professionals(of organisationID: UUID, on database: any Database) async throws -> [UUID] {
        guard let sql = database as? any SQLDatabase else {
            return try await Membership.query(on: database).filter(\.$organisation.$id == organisationID).filter(\.$role == .professional)
                .all(\.$account.$id)
        }
        struct Row: Decodable { let account_id: UUID }
        return try await sql.select().column("account_id").from(Membership.schema).where("organisation_id", .equal, organisationID)
            .where("role", .equal, Role.professional.rawValue).all(decoding: Row.self).map(\.account_id)
    }

    /// One `Practice` per span, for the organisation's professionals or those in one team today.
    /// Four queries: professionals, the team's members, the (person, tool, day) of entries in
    /// the spans, and the organisation's own tools' names.
    public static func practice(
        organisationID: UUID, teamID: UUID?, in spans: [Range<Date>], language: String, on database: any Database
    ) async throws -> [Practice] {
        var people = Set(try await professionals(of: organisationID, on: database))
        if let teamID {
            people.formIntersection(try await TeamMember.query(on: database).filter(\.$team.$id == teamID).all(\.$account.$id))
        }
        guard people.count >= GroupFigures.smallestGroup, let first = spans.map(\.lowerBound).min(), let last = spans.map(\.upperBound).max()
        else { return spans.map { _ in Practice(professionals: people.count, active: nil, tools: nil) } }
        let rows = try await PracticeEntry.query(on: database).filter(\.$accountID ~~ people)
            .filter(\.$usedOn >= first).filter(\.$usedOn < last)
            .field(\.$id).field(\.$accountID).field(\.$tool).field(\.$usedOn).all()
        let names = try await PracticeLog.tools(of: [organisationID], language: language, on: database)
            .reduce(into: [String: String]()) { $0[$1.id] = $1.name }
        return spans.map { span in
            let inSpan = rows.filter { span.contains($0.usedOn) }
            let byTool = inSpan.reduce(into: [String: Set<UUID>]()) { $0[$1.tool, default: []].insert($1.accountID) }
            return Practice(
                professionals: people.count, active: Set(inSpan.map(\.accountID)).count,
                tools: byTool.map { (name: names[$0.key] ?? $0.key, people: $0.value.count) }
                    .sorted { ($0.people, $1.name) > ($1.people, $0.name) })
        }
    }
}

extension LearningEvidence {
    /// For a research export: which tool each professional of the organisation logged, and when.
    /// Never what they wrote, nor with whom. Three queries.
    public static func practiceLog(of organisationID: UUID, from: Date, until: Date, language: String, on database: any Database)
        async throws -> ResearchTable
    {
        let people = try await Membership.query(on: database).filter(\.$organisation.$id == organisationID)
            .filter(\.$role == .professional).all(\.$account.$id)
        let rows = people.isEmpty ? [] : try await PracticeEntry.query(on: database).filter(\.$accountID ~~ people)
            .filter(\.$usedOn >= from).filter(\.$usedOn < until)
            .field(\.$id).field(\.$accountID).field(\.$tool).field(\.$usedOn).sort(\.$usedOn).all()
        let names = try await PracticeLog.tools(of: [organisationID], language: language, on: database)
            .reduce(into: [String: String]()) { $0[$1.id] = $1.name }
        return ResearchTable(columns: ["person", "used", "tool"],
                             rows: rows.map { [.person($0.accountID), .day($0.usedOn), .text(names[$0.tool] ?? $0.tool)] })
    }
}
