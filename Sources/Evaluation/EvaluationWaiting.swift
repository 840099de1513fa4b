import Fluent
import Foundation
import KanssaCore

/// What Evaluation asks of a member of staff now: a pulse of their team to answer, and the
/// barriers they own that are not yet settled. Nobody is reminded by name of having not
/// answered — each person sees only their own list.
public enum EvaluationWaiting {
    public enum Item: Sendable, Equatable {
        case pulseToAnswer(pulse: UUID, label: String, closesAt: Date)
        /// `nextDue`: the earliest day an action not yet done is due.
        case barrierToFollow(organisation: UUID, barrier: UUID, title: String, nextDue: String?)
        /// A research export someone else asked for, waiting for a second person.
        case exportToDecide(organisation: UUID, export: UUID, project: String)
    }

    /// Three queries, two more when the person owns barriers, and one or two for coordinators and admins.
    public static func items(for principal: Principal, now: Date, on database: any Database) async throws -> [Item] {
        let pulses: [Item] = try await Pulses.open(for: principal, now: now, on: database).map {
            .pulseToAnswer(pulse: $0.scheduleID, label: $0.label, closesAt: $0.closesAt)
        } + exportsToDecide(for: principal, on: database)
        let owned = try await Barrier.query(on: database).filter(\.$ownerID == principal.accountID)
            .filter(\.$status ~~ [.open, .beingAddressed]).filter(\.$organisationID ~~ principal.organisationIDs)
            .sort(\.$updatedAt, .descending).sort(\.$id).range(..<20).all()
        guard !owned.isEmpty else { return pulses }
        let pending = try await BarrierAction.query(on: database).filter(\.$barrierID ~~ owned.compactMap(\.id)).filter(\.$doneAt == nil).all()
        let nextDue = Dictionary(grouping: pending, by: \.barrierID).mapValues { $0.map(\.dueOn).min() }
        return pulses + owned.map {
            .barrierToFollow(organisation: $0.organisationID, barrier: $0.id!, title: $0.title, nextDue: nextDue[$0.id!] ?? nil)
        }
    }

    /// Exports of the organisations where the person is a coordinator or admin that someone else
    /// asked for and nobody has decided.
    static func exportsToDecide(for principal: Principal, on database: any Database) async throws -> [Item] {
        let deciding = principal.organisationIDs.filter { !principal.roles(in: $0).isDisjoint(with: [.coordinator, .admin]) }
        guard !deciding.isEmpty else { return [] }
        let exports = try await ResearchExport.query(on: database).filter(\.$organisationID ~~ deciding).filter(\.$status == .requested)
            .filter(\.$requestedByID != principal.accountID).sort(\.$requestedAt).sort(\.$id).range(..<20).all()
        guard !exports.isEmpty else { return [] }
        let names = try await ResearchProject.query(on: database).filter(\.$id ~~ Set(exports.map(\.projectID))).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        return exports.map { .exportToDecide(organisation: $0.organisationID, export: $0.id!, project: names[$0.projectID] ?? "") }
    }
}
