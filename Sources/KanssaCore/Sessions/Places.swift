import Fluent
import Foundation
import SQLKit

/// A registration for a session with places — a learning session, a session of an encounter
/// training: who, since when, cancelled or not, and whether they came.
public protocol PlaceRegistration: Model, Sendable where IDValue == UUID {
    static var sessionKey: KeyPath<Self, FieldProperty<Self, UUID>> { get }
    static var accountKey: KeyPath<Self, FieldProperty<Self, UUID>> { get }
    static var cancelledKey: KeyPath<Self, OptionalFieldProperty<Self, Date>> { get }
    /// The table of the sessions registered for, whose row is locked while places are counted.
    static var sessionsSchema: String { get }
    var accountID: UUID { get }
    var registeredAt: Date { get set }
    var cancelledAt: Date? { get set }
    /// Nil until whoever runs the session records who came.
    var attended: Bool? { get set }
    init(sessionID: UUID, accountID: UUID, at now: Date)
}

/// Taking a place, giving it back, and recording who came — the same for every kind of session.
public enum Places {
    public enum Outcome: Sendable, Equatable {
        case registered, full, closed
    }

    /// Registers someone (again, if they had cancelled), while the session has not started and
    /// has a place. The count and the insert run in one transaction, with the session's row locked
    /// on PostgreSQL (SQLite lets one writer in at a time anyway), so two people cannot take the
    /// last place together.
    public static func register<R: PlaceRegistration>(
        _ type: R.Type, _ accountID: UUID, for sessionID: UUID, capacity: Int?, startsAt: Date, at now: Date, on database: any Database
    ) async throws -> Outcome {
        guard startsAt > now else { return .closed }
        return try await database.transaction { database in
            if let sql = database as? any SQLDatabase {
                _ = try await sql.select().column("id").from(R.sessionsSchema).where("id", .equal, sessionID).for(.update).all()
            }
            let existing = try await R.query(on: database).filter(R.sessionKey == sessionID).filter(R.accountKey == accountID).first()
            if let existing, existing.cancelledAt == nil { return .registered }
            if let capacity {
                let taken = try await R.query(on: database).filter(R.sessionKey == sessionID).filter(R.cancelledKey == nil).count()
                guard taken < capacity else { return .full }
            }
            let registration = existing ?? R(sessionID: sessionID, accountID: accountID, at: now)
            registration.cancelledAt = nil
            registration.registeredAt = now
            try await registration.save(on: database)
            return .registered
        }
    }

    /// Gives the place back, while the session has not started.
    public static func cancel<R: PlaceRegistration>(
        _ type: R.Type, _ accountID: UUID, for sessionID: UUID, startsAt: Date, at now: Date, on database: any Database
    ) async throws {
        guard startsAt > now else { return }
        try await R.query(on: database).filter(R.sessionKey == sessionID).filter(R.accountKey == accountID).filter(R.cancelledKey == nil)
            .set(R.cancelledKey, to: now).update()
    }

    /// Records who of those registered came.
    public static func recordAttendance<R: PlaceRegistration>(
        _ type: R.Type, present: Set<UUID>, for sessionID: UUID, on database: any Database
    ) async throws {
        try await database.transaction { database in
            let registrations = try await R.query(on: database).filter(R.sessionKey == sessionID).filter(R.cancelledKey == nil).all()
            for registration in registrations {
                registration.attended = present.contains(registration.accountID)
                try await registration.save(on: database)
            }
        }
    }

    /// Registrations not cancelled, oldest first.
    public static func registered<R: PlaceRegistration>(_ type: R.Type, for sessionID: UUID, on database: any Database) async throws -> [R] {
        try await R.query(on: database).filter(R.sessionKey == sessionID).filter(R.cancelledKey == nil).all()
            .sorted { $0.registeredAt < $1.registeredAt }
    }
}
