import Fluent
import Foundation
import KanssaCore

/// Consultations and their assumptions ledger: written while a draft, frozen when it opens,
/// closed when the team has heard enough, opened again once at most.
public enum Consultations {
    public static let longestTitle = 200
    public static let longestText = 2_000
    public static let perPage = 25

    /// One query; nil for a consultation that does not exist.
    /// Prepared: every page of a consultation's team asks it, some twice.
    public static func access(_ consultationID: UUID, on database: any Database) async throws -> ConsultationAccess? {
        try await database.firstRow(of: AccessRead(consultationID: consultationID)).map {
            ConsultationAccess(consultationID: $0.id, organisationID: $0.organisationID, teamID: $0.teamID)
        }
    }

    struct AccessRead: FrequentQuery {
        struct Row: Decodable, Sendable {
            let id: UUID
            let organisationID: UUID
            let teamID: UUID

            enum CodingKeys: String, CodingKey {
                case id, organisationID = "organisation_id", teamID = "team_id"
            }
        }

        static let sql = "SELECT id, organisation_id, team_id FROM consultations WHERE id = $1"
        let consultationID: UUID
        var parameters: [QueryParameter] { [.uuid(consultationID)] }
    }

    // MARK: Starting one

    /// What was typed for a new consultation.
    public struct Draft: Sendable, Equatable {
        public var teamID: UUID?
        public var title = ""
        public var purpose = ""
        public var audience = ""
        public var opensOn = ""
        public var closesOn = ""
        /// The respondent groups to compare, one per line; none is fine.
        public var groups = ""
        /// The language it is written in.
        public var language = ""

        public init(teamID: UUID? = nil, title: String = "", purpose: String = "", audience: String = "", opensOn: String = "",
                    closesOn: String = "", groups: String = "", language: String = "") {
            self.teamID = teamID
            self.title = title
            self.purpose = purpose
            self.audience = audience
            self.opensOn = opensOn
            self.closesOn = closesOn
            self.groups = groups
            self.language = language
        }
    }

    public static let mostGroups = 10
    public static let longestGroup = 100

    public enum DraftProblem: String, Sendable, Equatable {
        case team, title, purpose, audience, opensOn, closesOn, groups, language
        /// The closing day comes before the opening day.
        case order
    }

    public struct Checked: Sendable, Equatable {
        public let teamID: UUID
        public let title: String
        public let purpose: String
        public let audience: String
        public let opensOn: String
        public let closesOn: String
        public let groups: [String]
        public let language: String
    }

    /// Every problem at once. `teams` are the ones the person may start a consultation for.
    public static func check(_ draft: Draft, teams: Set<UUID>, timeZone: TimeZone, now: Date) -> Result<Checked, ProblemList<DraftProblem>> {
        var problems: [DraftProblem] = []
        let team = draft.teamID.flatMap { teams.contains($0) ? $0 : nil }
        if team == nil { problems.append(.team) }
        let title = TypedText.clean(draft.title, maxLength: longestTitle)
        if title == nil { problems.append(.title) }
        let purpose = TypedText.clean(draft.purpose, maxLength: longestText, multiline: true)
        if purpose == nil { problems.append(.purpose) }
        let audience = TypedText.clean(draft.audience, maxLength: longestTitle)
        if audience == nil { problems.append(.audience) }
        let opens = Days.upcomingDay(draft.opensOn, in: timeZone, now: now)
        if opens == nil { problems.append(.opensOn) }
        let closes = Days.upcomingDay(draft.closesOn, in: timeZone, now: now)
        if closes == nil { problems.append(.closesOn) }
        if let opens, let closes, closes < opens { problems.append(.order) }
        let typedGroups = draft.groups.components(separatedBy: .newlines).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let groups = typedGroups.compactMap { TypedText.clean($0, maxLength: longestGroup) }
        if groups.count != typedGroups.count || groups.count > mostGroups || Set(groups.map { $0.lowercased() }).count != groups.count {
            problems.append(.groups)
        }
        let language = ContentLanguages.all.contains { $0.code == draft.language } ? draft.language : nil
        if language == nil { problems.append(.language) }
        guard problems.isEmpty, let team, let title, let purpose, let audience, let language else { return .failure(ProblemList(problems)) }
        return .success(Checked(teamID: team, title: title, purpose: purpose, audience: audience, opensOn: draft.opensOn, closesOn: draft.closesOn,
                                groups: groups, language: language))
    }

