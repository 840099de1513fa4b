import Fluent
import Foundation
import KanssaCore

/// Decisions taken on what was heard: keep, change, stop or start something, resting on
/// verdicts, owned by someone, due by a day, and followed by dated updates until done or
/// dropped. Stopping something once thought essential is an outcome of its own: the
/// organisation lists what it stopped and why.
public enum Decisions {
    public static let longestSubject = 200
    public static let longestText = 2_000

    public struct Person: Sendable, Equatable {
        public let id: UUID
        public let name: String
    }

    /// A verdict that can be a decision's ground: the standing verdict of one of the ledger's assumptions.
    public struct Ground: Sendable, Equatable {
        public let verdictID: UUID
        public let assumptionID: UUID
        public let statement: String
        public let kind: VerdictKind
        public let reasoning: String
    }

    /// Who may own a decision of a consultation: the members of the team that runs it and the
    /// organisation's coordinators, whose accounts are not disabled. Three queries.
    public static func owners(of consultation: Consultation, on database: any Database) async throws -> [Person] {
        let members = try await TeamMember.query(on: database).filter(\.$team.$id == consultation.teamID).all().map(\.$account.id)
        let coordinators = try await Membership.query(on: database).filter(\.$organisation.$id == consultation.organisationID)
            .filter(\.$role == .coordinator).all().map(\.$account.id)
        let accounts = try await Account.query(on: database).filter(\.$id ~~ Set(members + coordinators)).filter(\.$disabledAt == nil).all()
        return accounts.map { Person(id: $0.id!, name: $0.displayName) }.sorted { $0.name < $1.name }
    }

    /// The standing verdicts of the consultation's assumptions, in the ledger's order. Two queries.
    public static func grounds(of consultationID: UUID, on database: any Database) async throws -> [Ground] {
        let assumptions = try await Assumption.query(on: database).filter(\.$consultationID == consultationID)
            .sort(\.$createdAt).sort(\.$id).all()
        let standing = try await Verdicts.standing(on: assumptions.compactMap(\.id), on: database)
        return assumptions.compactMap { assumption in
            standing[assumption.id!].map {
                Ground(verdictID: $0.id!, assumptionID: assumption.id!, statement: assumption.statement, kind: $0.kind, reasoning: $0.reasoning)
            }
        }
    }

    // MARK: Taking one

    public struct Draft: Sendable, Equatable {
        public var kind = ""
        public var subject = ""
        public var reason = ""
        public var owner = ""
        public var dueOn = ""
        public var grounds: [String] = []

        public init(kind: String = "", subject: String = "", reason: String = "", owner: String = "", dueOn: String = "", grounds: [String] = []) {
            self.kind = kind
            self.subject = subject
            self.reason = reason
            self.owner = owner
            self.dueOn = dueOn
            self.grounds = grounds
        }
    }

    public enum Problem: String, Sendable, Equatable {
        case kind, subject, reason, owner, dueOn, grounds
    }

    public struct Checked: Sendable, Equatable {
        public let kind: DecisionKind
        public let subject: String
        public let reason: String
        public let ownerID: UUID
        public let dueOn: String
        public let grounds: Set<UUID>
    }

    /// Every problem at once: `owners` and `grounds` are those the consultation offers.
    public static func check(_ draft: Draft, owners: [Person], grounds: [Ground], timeZone: TimeZone) -> Result<Checked, ProblemList<Problem>> {
        var problems: [Problem] = []
        let kind = DecisionKind(rawValue: draft.kind)
        if kind == nil { problems.append(.kind) }
        let subject = TypedText.clean(draft.subject, maxLength: longestSubject)
        if subject == nil { problems.append(.subject) }
        let reason = TypedText.clean(draft.reason, maxLength: longestText, multiline: true)
        if reason == nil { problems.append(.reason) }
        let owner = UUID(uuidString: draft.owner).flatMap { id in owners.contains { $0.id == id } ? id : nil }
        if owner == nil { problems.append(.owner) }
        if Days.startOfDay(draft.dueOn, in: timeZone) == nil { problems.append(.dueOn) }
        let picked = draft.grounds.compactMap(UUID.init(uuidString:))
        if picked.isEmpty || picked.count != draft.grounds.count || !picked.allSatisfy({ id in grounds.contains { $0.verdictID == id } }) {
            problems.append(.grounds)
        }
        guard problems.isEmpty, let kind, let subject, let reason, let owner else { return .failure(ProblemList(problems)) }
        return .success(Checked(kind: kind, subject: subject, reason: reason, ownerID: owner, dueOn: draft.dueOn, grounds: Set(picked)))
    }

