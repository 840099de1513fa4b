import Fluent
import Foundation
import KanssaCore
import Listening

/// The barrier register: what stands in the way of the change an organisation is making, where
/// it bites, the evidence for it, who sees to it, what is being done and how it stood at each
/// review. Every function works within one organisation: another's barrier is not found.
public enum Barriers {
    public static let longestTitle = 200
    public static let longestText = 2_000
    public static let longestService = 200

    public struct Person: Sendable, Equatable {
        public let id: UUID
        public let name: String
    }

    public struct Place: Sendable, Equatable {
        public let id: UUID
        public let name: String
    }

    /// Who may own a barrier: the organisation's professionals, coordinators and admins whose
    /// accounts are not disabled. Two queries.
    public static func owners(of organisationID: UUID, on database: any Database) async throws -> [Person] {
        let staff = try await Membership.query(on: database).filter(\.$organisation.$id == organisationID)
            .filter(\.$role ~~ [.professional, .coordinator, .admin]).all().map(\.$account.id)
        let accounts = try await Account.query(on: database).filter(\.$id ~~ Set(staff)).filter(\.$disabledAt == nil).all()
        return accounts.map { Person(id: $0.id!, name: $0.displayName) }.sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
    }

    /// The organisation's teams, by name. One query.
    public static func teams(of organisationID: UUID, on database: any Database) async throws -> [Place] {
        try await Team.query(on: database).filter(\.$organisation.$id == organisationID).sort(\.$name).sort(\.$id).all()
            .map { Place(id: $0.id!, name: $0.name) }
    }

    // MARK: Recording and changing one

    public struct Draft: Sendable, Equatable {
        public var title = ""
        public var description = ""
        public var kind = ""
        public var team = ""
        public var service = ""
        public var owner = ""

        public init(title: String = "", description: String = "", kind: String = "", team: String = "", service: String = "", owner: String = "") {
            self.title = title
            self.description = description
            self.kind = kind
            self.team = team
            self.service = service
            self.owner = owner
        }
    }

    public enum Problem: String, Sendable, Equatable, CaseIterable {
        case title, description, kind, team, service, owner
    }

    public struct Checked: Sendable, Equatable {
        public let title: String
        public let description: String
        public let kind: BarrierKind
        public let teamID: UUID?
        public let service: String
        public let ownerID: UUID
    }