    /// Starts a draft with a public code of its own (drawn again in the rare case it is taken).
    public static func start(
        _ checked: Checked, organisationID: UUID, by accountID: UUID, at now: Date, randomBytes: (Int) -> [UInt8], on database: any Database
    ) async throws -> UUID {
        var attempt = 0
        while true {
            let consultation = Consultation(
                organisationID: organisationID, teamID: checked.teamID, title: checked.title, purpose: checked.purpose,
                audience: checked.audience, opensOn: checked.opensOn, closesOn: checked.closesOn, groups: checked.groups,
                language: checked.language, publicCode: .random(using: randomBytes), createdByID: accountID, at: now)
            do {
                try await consultation.create(on: database)
                return try consultation.requireID()
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 5 {
                attempt += 1
            }
        }
    }

    // MARK: The ledger

    public struct AssumptionDraft: Sendable, Equatable {
        public var statement = ""
        public var heldBy = ""
        public var confidence = ""
        public var ifWrong = ""

        public init(statement: String = "", heldBy: String = "", confidence: String = "", ifWrong: String = "") {
            self.statement = statement
            self.heldBy = heldBy
            self.confidence = confidence
            self.ifWrong = ifWrong
        }
    }

    public enum AssumptionProblem: String, Sendable, Equatable {
        case statement, heldBy, confidence, ifWrong
    }

    public struct CheckedAssumption: Sendable, Equatable {
        public let statement: String
        public let heldBy: String
        public let confidence: Int
        public let ifWrong: String
    }

    public static func check(_ draft: AssumptionDraft) -> Result<CheckedAssumption, ProblemList<AssumptionProblem>> {
        var problems: [AssumptionProblem] = []
        let statement = TypedText.clean(draft.statement, maxLength: longestText, multiline: true)
        if statement == nil { problems.append(.statement) }
        let heldBy = TypedText.clean(draft.heldBy, maxLength: longestTitle)
        if heldBy == nil { problems.append(.heldBy) }
        let typed = draft.confidence.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
            .trimmingCharacters(in: .whitespaces)
        let confidence = Int(typed).flatMap { (0...100).contains($0) ? $0 : nil }
        if confidence == nil { problems.append(.confidence) }
        let ifWrong = TypedText.clean(draft.ifWrong, maxLength: longestText, multiline: true)
        if ifWrong == nil { problems.append(.ifWrong) }
        guard let statement, let heldBy, let confidence, let ifWrong else { return .failure(ProblemList(problems)) }
        return .success(CheckedAssumption(statement: statement, heldBy: heldBy, confidence: confidence, ifWrong: ifWrong))
    }

    /// Adds to the ledger: freely while a draft, marked as added after opening once it is not.
    public static func addAssumption(
        _ checked: CheckedAssumption, to consultationID: UUID, by accountID: UUID, at now: Date, on database: any Database
    ) async throws {
        guard let consultation = try await Consultation.find(consultationID, on: database) else { throw ListeningError.notFound }
        try await Assumption(
            consultationID: consultationID, statement: checked.statement, heldBy: checked.heldBy, confidence: checked.confidence,
            ifWrong: checked.ifWrong, addedAfterOpening: consultation.state != .draft, createdByID: accountID, at: now
        ).create(on: database)
    }

    /// Changes one of a draft's assumptions; refused once the consultation opened (by the
    /// database too).
    public static func changeAssumption(
        _ assumptionID: UUID, in consultationID: UUID, to checked: CheckedAssumption, on database: any Database
    ) async throws {
        let assumption = try await draftAssumption(assumptionID, in: consultationID, on: database)
        assumption.statement = checked.statement
        assumption.heldBy = checked.heldBy
        assumption.confidence = checked.confidence
        assumption.ifWrong = checked.ifWrong
        try await assumption.update(on: database)
    }

    public static func removeAssumption(_ assumptionID: UUID, in consultationID: UUID, on database: any Database) async throws {
        try await draftAssumption(assumptionID, in: consultationID, on: database).delete(on: database)
    }

    private static func draftAssumption(_ assumptionID: UUID, in consultationID: UUID, on database: any Database) async throws -> Assumption {
        guard let consultation = try await Consultation.find(consultationID, on: database),
              let assumption = try await Assumption.query(on: database).filter(\.$id == assumptionID)
                  .filter(\.$consultationID == consultationID).first()
        else { throw ListeningError.notFound }
        guard consultation.state == .draft else { throw ListeningError.ledgerFrozen }
        return assumption
    }

    // MARK: Opening and closing

    /// Opens a draft (freezing its ledger), closes an open one, or opens a closed one again if
    /// it never was; anything else changes nothing and says why.
    public static func move(
        _ consultationID: UUID, from expected: ConsultationState, to state: ConsultationState, at now: Date, on database: any Database
    ) async throws {
        guard let consultation = try await Consultation.find(consultationID, on: database) else { throw ListeningError.notFound }
        // What the person saw is what they meant to move from; anything else is out of date.
        guard consultation.state == expected else { throw ListeningError.notNow }
        switch (consultation.state, state) {
        case (.draft, .open):
            guard try await Assumption.query(on: database).filter(\.$consultationID == consultationID).count() > 0 else {
                throw ListeningError.emptyLedger
            }
            consultation.openedAt = now
        case (.open, .closed):
            consultation.closedAt = now
        case (.closed, .open):
            guard consultation.reopenedAt == nil else { throw ListeningError.reopenedBefore }
            consultation.reopenedAt = now
            consultation.closedAt = nil
        default:
            throw ListeningError.notNow
        }
        consultation.state = state
        try await consultation.update(on: database)
    }
}

public enum ListeningError: Error, Equatable {
    case notFound
    /// The consultation opened: its ledger can only grow, each addition marked.
    case ledgerFrozen
    /// Nothing is written down to be tested: a consultation opens with at least one assumption.
    case emptyLedger
    /// It was opened again once already.
    case reopenedBefore
    /// Not a step from where it is now.
    case notNow
    /// The consultation opened: its questions are as they were asked.
    case questionsFixed
    /// A later question is asked only after one of this one's choices.
    case questionIsACondition
    /// Answers are taken only while the consultation is open.
    case notOpen
    /// A form with no answer in it.
    case nothingGiven
    /// Not a language Kanssa knows, already offered, or the one it is written in.
    case notALanguage
    /// Someone else's coding: each coder takes back only their own.
    case notYours
    /// A coding a verdict rests on stays, as the verdict does.
    case isEvidence
}
