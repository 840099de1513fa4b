import Encountering
import Fluent
import Foundation
import KanssaCore
import Learning
import Listening

/// What an admin may approve for a research project: one table each, offered by the module
/// that holds it. Citizens' plans are not among them — a citizen shares their plan for their
/// care, not for research, and a purpose of its own would need its own legal basis. Staff
/// pulse answers are not either: they are never linked to anyone. Raw values are stored: never
/// rename one.
public enum ResearchField: String, CaseIterable, Sendable, Equatable {
    case staffChanges = "staff-changes"
    case meetingFeedback = "meeting-feedback"
    case practiceLog = "practice-log"
    case trainingAttendance = "training-attendance"
    case consultationAnswers = "consultation-answers"

    static func list(_ stored: String) -> [ResearchField] {
        let chosen = Set(stored.split(separator: ",").compactMap { ResearchField(rawValue: String($0)) })
        return allCases.filter(chosen.contains)
    }

    static func stored(_ fields: [ResearchField]) -> String {
        allCases.filter(fields.contains).map(\.rawValue).joined(separator: ",")
    }

    /// The table as the module holds it, for the span; ids and exact times still in it.
    func table(of organisationID: UUID, from: Date, until: Date, language: String, on database: any Database) async throws -> ResearchTable {
        switch self {
        case .staffChanges: try await Self.staffChanges(of: organisationID, from: from, until: until, on: database)
        case .meetingFeedback: try await Self.meetingFeedback(of: organisationID, from: from, until: until, on: database)
        case .practiceLog: try await LearningEvidence.practiceLog(of: organisationID, from: from, until: until, language: language, on: database)
        case .trainingAttendance: try await EncounteringEvidence.attendance(of: organisationID, from: from, until: until, on: database)
        case .consultationAnswers: try await ListeningResearch.answers(of: organisationID, from: from, until: until, on: database)
        }
    }

    /// Each time someone joined or left one of the organisation's teams in the span. Two queries.
    static func staffChanges(of organisationID: UUID, from: Date, until: Date, on database: any Database) async throws -> ResearchTable {
        let teams = try await Team.query(on: database).filter(\.$organisation.$id == organisationID).all()
        let names = teams.reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let stints = names.isEmpty ? [] : try await TeamStint.query(on: database).filter(\.$teamID ~~ Array(names.keys))
            .filter(\.$joinedAt < until).group(.or) { $0.filter(\.$leftAt == nil).filter(\.$leftAt >= from) }.sort(\.$joinedAt).all()
        return ResearchTable(columns: ["person", "team", "joined", "left", "reason"], rows: stints.map { stint in
            [stint.accountID.map(ResearchTable.Cell.person) ?? .none, .text(names[stint.teamID] ?? ""), .day(stint.joinedAt),
             stint.leftAt.map(ResearchTable.Cell.day) ?? .none, stint.leaveReason.map { .text($0.rawValue) } ?? .none]
        })
    }

    /// What citizens answered after meetings in the span, by the professional met: no citizen in it.
    static func meetingFeedback(of organisationID: UUID, from: Date, until: Date, on database: any Database) async throws -> ResearchTable {
        let teams = try await Team.query(on: database).filter(\.$organisation.$id == organisationID).all()
        let names = teams.reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let answered = try await MeetingFeedback.query(on: database).filter(\.$organisationID == organisationID)
            .filter(\.$outcome == .answered).filter(\.$updatedAt >= from).filter(\.$updatedAt < until).sort(\.$updatedAt).all()
        let answer: (Int?) -> ResearchTable.Cell = { value in
            value.flatMap(FeedbackAnswer.init(rawValue:)).map { .text(String(describing: $0)) } ?? .none
        }
        return ResearchTable(columns: ["professional", "answered", "team", "mattered", "decided", "listened"], rows: answered.map { row in
            [row.professionalID.map(ResearchTable.Cell.person) ?? .none, .day(row.updatedAt), row.teamID.flatMap { names[$0] }.map(ResearchTable.Cell.text) ?? .none,
             answer(row.mattered), answer(row.decided), answer(row.listened)]
        })
    }
}
