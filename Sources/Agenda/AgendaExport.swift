import Fluent
import Foundation
import KanssaCore

/// Everything the Agenda module holds about one person, for their own export (the right of
/// access). A DTO of its own: the JSON contract is not the database's shape.
public struct AgendaExport: Codable, Sendable, Equatable {
    public struct GoalRecord: Codable, Sendable, Equatable {
        public let text: String
        public let origin: String
        public let status: String
        public let suggestedBy: String?
        public let createdAt: Date
    }

    public struct AuthorisationRecord: Codable, Sendable, Equatable {
        public let grantee: String
        public let sections: [String]
        public let purpose: String
        public let legalBasis: String
        public let createdAt: Date
        public let expiresAt: Date
        public let revokedAt: Date?
    }

    public let whatMatters: String?
    public let appreciated: String?
    public let important: String?
    public let support: String?
    public struct StrengthRecord: Codable, Sendable, Equatable {
        public let kind: String
        public let text: String
        public let createdAt: Date
    }

    public struct NoteRecord: Codable, Sendable, Equatable {
        public let author: String
        public let text: String
        public let writtenAt: Date
    }

    public let strengths: [StrengthRecord]
    public let notes: [NoteRecord]
    public let goals: [GoalRecord]
    public let authorisations: [AuthorisationRecord]

    /// Nil when the person has no plan.
    public static func load(ownerID: UUID, on database: any Database) async throws -> AgendaExport? {
        guard let plan = try await Plan.query(on: database).filter(\.$ownerID == ownerID).first(), let planID = plan.id else {
            return nil
        }
        let goals = try await PlanStore.goals(of: planID, on: database)
        let authorisations = try await PlanAuthorisation.query(on: database).filter(\.$plan.$id == planID)
            .sort(\.$createdAt).all()
        let notes = try await PlanNote.query(on: database).filter(\.$plan.$id == planID).sort(\.$createdAt).all()
        let names = try await Account.displayNames(
            of: goals.compactMap(\.suggestedByID) + authorisations.compactMap(\.granteeAccountID) + notes.map(\.authorID),
            on: database)
        let teams = try await Team.query(on: database).filter(\.$id ~~ authorisations.compactMap(\.granteeTeamID))
            .with(\.$organisation).all()
            .reduce(into: [UUID: String]()) { result, team in
                if let id = team.id { result[id] = "\(team.name) (\(team.organisation.name))" }
            }
        return AgendaExport(
            whatMatters: plan.whatMatters, appreciated: plan.appreciated, important: plan.important, support: plan.support,
            strengths: try await PlanStore.strengths(of: planID, on: database).map {
                StrengthRecord(kind: $0.kind.rawValue, text: $0.text, createdAt: $0.createdAt)
            },
            notes: notes.map { NoteRecord(author: names[$0.authorID] ?? "–", text: $0.text, writtenAt: $0.createdAt) },
            goals: goals.map {
                GoalRecord(text: $0.text, origin: $0.origin.rawValue, status: $0.status.rawValue,
                           suggestedBy: $0.suggestedByID.flatMap { names[$0] }, createdAt: $0.createdAt)
            },
            authorisations: authorisations.map {
                AuthorisationRecord(
                    grantee: $0.granteeTeamID.flatMap { teams[$0] } ?? $0.granteeAccountID.flatMap { names[$0] } ?? "–",
                    sections: PlanSection.set($0.sections).map(\.rawValue).sorted(), purpose: $0.purpose,
                    legalBasis: $0.legalBasis.rawValue, createdAt: $0.createdAt, expiresAt: $0.expiresAt, revokedAt: $0.revokedAt)
            })
    }
}