    /// Every problem at once: `owners` and `teams` are the organisation's. A team and a service
    /// may both be left out (the barrier bites the whole organisation).
    public static func check(_ draft: Draft, owners: [Person], teams: [Place]) -> Result<Checked, ProblemList<Problem>> {
        var problems: [Problem] = []
        let title = TypedText.clean(draft.title, maxLength: longestTitle)
        if title == nil { problems.append(.title) }
        let description = TypedText.clean(draft.description, maxLength: longestText, multiline: true)
        if description == nil { problems.append(.description) }
        let kind = BarrierKind(rawValue: draft.kind)
        if kind == nil { problems.append(.kind) }
        var teamID: UUID?
        if !draft.team.isEmpty {
            teamID = UUID(uuidString: draft.team).flatMap { id in teams.contains { $0.id == id } ? id : nil }
            if teamID == nil { problems.append(.team) }
        }
        var service = ""
        if !draft.service.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            if let clean = TypedText.clean(draft.service, maxLength: longestService) { service = clean } else { problems.append(.service) }
        }
        let owner = UUID(uuidString: draft.owner).flatMap { id in owners.contains { $0.id == id } ? id : nil }
        if owner == nil { problems.append(.owner) }
        guard problems.isEmpty, let title, let description, let kind, let owner else { return .failure(ProblemList(problems)) }
        return .success(Checked(title: title, description: description, kind: kind, teamID: teamID, service: service, ownerID: owner))
    }

    /// Records a barrier, open. Its id.
    public static func record(_ checked: Checked, in organisationID: UUID, by accountID: UUID, at now: Date, on database: any Database) async throws -> UUID {
        let barrier = Barrier(organisationID: organisationID, title: checked.title, description: checked.description, kind: checked.kind,
                              teamID: checked.teamID, service: checked.service, ownerID: checked.ownerID, createdByID: accountID, at: now)
        try await barrier.create(on: database)
        return try barrier.requireID()
    }

    /// Changes what a barrier is and who owns it; its evidence, actions and reviews stay.
    public static func change(_ barrier: Barrier, to checked: Checked, at now: Date, on database: any Database) async throws {
        barrier.title = checked.title
        barrier.description = checked.description
        barrier.kind = checked.kind
        barrier.teamID = checked.teamID
        barrier.service = checked.service
        barrier.ownerID = checked.ownerID
        barrier.updatedAt = now
        try await barrier.update(on: database)
    }

    /// The organisation's barrier with this id; nil for another's or none.
    public static func find(_ id: UUID, of organisationID: UUID, on database: any Database) async throws -> Barrier? {
        try await Barrier.query(on: database).filter(\.$id == id).filter(\.$organisationID == organisationID).first()
    }

    // MARK: Actions and reviews

    public enum ActionProblem: String, Sendable, Equatable, CaseIterable {
        case text, dueOn
    }

    /// Adds something to be done by a day. The day may have passed (an action recorded late).
    public static func addAction(
        text: String, dueOn: String, to barrier: Barrier, by accountID: UUID, at now: Date, timeZone: TimeZone, on database: any Database
    ) async throws -> Result<UUID, ProblemList<ActionProblem>> {
        var problems: [ActionProblem] = []
        let clean = TypedText.clean(text, maxLength: longestTitle)
        if clean == nil { problems.append(.text) }
        if Days.startOfDay(dueOn, in: timeZone) == nil { problems.append(.dueOn) }
        guard problems.isEmpty, let clean else { return .failure(ProblemList(problems)) }
        return try await database.transaction { database in
            let action = BarrierAction(barrierID: try barrier.requireID(), text: clean, dueOn: dueOn, addedByID: accountID, at: now)
            try await action.create(on: database)
            try await touch(barrier, at: now, on: database)
            return .success(try action.requireID())
        }
    }

    /// Marks an action of this barrier done; false when it is not the barrier's or was done already.
    public static func markDone(_ actionID: UUID, of barrier: Barrier, by accountID: UUID, at now: Date, on database: any Database) async throws -> Bool {
        try await database.transaction { database in
            guard let action = try await BarrierAction.query(on: database).filter(\.$id == actionID)
                .filter(\.$barrierID == barrier.requireID()).first(), action.doneAt == nil
            else { return false }
            action.doneAt = now
            action.doneByID = accountID
            try await action.update(on: database)
            try await touch(barrier, at: now, on: database)
            return true
        }
    }

    public enum ReviewProblem: String, Sendable, Equatable, CaseIterable {
        case status, note
    }

    /// A dated review: what was seen, and the barrier's status from now on.
    public static func review(
        status: String, note: String, of barrier: Barrier, by accountID: UUID, at now: Date, on database: any Database
    ) async throws -> Result<Void, ProblemList<ReviewProblem>> {
        var problems: [ReviewProblem] = []
        let status = BarrierStatus(rawValue: status)
        if status == nil { problems.append(.status) }
        let note = TypedText.clean(note, maxLength: longestText, multiline: true)
        if note == nil { problems.append(.note) }
        guard problems.isEmpty, let status, let note else { return .failure(ProblemList(problems)) }
        try await database.transaction { database in
            try await BarrierReview(barrierID: try barrier.requireID(), status: status, note: note, byID: accountID, at: now).create(on: database)
            barrier.status = status
            try await touch(barrier, at: now, on: database)
        }
        return .success(())
    }

    private static func touch(_ barrier: Barrier, at now: Date, on database: any Database) async throws {
        barrier.updatedAt = now
        try await barrier.update(on: database)
    }

    // MARK: The register

    public struct Summary: Sendable, Equatable {
        public let id: UUID
        public let title: String
        public let kind: BarrierKind
        public let status: BarrierStatus
        /// The team's name and the service, where given.
        public let team: String?
        public let service: String
        public let owner: String
        /// The earliest day an action not yet done is due.
        public let nextDue: String?
        public let updatedAt: Date
    }

    /// Which barriers a list shows.
    public enum Showing: String, Sendable, CaseIterable {
        /// Open and being addressed.
        case current
        /// Resolved and accepted.
        case settled
        case all

        var statuses: [BarrierStatus] {
            switch self {
            case .current: [.open, .beingAddressed]
            case .settled: [.resolved, .accepted]
            case .all: BarrierStatus.allCases
            }
        }
    }

    /// A page of the organisation's barriers, latest change first. Five queries.
    public static func list(of organisationID: UUID, showing: Showing, page: ListPage, on database: any Database) async throws -> Paged<Summary> {
        let query = Barrier.query(on: database).filter(\.$organisationID == organisationID).filter(\.$status ~~ showing.statuses)
        let total = try await query.count()
        let barriers = try await query.copy().sort(\.$updatedAt, .descending).sort(\.$id).range(page.offset..<(page.offset + page.size)).all()
        let teams = try await Team.query(on: database).filter(\.$id ~~ Set(barriers.compactMap(\.teamID))).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let owners = try await Account.displayNames(of: Array(Set(barriers.map(\.ownerID))), on: database)
        let pending = try await BarrierAction.query(on: database).filter(\.$barrierID ~~ barriers.compactMap(\.id)).filter(\.$doneAt == nil).all()
        let nextDue = Dictionary(grouping: pending, by: \.barrierID).mapValues { $0.map(\.dueOn).min() }
        return Paged(items: barriers.map { barrier in
            Summary(id: barrier.id!, title: barrier.title, kind: barrier.kind, status: barrier.status, team: barrier.teamID.map { teams[$0] ?? "" },
                    service: barrier.service, owner: owners[barrier.ownerID] ?? "", nextDue: nextDue[barrier.id!] ?? nil,
                    updatedAt: barrier.updatedAt)
        }, page: page, total: total)
    }
}
