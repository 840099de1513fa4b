import KanssaCore
import Vapor

/// Taking a place at a session or giving it back, and recording who came, as the forms send
/// them — the same for Learning's sessions and Encountering's.
enum PlaceForms {
    enum Outcome: String {
        case registered, cancelled, full
    }

    /// Registers the person, or cancels their place when the form says "cancel". Nil when the
    /// session has begun and registration is closed.
    static func registerOrCancel<R: PlaceRegistration>(
        _ type: R.Type, _ request: Request, sessionID: UUID, capacity: Int?, startsAt: Date
    ) async throws -> Outcome? {
        guard let principal = request.principal else { throw KanssaError.notSignedIn }
        if (try? request.content.get(String.self, at: "action")) == "cancel" {
            try await Places.cancel(R.self, principal.accountID, for: sessionID, startsAt: startsAt, at: request.now, on: request.db)
            return .cancelled
        }
        switch try await Places.register(R.self, principal.accountID, for: sessionID, capacity: capacity, startsAt: startsAt, at: request.now,
                                         on: request.db) {
        case .registered: return .registered
        case .full: return .full
        case .closed: return nil
        }
    }

    /// The people ticked as present (`present[]`).
    static func present(_ request: Request) -> Set<UUID> {
        struct AttendanceForm: Content { var present: [String]? }
        return Set(((try? request.content.decode(AttendanceForm.self))?.present ?? []).prefix(600).compactMap(UUID.init(uuidString:)))
    }
}
