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
    }

    /// Three queries, and two more when the person owns barriers.
    public static func items(for principal: Principal, now: Date, on database: any Database) async throws -> [Item] {
        let pulses: [Item] = try await Pulses.open(for: principal, now: now, on: database).map {
            .pulseToAnswer(pulse: $0.scheduleID, label: $0.label, closesAt: $0.closesAt)
        }
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
}
