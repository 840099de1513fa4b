import Fluent
import Foundation
import KanssaCore
import SQLKit

/// What Listening offers other modules as evidence (Evaluation's barrier register): an
/// organisation's themes and decisions to choose from, and each as it stands today. Always
/// within one organisation: an id of another's is not found.
public enum ListeningEvidence {
    /// The most one list offers to choose from, newest consultations first.
    public static let longestList = 300

    public struct Choice: Sendable, Equatable {
        public let id: UUID
        public let consultation: String
        public let name: String
    }

    /// The organisation's themes, newest consultation first. Two queries.
    public static func themes(of organisationID: UUID, on database: any Database) async throws -> [Choice] {
        let consultations = try await Consultation.query(on: database).filter(\.$organisationID == organisationID)
            .sort(\.$createdAt, .descending).sort(\.$id).all()
        let titles = consultations.reduce(into: [UUID: String]()) { $0[$1.id!] = $1.title }
        let themes = try await Theme.query(on: database).filter(\.$consultationID ~~ Array(titles.keys)).sort(\.$name).sort(\.$id).all()
        let order = consultations.enumerated().reduce(into: [UUID: Int]()) { $0[$1.element.id!] = $1.offset }
        return themes.sorted { (order[$0.consultationID] ?? 0) < (order[$1.consultationID] ?? 0) }.prefix(longestList)
            .map { Choice(id: $0.id!, consultation: titles[$0.consultationID] ?? "", name: $0.name) }
    }

    /// The organisation's decisions, newest first. Two queries.
    public static func decisions(of organisationID: UUID, on database: any Database) async throws -> [Choice] {
        let consultations = try await Consultation.query(on: database).filter(\.$organisationID == organisationID).all()
        let titles = consultations.reduce(into: [UUID: String]()) { $0[$1.id!] = $1.title }
        return try await Decision.query(on: database).filter(\.$consultationID ~~ Array(titles.keys))
            .sort(\.$createdAt, .descending).sort(\.$id).range(..<longestList).all()
            .map { Choice(id: $0.id!, consultation: titles[$0.consultationID] ?? "", name: $0.subject) }
    }

    /// A theme today: how many answers were coded to it, by anyone.
    public struct ThemeFigure: Sendable, Equatable {
        public let consultation: String
        public let consultationState: ConsultationState
        public let name: String
        public let answers: Int
    }

    /// The organisation's themes among `ids`; others are left out. Three queries.
    public static func themes(_ ids: [UUID], of organisationID: UUID, on database: any Database) async throws -> [UUID: ThemeFigure] {
        guard !ids.isEmpty else { return [:] }
        let themes = try await Theme.query(on: database).filter(\.$id ~~ ids).all()
        let consultations = try await consultations(themes.map(\.consultationID), of: organisationID, on: database)
        let kept = themes.filter { consultations[$0.consultationID] != nil }
        var counts: [UUID: Int] = [:]
        if !kept.isEmpty, let sql = database as? any SQLDatabase {
            struct Row: Decodable { let theme_id: UUID; let answers: Int }
            let rows = try await sql.select().column("theme_id").column(SQLFunction("COUNT", args: SQLDistinct("answer_id")), as: "answers")
                .from(Coding.schema).where("theme_id", .in, kept.compactMap(\.id)).groupBy("theme_id").all(decoding: Row.self)
            for row in rows { counts[row.theme_id] = row.answers }
        }
        return kept.reduce(into: [:]) { figures, theme in
            let consultation = consultations[theme.consultationID]!
            figures[theme.id!] = ThemeFigure(consultation: consultation.title, consultationState: consultation.state, name: theme.name,
                                             answers: counts[theme.id!] ?? 0)
        }
    }

    /// A decision today.
    public struct DecisionFigure: Sendable, Equatable {
        public let consultation: String
        public let kind: DecisionKind
        public let subject: String
        public let status: DecisionStatus
        public let dueOn: String
        public let updatedAt: Date
    }

    /// The organisation's decisions among `ids`; others are left out. Two queries.
    public static func decisions(_ ids: [UUID], of organisationID: UUID, on database: any Database) async throws -> [UUID: DecisionFigure] {
        guard !ids.isEmpty else { return [:] }
        let decisions = try await Decision.query(on: database).filter(\.$id ~~ ids).all()
        let consultations = try await consultations(decisions.map(\.consultationID), of: organisationID, on: database)
        return decisions.reduce(into: [:]) { figures, decision in
            guard let consultation = consultations[decision.consultationID] else { return }
            figures[decision.id!] = DecisionFigure(consultation: consultation.title, kind: decision.kind, subject: decision.subject,
                                                   status: decision.status, dueOn: decision.dueOn, updatedAt: decision.updatedAt)
        }
    }

    /// What listening led to in a span of time: decisions taken, by kind, and beliefs given a
    /// verdict, with how many were overturned.
    public struct Outcomes: Sendable, Equatable {
        public var decisions: [DecisionKind: Int] = [:]
        public var judged = 0
        public var overturned = 0
        public var consultations = 0

        public init() {}
    }

    /// The organisation's outcomes from `start` until `end`. Four queries.
    public static func outcomes(of organisationID: UUID, from start: Date, until end: Date, on database: any Database) async throws -> Outcomes {
        var outcomes = Outcomes()
        let consultations = try await Consultation.query(on: database).filter(\.$organisationID == organisationID).all().compactMap(\.id)
        guard !consultations.isEmpty else { return outcomes }
        outcomes.consultations = consultations.count
        for decision in try await Decision.query(on: database).filter(\.$consultationID ~~ consultations)
            .filter(\.$createdAt >= start).filter(\.$createdAt < end).all() {
            outcomes.decisions[decision.kind, default: 0] += 1
        }
        let assumptions = try await Assumption.query(on: database).filter(\.$consultationID ~~ consultations).all().compactMap(\.id)
        // A belief judged again in the span counts once, by its latest verdict.
        let verdicts = try await Verdict.query(on: database).filter(\.$assumptionID ~~ assumptions)
            .filter(\.$givenAt >= start).filter(\.$givenAt < end).sort(\.$givenAt).all()
        let latest = verdicts.reduce(into: [UUID: VerdictKind]()) { $0[$1.assumptionID] = $1.kind }
        outcomes.judged = latest.count
        outcomes.overturned = latest.values.filter { $0 == .overturned }.count
        return outcomes
    }

    private static func consultations(_ ids: [UUID], of organisationID: UUID, on database: any Database) async throws -> [UUID: Consultation] {
        try await Consultation.query(on: database).filter(\.$id ~~ Set(ids)).filter(\.$organisationID == organisationID).all()
            .reduce(into: [:]) { $0[$1.id!] = $1 }
    }
}
