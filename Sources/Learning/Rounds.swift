import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Self-assessment rounds: opening one for a group, answering privately (a draft until
/// submitted), a person's own scores, and the group's figures — never of fewer than five.
public enum Rounds {
    public static let labelLength = 100
    /// What a coordinator asked for, checked.
    public struct Opening: Sendable, Equatable {
        public let instrument: Instrument
        public let teamID: UUID?
        public let label: String
        public let closesAt: Date
    }

    public enum OpeningProblem: String, Sendable, Equatable, CaseIterable {
        case instrument, team, label, closes
    }

    /// Checks a coordinator's form: a shipped instrument, a team of the organisation (or none: all
    /// its professionals), a label, and a closing day after today and within a year.
    public static func check(
        instrumentID: String, teamID: String, label: String, closes: String, instruments: [String: Instrument],
        teams: [UUID], timeZone: TimeZone, now: Date
    ) -> Result<Opening, ProblemList<OpeningProblem>> {
        var problems: [OpeningProblem] = []
        let instrument = instruments[instrumentID]
        if instrument == nil { problems.append(.instrument) }
        let team = teamID.isEmpty ? nil : UUID(uuidString: teamID)
        if !teamID.isEmpty && (team.map { !teams.contains($0) } ?? true) { problems.append(.team) }
        let cleaned = TypedText.clean(label, maxLength: labelLength)
        if cleaned == nil { problems.append(.label) }
        let closesAt = Days.endOfDay(closes, in: timeZone)
        if closesAt.map({ $0 <= now || $0.timeIntervalSince(now) > 366 * 24 * 3600 }) ?? true { problems.append(.closes) }
        guard let instrument, let cleaned, let closesAt, problems.isEmpty else { return .failure(ProblemList(problems)) }
        return .success(Opening(instrument: instrument, teamID: team, label: cleaned, closesAt: closesAt))
    }

    /// How many people could answer a round for this team (nil: every professional of the
    /// organisation): its professionals, as the policy lets them answer. One query.
    public static func answerers(organisationID: UUID, teamID: UUID?, on database: any Database) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw FrequentQueryError.unsupportedDatabase }
        let inTeam: SQLQueryString = teamID.map {
            " AND m.account_id IN (SELECT tm.account_id FROM team_members tm WHERE tm.team_id = \(bind: $0))"
        } ?? ""
        return try await sql.raw("""
            SELECT COUNT(DISTINCT m.account_id) AS n FROM memberships m
            WHERE m.organisation_id = \(bind: organisationID) AND m.role = \(bind: Role.professional.rawValue)\(inTeam)
            """).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    public static func open(
        _ opening: Opening, organisationID: UUID, by coordinatorID: UUID, at now: Date, on database: any Database
    ) async throws -> UUID {
        let round = AssessmentRound(
            organisationID: organisationID, teamID: opening.teamID, instrument: opening.instrument.id,
            version: opening.instrument.version, label: opening.label, openedByID: coordinatorID, openedAt: now,
            closesAt: opening.closesAt)
        try await round.create(on: database)
        return try round.requireID()
    }

    public typealias AnswerProblem = InstrumentForm.AnswerProblem

    /// The answers a form holds (`item-<id>` fields); empty ones are left out. Sending (`submit`)
    /// asks for every item; a draft keeps what there is.
    public static func read(
        _ fields: [String: String], instrument: Instrument, submit: Bool
    ) -> Result<[String: Int], ProblemList<AnswerProblem>> {
        InstrumentForm.read(fields, instrument: instrument, complete: submit)
    }

    /// Saves a person's answers so far (replacing earlier ones) and, when `submit`, submits them.
    /// Submitted answers can still be changed while the round is open.
    public static func save(
        _ answers: [String: Int], submit: Bool, roundID: UUID, accountID: UUID, at now: Date, on database: any Database
    ) async throws {
        let existing = try await AssessmentAnswer.query(on: database)
            .filter(\.$roundID == roundID).filter(\.$accountID == accountID).first()
        let record = existing ?? AssessmentAnswer(roundID: roundID, accountID: accountID, answers: answers, at: now)
        record.answers = AssessmentAnswer.stored(answers)
        record.updatedAt = now
        if submit { record.submittedAt = now }
        try await record.save(on: database)
    }

    public static func answers(of accountID: UUID, in roundID: UUID, on database: any Database) async throws -> AssessmentAnswer? {
        try await AssessmentAnswer.query(on: database).filter(\.$roundID == roundID).filter(\.$accountID == accountID).first()
    }

    /// A subscale's figures in a round: nil when fewer than five submitted a score for it.
    public struct SubscaleFigures: Sendable, Equatable {
        public let subscale: Instrument.Subscale
        public let distribution: GroupFigures.Distribution?
        /// Over the people who submitted in both rounds; nil without a round to compare or five pairs.
        public let change: GroupFigures.PairedChange?
    }

    /// The group's figures per subscale, and the change from `earlier` (a round of the same
    /// instrument and version) over the people who submitted in both. Two queries.
    public static func figures(
        _ round: AssessmentRound, instrument: Instrument, comparedWith earlier: AssessmentRound?, on database: any Database
    ) async throws -> (submitted: Int, subscales: [SubscaleFigures]) {
        let now = try await submitted(in: round, on: database)
        var before: [UUID: [String: Int]] = [:]
        if let earlier { before = try await submitted(in: earlier, on: database) }
        let scoresNow = now.mapValues { instrument.score($0) }
        let scoresBefore = before.mapValues { instrument.score($0) }
        let subscales = instrument.subscales.enumerated().map { index, subscale in
            let values = scoresNow.values.compactMap { $0[index].value }
            let pairs = scoresNow.compactMap { person, scores -> (before: Double, after: Double)? in
                guard let after = scores[index].value, let before = scoresBefore[person]?[index].value else { return nil }
                return (before: before, after: after)
            }
            return SubscaleFigures(
                subscale: subscale, distribution: GroupFigures.distribution(values),
                change: earlier == nil ? nil : GroupFigures.pairedChange(pairs))
        }
        return (now.count, subscales)
    }

    /// How many sent their answers in each round, counted in the database: a round of thousands
    /// is not read to be counted.
    public static func submittedCounts(of roundIDs: [UUID], on database: any Database) async throws -> [UUID: Int] {
        guard !roundIDs.isEmpty, let sql = database as? any SQLDatabase else { return [:] }
        struct Row: Decodable { let round_id: UUID; let submitted: Int }
        return try await sql.select().column("round_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "submitted")
            .from(AssessmentAnswer.schema).where("round_id", .in, roundIDs).where("submitted_at", .isNot, SQLLiteral.null)
            .groupBy("round_id")
            .all(decoding: Row.self)
            .reduce(into: [UUID: Int]()) { $0[$1.round_id] = $1.submitted }
    }

    /// Submitted answers by person. Read as two columns rather than as models: a round of ten
    /// thousand is read on every view of its figures, and a model is decoded field by field.
    static func submitted(in round: AssessmentRound, on database: any Database) async throws -> [UUID: [String: Int]] {
        let roundID = try round.requireID()
        guard let sql = database as? any SQLDatabase else {
            return try await AssessmentAnswer.query(on: database).filter(\.$roundID == roundID).filter(\.$submittedAt != nil).all()
                .reduce(into: [UUID: [String: Int]]()) { $0[$1.accountID] = $1.values }
        }
        struct Row: Decodable { let account_id: UUID; let answers: String }
        return try await sql.select().column("account_id").column("answers").from(AssessmentAnswer.schema)
            .where("round_id", .equal, roundID).where("submitted_at", .isNot, SQLLiteral.null)
            .all(decoding: Row.self)
            .reduce(into: [UUID: [String: Int]]()) { byPerson, row in
                byPerson[row.account_id] = AssessmentAnswer.read( row.answers)
            }
    }
}
