import Fluent
import Foundation
import KanssaCore

/// "Restrict or erase my data": the person's requests in force, and what their organisations
/// would keep after an erasure, for how long and why.
enum MyData {
    struct Kept: Equatable {
        let organisationName: String
        let kind: RecordKind
        let months: Int
        let reason: String
    }

    struct Model: Equatable {
        let restrictedSince: Date?
        let erasureRequestedAt: Date?
        /// What the person's organisations keep after an erasure request.
        let kept: [Kept]
        /// After how many months without use the account is erased, and the organisations' reasons;
        /// nil when no rule applies to it (see ``UnusedAccounts/months(memberships:rules:)``).
        let unusedMonths: Int?
        let unusedReasons: [Kept]
        var errors: [FieldError] = []
        var notice: Notice?
    }

    /// Three queries: the requests, the person's organisations, their rules.
    static func load(accountID: UUID, on database: any Database) async throws -> Model {
        let requests = try await DataRequests.active(of: accountID, on: database)
        let memberships = try await Membership.query(on: database).filter(\.$account.$id == accountID).all()
        let organisationIDs = memberships.map(\.$organisation.id)
        let rules = try await RetentionRule.query(on: database).filter(\.$organisation.$id ~~ Array(Set(organisationIDs)))
            .filter(\.$keepMonths > 0).with(\.$organisation).all()
        let all = rules.map { Kept(organisationName: $0.organisation.name, kind: $0.recordKind, months: $0.keepMonths, reason: $0.reason) }
            .sorted { ($0.organisationName, $0.kind.rawValue) < ($1.organisationName, $1.kind.rawValue) }
        let unusedMonths = UnusedAccounts.months(
            memberships: memberships.map { ($0.$organisation.id, $0.role) },
            rules: rules.filter { $0.recordKind == .unusedAccounts }.reduce(into: [:]) { $0[$1.$organisation.id] = $1.keepMonths })
        return Model(
            restrictedSince: requests.first { $0.kind == .restriction }?.requestedAt,
            erasureRequestedAt: requests.first { $0.kind == .erasure }?.requestedAt,
            kept: all.filter { $0.kind != .unusedAccounts }, unusedMonths: unusedMonths,
            unusedReasons: unusedMonths == nil ? [] : all.filter { $0.kind == .unusedAccounts })
    }
}
