import Agenda
import Fluent
import Foundation
import KanssaCore

/// Citizens' voice after meetings: after someone met them about their plan, the citizen may
/// answer three questions, skip them or say "not now". Each answer is linked to the plan, which
/// only its owner reads it through; staff see counts of five answers or more, per organisation,
/// team and person met, and each professional their own.
public enum CitizensVoice {
    /// How far back a meeting is still asked about.
    public static let window: TimeInterval = 14 * 86_400
    /// "Not now" asks again after this long.
    public static let askAgainAfter: TimeInterval = 2 * 86_400
    /// The figures count the answers of the last year.
    public static let figuresSpan: TimeInterval = 365 * 86_400

    public enum Question: String, Sendable, CaseIterable {
        case mattered, decided, listened
    }

    public struct Waiting: Sendable, Equatable {
        public let professionalID: UUID
        public let professionalName: String
        public let day: String
    }

    /// The newest meeting of the last fortnight the citizen has not answered or skipped, and
    /// not put off until later than now. Three queries, and one more when there is one.
    public static func waiting(planID: UUID, ownerID: UUID, now: Date, timeZone: TimeZone, on database: any Database) async throws -> Waiting? {
        let meetings = try await Meetings.held(onPlan: planID, ownerID: ownerID, since: now.addingTimeInterval(-window), timeZone: timeZone,
                                               on: database)
        guard !meetings.isEmpty else { return nil }
        let rows = try await MeetingFeedback.query(on: database).filter(\.$planID == planID).filter(\.$metOn ~~ Set(meetings.map(\.day))).all()
        let open = meetings.first { meeting in
            guard let row = rows.first(where: { $0.professionalID == meeting.professionalID && $0.metOn == meeting.day }) else { return true }
            return row.outcome == .later && (row.askAgainAt ?? now) <= now
        }
        guard let open else { return nil }
        let name = try await Account.displayNames(of: [open.professionalID], on: database)[open.professionalID] ?? ""
        return Waiting(professionalID: open.professionalID, professionalName: name, day: open.day)
    }

    public enum Choice: Sendable, Equatable {
        case answer([Question: FeedbackAnswer])
        case skip
        case later
    }

    public enum Problem: String, Sendable, Equatable {
        case mattered, decided, listened
        /// Not a meeting of this plan in the last fortnight.
        case meeting
    }

    /// Reads the form: which button, and for "send" all three answers.
    public static func read(_ fields: [String: String]) -> Result<Choice, ProblemList<Problem>> {
        switch fields["choice"] {
        case "skip": return .success(.skip)
        case "later": return .success(.later)
        default:
            var answers: [Question: FeedbackAnswer] = [:]
            var problems: [Problem] = []
            for question in Question.allCases {
                if let answer = fields[question.rawValue].flatMap(Int.init).flatMap(FeedbackAnswer.init(rawValue:)) {
                    answers[question] = answer
                } else {
                    problems.append(Problem(rawValue: question.rawValue)!)
                }
            }
            return problems.isEmpty ? .success(.answer(answers)) : .failure(ProblemList(problems))
        }
    }

    /// Reads the citizen's form and records their word about the meeting it names: the choice
    /// made, or what was wrong. Someone without a plan has met nobody about it.
    public static func answer(
        _ fields: [String: String], ownerID: UUID, now: Date, timeZone: TimeZone, on database: any Database
    ) async throws -> Result<Choice, ProblemList<Problem>> {
        guard let planID = try await PlanStore.existingPlan(of: ownerID, on: database)?.id,
              let professionalID = fields["professional"].flatMap(UUID.init(uuidString:)), let day = fields["day"]
        else { return .failure(ProblemList([.meeting])) }
        switch read(fields) {
        case .failure(let list): return .failure(list)
        case .success(let choice):
            return try await record(choice, professionalID: professionalID, day: day, planID: planID, ownerID: ownerID, now: now,
                                    timeZone: timeZone, on: database).map { choice }
        }
    }

    /// Records the citizen's word about one meeting. Once answered or skipped it stands: sent
    /// twice (a double click, a second tab), the first is kept.
    public static func record(
        _ choice: Choice, professionalID: UUID, day: String, planID: UUID, ownerID: UUID, now: Date, timeZone: TimeZone,
        on database: any Database
    ) async throws -> Result<Void, ProblemList<Problem>> {
        let meetings = try await Meetings.held(onPlan: planID, ownerID: ownerID, since: now.addingTimeInterval(-window), timeZone: timeZone,
                                               on: database)
        guard meetings.contains(where: { $0.professionalID == professionalID && $0.day == day }),
              let (organisationID, teamID) = try await Meetings.place(of: professionalID, onPlan: planID, at: now, on: database)
        else { return .failure(ProblemList([.meeting])) }
        try await database.transaction { database in
            let existing = try await MeetingFeedback.query(on: database).filter(\.$planID == planID)
                .filter(\.$professionalID == professionalID).filter(\.$metOn == day).first()
            if let existing, existing.outcome != .later { return }
            let row = existing ?? MeetingFeedback(planID: planID, professionalID: professionalID, organisationID: organisationID, teamID: teamID,
                                                  metOn: day, outcome: .later, at: now)
            switch choice {
            case .answer(let answers):
                row.outcome = .answered
                row.mattered = answers[.mattered]?.rawValue
                row.decided = answers[.decided]?.rawValue
                row.listened = answers[.listened]?.rawValue
                row.askAgainAt = nil
            case .skip:
                row.outcome = .skipped
                row.askAgainAt = nil
            case .later:
                row.outcome = .later
                row.askAgainAt = now.addingTimeInterval(askAgainAfter)
            }
            row.updatedAt = now
            try await row.save(on: database)
        }
        return .success(())
    }