    /// Records a decision with its grounds, planned. Its id.
    public static func take(_ checked: Checked, in consultationID: UUID, by accountID: UUID, at now: Date, on database: any Database) async throws -> UUID {
        try await database.transaction { database in
            let decision = Decision(consultationID: consultationID, kind: checked.kind, subject: checked.subject, reason: checked.reason,
                                    ownerID: checked.ownerID, dueOn: checked.dueOn, createdByID: accountID, at: now)
            try await decision.create(on: database)
            let id = try decision.requireID()
            for verdictID in checked.grounds {
                try await DecisionGround(decisionID: id, verdictID: verdictID).create(on: database)
            }
            return id
        }
    }

    // MARK: Following one

    public struct UpdateDraft: Sendable, Equatable {
        public var status = ""
        public var note = ""

        public init(status: String = "", note: String = "") {
            self.status = status
            self.note = note
        }
    }

    public enum UpdateProblem: String, Sendable, Equatable {
        case status
        /// A note is needed to drop a decision, and to say anything without changing its status.
        case note
    }

    public struct CheckedUpdate: Sendable, Equatable {
        public let status: DecisionStatus
        public let note: String
    }

    public static func check(_ draft: UpdateDraft, current: DecisionStatus) -> Result<CheckedUpdate, ProblemList<UpdateProblem>> {
        var problems: [UpdateProblem] = []
        let status = DecisionStatus(rawValue: draft.status)
        if status == nil { problems.append(.status) }
        let typed = draft.note.trimmingCharacters(in: .whitespacesAndNewlines)
        let note = typed.isEmpty ? "" : TypedText.clean(draft.note, maxLength: longestText, multiline: true)
        if note == nil || (note == "" && (status == .dropped || status == current)) { problems.append(.note) }
        guard problems.isEmpty, let status, let note else { return .failure(ProblemList(problems)) }
        return .success(CheckedUpdate(status: status, note: note))
    }

    /// Adds a dated update and moves the decision to its status.
    public static func update(
        _ decisionID: UUID, in consultationID: UUID, with checked: CheckedUpdate, by accountID: UUID, at now: Date, on database: any Database
    ) async throws {
        try await database.transaction { database in
            // The write first: on SQLite a transaction that reads first may find the file locked.
            try await DecisionUpdate(decisionID: decisionID, status: checked.status, note: checked.note, byID: accountID, at: now).create(on: database)
            guard let decision = try await Decision.query(on: database).filter(\.$id == decisionID)
                .filter(\.$consultationID == consultationID).first()
            else { throw ListeningError.notFound }
            decision.status = checked.status
            decision.updatedAt = now
            try await decision.update(on: database)
        }
    }

    // MARK: Reading them

    public struct Line: Sendable, Equatable {
        public let id: UUID
        public let consultationID: UUID
        public let kind: DecisionKind
        public let subject: String
        public let reason: String
        public let owner: String
        public let dueOn: String
        public let status: DecisionStatus
        public let updatedAt: Date
    }

    /// A consultation's decisions, in the order they were taken. Two queries.
    public static func list(of consultationID: UUID, on database: any Database) async throws -> [Line] {
        let decisions = try await Decision.query(on: database).filter(\.$consultationID == consultationID).sort(\.$createdAt).sort(\.$id).all()
        return try await lines(decisions, on: database)
    }

