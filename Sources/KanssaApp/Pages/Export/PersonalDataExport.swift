import Agenda
import Encountering
import Fluent
import Foundation
import KanssaCore

/// Everything Kanssa holds about one person, including who accessed it: the export a person
/// downloads from "My information" (GDPR Art. 15, including the access trace).
struct PersonalDataExport: Codable, Sendable, Equatable {
    struct AccountRecord: Codable, Sendable, Equatable {
        let login: String
        let displayName: String
        let preferredLanguage: String
        let createdAt: Date
        let email: String?
        let dailyEmail: Bool
    }

    /// A notice to the person: what kind, about what, and when it was seen or mailed.
    struct NoticeRecord: Codable, Sendable, Equatable {
        let kind: String
        let link: String
        let createdAt: Date
        let readAt: Date?
        let mailedAt: Date?
    }

    struct MembershipRecord: Codable, Sendable, Equatable {
        let organisation: String
        let role: String
    }

    struct AccessRecord: Codable, Sendable, Equatable {
        let occurredAt: Date
        let who: String?
        let event: String
        let target: String
        let purpose: String
        let outcome: String
    }

    let exportedAt: Date
    let account: AccountRecord
    let memberships: [MembershipRecord]
    let plan: AgendaExport?
    let encountering: EncounteringExport?
    let notices: [NoticeRecord]
    let accessTrace: [AccessRecord]

    static func load(principal: Principal, at now: Date, on database: any Database) async throws -> PersonalDataExport {
        guard let account = try await Account.find(principal.accountID, on: database) else { throw KanssaError.notSignedIn }
        let trace = try await AuditEntry.query(on: database)
            .filter(\.$subjectID == principal.accountID)
            .sort(\.$occurredAt, .descending)
            .all()
        let names = try await Account.displayNames(of: trace.compactMap(\.actorID), on: database)
        return PersonalDataExport(
            exportedAt: now,
            account: AccountRecord(
                login: account.login, displayName: account.displayName, preferredLanguage: account.preferredLanguage,
                createdAt: account.createdAt, email: account.email, dailyEmail: account.noticesByEmail),
            memberships: principal.memberships.map { MembershipRecord(organisation: $0.organisationName, role: $0.role.rawValue) },
            plan: try await AgendaExport.load(ownerID: principal.accountID, on: database),
            encountering: try await EncounteringExport.load(accountID: principal.accountID, on: database),
            notices: try await PersonNotice.query(on: database).filter(\.$accountID == principal.accountID)
                .sort(\.$createdAt, .descending).all()
                .map { NoticeRecord(kind: $0.kind.rawValue, link: $0.link, createdAt: $0.createdAt, readAt: $0.readAt, mailedAt: $0.mailedAt) },
            accessTrace: trace.map {
                AccessRecord(
                    occurredAt: $0.occurredAt, who: $0.actorID.flatMap { names[$0] }, event: $0.event.rawValue,
                    target: $0.target, purpose: $0.purpose, outcome: $0.outcome.rawValue)
            })
    }
}
