import Fluent
import Foundation
import SQLKit

/// A person's restriction and erasure requests: making, ending, and asking whether one is in force.
public enum DataRequests {
    /// The person's requests in force (at most one of each kind).
    public static func active(of accountID: UUID, on database: any Database) async throws -> [DataRequest] {
        try await DataRequest.query(on: database).filter(\.$accountID == accountID).filter(\.$state == .active)
            .sort(\.$requestedAt).all()
    }

    /// Records a request unless one of that kind is already in force; returns the one in force.
    @discardableResult
    public static func make(_ kind: DataRequest.Kind, for accountID: UUID, at now: Date, on database: any Database) async throws -> DataRequest {
        if let existing = try await active(of: accountID, on: database).first(where: { $0.kind == kind }) { return existing }
        let request = DataRequest(accountID: accountID, kind: kind, requestedAt: now)
        try await request.create(on: database)
        return request
    }

    /// Lifts a restriction, or withdraws an erasure the retention job has not started on. False
    /// when there is no such request of this person's that can still be ended.
    public static func end(_ kind: DataRequest.Kind, for accountID: UUID, at now: Date, on database: any Database) async throws -> Bool {
        guard let request = try await active(of: accountID, on: database).first(where: { $0.kind == kind }),
            request.accountClosedAt == nil
        else { return false }
        request.state = .ended
        request.endedAt = now
        try await request.update(on: database)
        return true
    }

    /// SQL: the person whose id is in `column` (a column name, never a value) has no restriction
    /// or erasure in force — nobody but they may work with their data. Plain text, with the state
    /// as a literal (a constant of ours), so that a prepared statement can hold it too.
    public static func unrestricted(_ column: String) -> String {
        "NOT EXISTS (SELECT 1 FROM data_requests dr WHERE dr.account_id = \(column) AND dr.state = '\(DataRequest.State.active.rawValue)')"
    }
}