    static func lines(_ decisions: [Decision], on database: any Database) async throws -> [Line] {
        let names = try await Account.displayNames(of: decisions.map(\.ownerID), on: database)
        return decisions.map {
            Line(id: $0.id!, consultationID: $0.consultationID, kind: $0.kind, subject: $0.subject, reason: $0.reason,
                 owner: names[$0.ownerID] ?? "–", dueOn: $0.dueOn, status: $0.status, updatedAt: $0.updatedAt)
        }
    }

    public struct UpdateLine: Sendable, Equatable {
        public let status: DecisionStatus
        public let note: String
        public let by: String
        public let at: Date
    }

    public struct Model: Sendable, Equatable {
        public let consultationID: UUID
        public let consultationTitle: String
        public let decision: Line
        public let takenBy: String
        public let takenAt: Date
        public let grounds: [Ground]
        /// Oldest first.
        public let updates: [UpdateLine]
        public var draft = UpdateDraft()
        public var errors: [FieldError] = []
    }

    /// One decision with its grounds and updates. Seven queries.
    public static func load(_ decisionID: UUID, in consultationID: UUID, on database: any Database) async throws -> Model {
        guard let consultation = try await Consultation.find(consultationID, on: database),
              let decision = try await Decision.query(on: database).filter(\.$id == decisionID).filter(\.$consultationID == consultationID).first()
        else { throw ListeningError.notFound }
        let verdictIDs = try await DecisionGround.query(on: database).filter(\.$decisionID == decisionID).all().map(\.verdictID)
        let verdicts = try await Verdict.query(on: database).filter(\.$id ~~ verdictIDs).all()
        let assumptions = Dictionary(try await Assumption.query(on: database).filter(\.$id ~~ Set(verdicts.map(\.assumptionID))).all()
            .map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let updates = try await DecisionUpdate.query(on: database).filter(\.$decisionID == decisionID).sort(\.$at).sort(\.$id).all()
        let names = try await Account.displayNames(of: updates.map(\.byID) + [decision.ownerID, decision.createdByID], on: database)
        return Model(
            consultationID: consultationID, consultationTitle: consultation.title,
            decision: Line(id: decisionID, consultationID: consultationID, kind: decision.kind, subject: decision.subject, reason: decision.reason,
                           owner: names[decision.ownerID] ?? "–", dueOn: decision.dueOn, status: decision.status, updatedAt: decision.updatedAt),
            takenBy: names[decision.createdByID] ?? "–", takenAt: decision.createdAt,
            grounds: verdicts.compactMap { verdict in
                assumptions[verdict.assumptionID].map {
                    Ground(verdictID: verdict.id!, assumptionID: $0.id!, statement: $0.statement, kind: verdict.kind, reasoning: verdict.reasoning)
                }
            }.sorted { $0.statement < $1.statement },
            updates: updates.map { UpdateLine(status: $0.status, note: $0.note, by: names[$0.byID] ?? "–", at: $0.at) })
    }

    public struct Stopped: Sendable, Equatable {
        public let decision: Line
        public let consultationTitle: String
    }

    /// What the organisation decided to stop, newest first, a page at a time. Three queries.
    public static func stopped(by organisationID: UUID, page: ListPage, on database: any Database) async throws -> Paged<Stopped> {
        let query = Decision.query(on: database).join(Consultation.self, on: \Decision.$consultationID == \Consultation.$id)
            .filter(Consultation.self, \.$organisationID == organisationID).filter(\.$kind == .stop)
        let total = try await query.copy().count()
        let decisions = try await query.sort(\.$createdAt, .descending).sort(\.$id).range(page.offset..<(page.offset + page.size)).all()
        let titles = try decisions.map { ($0.id!, try $0.joined(Consultation.self).title) }
        let lines = try await lines(decisions, on: database)
        return Paged(items: zip(lines, titles).map { Stopped(decision: $0, consultationTitle: $1.1) }, page: page, total: total)
    }
}