    /// What the citizen said after a meeting, for their own page.
    public struct Said: Sendable, Equatable {
        public let professional: String?
        public let day: String
        public let outcome: FeedbackOutcome
        public let answers: [Question: FeedbackAnswer]
    }

    /// The citizen's own word after their last twenty meetings, newest first. Two queries.
    public static func said(planID: UUID, on database: any Database) async throws -> [Said] {
        let rows = try await MeetingFeedback.query(on: database).filter(\.$planID == planID).filter(\.$outcome != .later)
            .sort(\.$metOn, .descending).sort(\.$id).range(..<20).all()
        let names = try await Account.displayNames(of: Set(rows.compactMap(\.professionalID)), on: database)
        return rows.map { row in
            Said(professional: row.professionalID.map { names[$0] ?? "" }, day: row.metOn, outcome: row.outcome, answers: answers(of: row))
        }
    }

    static func answers(of row: MeetingFeedback) -> [Question: FeedbackAnswer] {
        var answers: [Question: FeedbackAnswer] = [:]
        answers[.mattered] = row.mattered.flatMap(FeedbackAnswer.init(rawValue:))
        answers[.decided] = row.decided.flatMap(FeedbackAnswer.init(rawValue:))
        answers[.listened] = row.listened.flatMap(FeedbackAnswer.init(rawValue:))
        return answers
    }

    // MARK: Figures

    /// How many answered, and per question how many said yes, partly and no.
    public struct Tally: Sendable, Equatable {
        public var count = 0
        public var answers: [Question: [FeedbackAnswer: Int]] = [:]

        mutating func add(_ given: [Question: FeedbackAnswer]) {
            count += 1
            for (question, answer) in given { answers[question, default: [:]][answer, default: 0] += 1 }
        }

        /// The share (0–1) who answered `answer` to `question`.
        public func share(_ question: Question, _ answer: FeedbackAnswer) -> Double {
            count == 0 ? 0 : Double(answers[question]?[answer] ?? 0) / Double(count)
        }
    }

    public struct Row: Sendable, Equatable {
        public let name: String
        /// nil where fewer than five answered, or where it could be worked out from the others.
        public let tally: Tally?
        public let count: Int
    }

    public struct Figures: Sendable, Equatable {
        public let organisationName: String
        public let organisation: Tally?
        public let answered: Int
        public let teams: [Row]
        public let people: [Row]
    }

    /// The organisation's answers of the last year, by team and by person met; every group of
    /// five or more, less one more wherever one held back could be worked out from the whole and
    /// the others. Three queries.
    public static func figures(of organisation: Organisation, now: Date, on database: any Database) async throws -> Figures {
        let organisationID = try organisation.requireID()
        let rows = try await MeetingFeedback.query(on: database).filter(\.$organisationID == organisationID).filter(\.$outcome == .answered)
            .filter(\.$updatedAt >= now.addingTimeInterval(-figuresSpan)).all()
        var whole = Tally()
        var byTeam: [UUID?: Tally] = [:]
        var byPerson: [UUID?: Tally] = [:]
        for row in rows {
            let given = answers(of: row)
            whole.add(given)
            byTeam[row.teamID, default: Tally()].add(given)
            byPerson[row.professionalID, default: Tally()].add(given)
        }
        let teamNames = try await Team.query(on: database).filter(\.$organisation.$id == organisationID).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let people = try await Account.displayNames(of: byPerson.keys.compactMap { $0 }, on: database)
        let shownWhole = whole.count >= GroupFigures.smallestGroup
        func table(_ groups: [UUID?: Tally], name: (UUID?) -> String) -> [Row] {
            let ordered = groups.sorted { name($0.key) < name($1.key) }
            let shown = PulseFigures.shownTeams(ordered.map(\.value.count), groupShown: shownWhole)
            return ordered.enumerated().map { index, group in
                Row(name: name(group.key), tally: shown[index] ? group.value : nil, count: group.value.count)
            }
        }
        return Figures(
            organisationName: organisation.name, organisation: shownWhole ? whole : nil, answered: whole.count,
            teams: table(byTeam) { $0.flatMap { teamNames[$0] } ?? "" },
            people: table(byPerson) { $0.flatMap { people[$0] } ?? "" })
    }

    /// The organisation's (or one team's) answers given from `start` until `end`, counted. One query.
    public static func tally(of organisationID: UUID, team: UUID?, from start: Date, until end: Date, on database: any Database) async throws -> Tally {
        var query = MeetingFeedback.query(on: database).filter(\.$organisationID == organisationID).filter(\.$outcome == .answered)
            .filter(\.$updatedAt >= start).filter(\.$updatedAt < end)
        if let team { query = query.filter(\.$teamID == team) }
        var tally = Tally()
        for row in try await query.all() { tally.add(answers(of: row)) }
        return tally
    }

    /// What citizens said after meeting this person in the last year, once five or more answered.
    /// One query.
    public static func own(_ professionalID: UUID, now: Date, on database: any Database) async throws -> (count: Int, tally: Tally?) {
        let rows = try await MeetingFeedback.query(on: database).filter(\.$professionalID == professionalID).filter(\.$outcome == .answered)
            .filter(\.$updatedAt >= now.addingTimeInterval(-figuresSpan)).all()
        var tally = Tally()
        for row in rows { tally.add(answers(of: row)) }
        return (tally.count, tally.count >= GroupFigures.smallestGroup ? tally : nil)
    }
}
