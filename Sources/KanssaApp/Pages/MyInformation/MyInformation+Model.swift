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
            /// How many like entries this line stands for, and when the first of them was.
            var count = 1
            var firstAt: Date

            /// The same person doing the same to the same part for the same reason, soon after.
            func repeats(_ other: TraceLine) -> Bool {
                actorName == other.actorName && isSelf == other.isSelf && event == other.event && target == other.target
                    && purpose == other.purpose && outcome == other.outcome
                    && firstAt.timeIntervalSince(other.occurredAt) <= TraceLine.sameVisit
            }

            /// Reads closer together than this are one visit.
            static let sameVisit: TimeInterval = 15 * 60
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
        /// The password form's problems and notice, shown in its own section.
        var passwordErrors: [FieldError] = []
        var passwordNotice: Notice?
        /// Whether a daily e-mail of notices goes to the person, and where.
        var digestAddress: String?
    }

    /// Trace entries read per page: like entries are shown as one line, so a page holds more.
    static let traceEntriesPerPage = 40

    /// Loads the page for one account. Two queries for the trace whatever its length: the page of
    /// entries, then the names of the people in it.
    static func load(principal: Principal, page: ListPage, on database: any Database) async throws -> Model {
        guard let account = try await Account.find(principal.accountID, on: database) else {
            throw KanssaError.notSignedIn
        }
        let entries = try await AuditLog.trace(of: principal.accountID, page: page, on: database)
        let names = try await Account.displayNames(of: entries.items.compactMap(\.actorID), on: database)
        // Newest first; a run of like entries within one visit is one line with a count. A run
        // that crosses a page's edge shows on both pages.
        var lines: [Model.TraceLine] = []
        for entry in entries.items {
            let line = Model.TraceLine(
                occurredAt: entry.occurredAt,
                actorName: entry.actorID.flatMap { names[$0] },
                isSelf: entry.actorID == principal.accountID,
                event: entry.event, target: entry.target, purpose: entry.purpose, outcome: entry.outcome,
                firstAt: entry.occurredAt)
            if let last = lines.last, last.repeats(line) {
                lines[lines.count - 1].count += 1
                lines[lines.count - 1].firstAt = line.occurredAt
            } else {
                lines.append(line)
            }
        }
        let trace = Paged(items: lines, page: entries.page, total: entries.total)
        return Model(
            displayName: account.displayName, language: account.preferredLanguage, login: account.login,
            memberships: principal.memberships, trace: trace,
            mayRestrictOrErase: Policy.decide(.restrictOrEraseOwnData, for: principal).isAllowed,
            digestAddress: account.noticesByEmail ? account.email : nil)
    }
}
