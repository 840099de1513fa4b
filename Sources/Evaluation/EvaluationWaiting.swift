import Fluent
import Foundation
import KanssaCore

/// What Evaluation asks of a member of staff now: a pulse of their team to answer. Nobody is
/// reminded by name of having not answered — each person sees only their own list.
public enum EvaluationWaiting {
    public enum Item: Sendable, Equatable {
        case pulseToAnswer(pulse: UUID, label: String, closesAt: Date)
    }

    public static func items(for principal: Principal, now: Date, on database: any Database) async throws -> [Item] {
        try await Pulses.open(for: principal, now: now, on: database).map {
            .pulseToAnswer(pulse: $0.scheduleID, label: $0.label, closesAt: $0.closesAt)
        }
    }
}
