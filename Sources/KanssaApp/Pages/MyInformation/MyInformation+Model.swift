import Fluent
import Foundation
import KanssaCore

enum MyInformation {
    /// The person's own information: profile, memberships, and who has looked at their data.
    struct Model: Equatable {
        struct TraceLine: Equatable {
            let occurredAt: Date
            /// nil when nobody was signed in (a failed sign-in with this login, say).
            let actorName: String?
            let isSelf: Bool
            let event: AuditEvent
            let target: String
            let purpose: String
            let outcome: AuditOutcome
        }

        var displayName: String
        var language: String
        let login: String
        let memberships: [MembershipGrant]
        let trace: Paged<TraceLine>
        /// Whether the person may restrict or erase their data here (staff accounts may not).
        var mayRestrictOrErase = false
        var errors: [FieldError] = []
        var notice: Notice?
    }

    /// Loads the page for one account. Two queries for the trace whatever its length: the page of
    /// entries, then the names of the people in it.
    static func load(principal: Principal, page: ListPage, on database: any Database) async throws -> Model {
        guard let account = try await Account.find(principal.accountID, on: database) else {
            throw KanssaError.notSignedIn
        }
        let entries = try await AuditLog.trace(of: principal.accountID, page: page, on: database)
        let names = try await Account.displayNames(of: entries.items.compactMap(\.actorID), on: database)
        let trace = entries.map { entry in
            Model.TraceLine(
                occurredAt: entry.occurredAt,
                actorName: entry.actorID.flatMap { names[$0] },
                isSelf: entry.actorID == principal.accountID,
                event: entry.event, target: entry.target, purpose: entry.purpose, outcome: entry.outcome)
        }
        return Model(
            displayName: account.displayName, language: account.preferredLanguage, login: account.login,
            memberships: principal.memberships, trace: trace,
            mayRestrictOrErase: Policy.decide(.restrictOrEraseOwnData, for: principal).isAllowed)
    }
}
