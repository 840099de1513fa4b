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

    public struct ActionRecord: Codable, Sendable, Equatable {
        public let text: String
        public let goal: String?
        public let owner: String
        public let service: String?
        public let dueOn: String?
        public let status: String
        public let createdBy: String
        public let createdAt: Date
        public let updatedAt: Date
    }

    public struct CheckInRecord: Codable, Sendable, Equatable {
        /// The area's key: a word for Kanssa's default areas, an id for an organisation's own.
        public let lifeArea: String
        /// The name an organisation gave its own area; nil for a default area.
        public let lifeAreaName: String?
        public let rating: Int
        public let note: String?
        public let perspective: String
        public let ratedBy: String
        public let ratedAt: Date
    }

    public let strengths: [StrengthRecord]
    public let notes: [NoteRecord]
    public let actions: [ActionRecord]
    public let checkIns: [CheckInRecord]
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
        // Everything, not a page: an export is the whole record, however long.
        let actions = try await PlanAction.query(on: database).filter(\.$plan.$id == planID).sort(\.$createdAt).all()
        let checkIns = try await CheckIn.query(on: database).filter(\.$plan.$id == planID).sort(\.$createdAt).all()
        let people = goals.compactMap(\.suggestedByID) + authorisations.compactMap(\.granteeAccountID) + notes.map(\.authorID)
            + actions.map(\.createdByID) + actions.compactMap(\.ownerAccountID) + checkIns.map(\.ratedByID)
        let names = try await Account.displayNames(of: people, on: database)
        let written = try await LifeArea.named(Set(checkIns.map(\.lifeArea)), besides: LifeArea.defaults, on: database)
            .reduce(into: [String: String]()) { names, area in
                if case .written(let name) = area.name { names[area.key] = name }
            }
        let teamIDs = authorisations.compactMap(\.granteeTeamID) + actions.compactMap(\.teamID)
        let teams = try await Team.granteeNames(of: Set(teamIDs), on: database)
        return AgendaExport(
            whatMatters: plan.whatMatters, appreciated: plan.appreciated, important: plan.important, support: plan.support,
            strengths: try await PlanStore.strengths(of: planID, on: database).map {
                StrengthRecord(kind: $0.kind.rawValue, text: $0.text, createdAt: $0.createdAt)
            },
            notes: notes.map { NoteRecord(author: names[$0.authorID] ?? "–", text: $0.text, writtenAt: $0.createdAt) },
            actions: actions.map { action in
                let owner = switch action.ownerKind {
                case .citizen: "self"
                case .professional: action.ownerAccountID.flatMap { names[$0] } ?? "–"
                case .supporter: action.ownerName ?? "–"
                }
                return ActionRecord(
                    text: action.text, goal: goals.first { $0.id == action.goalID }?.text, owner: owner,
                    service: action.teamID.flatMap { teams[$0] }, dueOn: action.dueOn, status: action.status.rawValue,
                    createdBy: names[action.createdByID] ?? "–", createdAt: action.createdAt, updatedAt: action.updatedAt)
            },
            checkIns: checkIns.map {
                CheckInRecord(lifeArea: $0.lifeArea, lifeAreaName: written[$0.lifeArea], rating: $0.rating, note: $0.note, perspective: $0.perspective.rawValue,
                              ratedBy: names[$0.ratedByID] ?? "–", ratedAt: $0.createdAt)
            },
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
