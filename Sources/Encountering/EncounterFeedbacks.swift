import Fluent
import Foundation
import KanssaCore

/// Feedback flowing back to the co-trainers: each participant's feedback and self-reflection
/// after a session, their follow-up weeks later, and the co-trainers' own reflections. What the
/// co-trainers see is counted, and shown without names only once five people have answered.
public enum EncounterFeedbacks {
    public static let smallestGroup = GroupFigures.smallestGroup
    public static let textLength = 1000

    public struct Draft: Sendable, Equatable {
        public let changed: Int
        public let heard: String
        public let willDo: String
        /// The self-reflection's answers, when the module has one.
        public let reflection: [String: Int]?

        public init(changed: Int, heard: String, willDo: String, reflection: [String: Int]?) {
            self.changed = changed
            self.heard = heard
            self.willDo = willDo
            self.reflection = reflection
        }
    }

    public enum Problem: Sendable, Equatable {
        case changed, heard, willDo
        case item(String)
    }

    /// How much it changed how they see their way of meeting people (1–5), what they heard,
    /// what they will do differently (each up to 1,000 characters), and every item of the
    /// module's self-reflection questionnaire if it has one.
    public static func check(_ fields: [String: String], reflection instrument: Instrument?) -> Result<Draft, ProblemList<Problem>> {
        var problems: [Problem] = []
        let changed = Int(fields["changed"] ?? "").flatMap { (1...5).contains($0) ? $0 : nil }
        if changed == nil { problems.append(.changed) }
        let heard = TypedText.clean(fields["heard"], maxLength: textLength, multiline: true)
        if heard == nil { problems.append(.heard) }
        let willDo = TypedText.clean(fields["will-do"], maxLength: textLength, multiline: true)
        if willDo == nil { problems.append(.willDo) }
        var reflection: [String: Int]?
        if let instrument {
            switch InstrumentForm.read(fields, instrument: instrument, complete: true) {
            case .success(let answers): reflection = answers
            case .failure(let list):
                problems += list.problems.map { problem in
                    switch problem {
                    case .missing(let item), .outOfScale(let item): .item(item)
                    }
                }
            }
        }
        guard let changed, let heard, let willDo, problems.isEmpty else { return .failure(ProblemList(problems)) }
        return .success(Draft(changed: changed, heard: heard, willDo: willDo, reflection: reflection))
    }

    /// One person's feedback, once. False if they had given it already (also from another tab).
    public static func give(
        _ draft: Draft, reflection instrument: Instrument?, by accountID: UUID, on sessionID: UUID, at now: Date, on database: any Database
    ) async throws -> Bool {
        guard try await SessionFeedbackAnswer.query(on: database).filter(\.$sessionID == sessionID).filter(\.$accountID == accountID).count() == 0
        else { return false }
        let answer = SessionFeedbackAnswer(sessionID: sessionID, accountID: accountID, changed: draft.changed, heard: draft.heard,
                                           willDo: draft.willDo, at: now)
        if let instrument, let answers = draft.reflection {
            answer.reflectionInstrument = instrument.id
            answer.reflectionVersion = instrument.version
            answer.reflectionAnswers = stored(answers)
        }
        do {
            try await answer.create(on: database)
            return true
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return false
        }
    }

    static func stored(_ answers: [String: Int]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(answers)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func answers(_ stored: String?) -> [String: Int] {
        stored.flatMap { try? JSONDecoder().decode([String: Int].self, from: Data($0.utf8)) } ?? [:]
    }

    /// A person's own reflection, scored: only they see it.
    public static func ownReflection(of feedback: SessionFeedbackAnswer, instrument: Instrument?) -> [Instrument.SubscaleScore]? {
        guard let instrument, feedback.reflectionInstrument == instrument.id, feedback.reflectionVersion == instrument.version,
            feedback.reflectionAnswers != nil
        else { return nil }
        return instrument.score(answers(feedback.reflectionAnswers))
    }

    /// The module's self-reflection: its first reflection section whose questionnaire the
    /// organisation can use, with the co-trainers' words around it. One query.
    public struct Reflection: Sendable, Equatable {
        public let instrument: Instrument
        public let title: String
        public let words: String
    }

    public static func reflection(of moduleID: UUID, instruments: [String: Instrument], on database: any Database) async throws -> Reflection? {
        let sections = try await ModuleSection.query(on: database).filter(\.$moduleID == moduleID).filter(\.$kind == SectionKind.reflection.rawValue)
            .sort(\.$position).all()
        for section in sections {
            if let id = section.instrumentID, let instrument = instruments[id] {
                return Reflection(instrument: instrument, title: section.title, words: section.body)
            }
        }
        return nil
    }

    // MARK: Follow-up

    /// When the follow-up question is asked: the configured weeks after the session began.
    public static func followUpDue(_ session: EncounterSession) -> Date {
        session.startsAt.addingTimeInterval(Double(session.followUpWeeks) * 7 * 24 * 3600)
    }

    public enum FollowUpResult: Sendable, Equatable {
        case answered, notYetDue, alreadyAnswered, invalid
    }

    /// Whether they did what they meant to do: once, from the day it is due; a note up to 1,000
    /// characters is optional.
    public static func answerFollowUp(
        outcome: String, note: String, by accountID: UUID, for session: EncounterSession, at now: Date, on database: any Database
    ) async throws -> FollowUpResult {
        guard now >= followUpDue(session) else { return .notYetDue }
        guard let outcome = FollowUpOutcome(rawValue: outcome) else { return .invalid }
        let typed = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let note = typed.isEmpty ? "" : TypedText.clean(typed, maxLength: textLength, multiline: true) else { return .invalid }
        let sessionID = try session.requireID()
        guard try await SessionFollowUp.query(on: database).filter(\.$sessionID == sessionID).filter(\.$accountID == accountID).count() == 0
        else { return .alreadyAnswered }
        do {
            try await SessionFollowUp(sessionID: sessionID, accountID: accountID, outcome: outcome, note: note, at: now).create(on: database)
            return .answered
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return .alreadyAnswered
        }
    }

    // MARK: What flows back

    public struct ReflectionFigure: Sendable, Equatable {
        public let subscale: String
        public let mean: Double
        public let count: Int

        public init(subscale: String, mean: Double, count: Int) {
            self.subscale = subscale
            self.mean = mean
            self.count = count
        }
    }

    /// Feedback of one or more sessions together: how many answered, and — once five have —
    /// the spread of ratings, what they heard and will do (sorted by their words, so that the
    /// order tells nothing), the self-reflection's means, and the follow-ups.
    public struct Summary: Sendable, Equatable {
        public let given: Int
        /// People per rating 1–5.
        public let changed: [Int]?
        public let heard: [String]?
        public let willDo: [String]?
        public let reflection: [ReflectionFigure]?
        public let followUps: Int
        /// People per outcome, in `FollowUpOutcome.allCases` order.
        public let outcomes: [Int]?
        public let followUpNotes: [String]?

        public init(given: Int, changed: [Int]?, heard: [String]?, willDo: [String]?, reflection: [ReflectionFigure]?, followUps: Int,
                    outcomes: [Int]?, followUpNotes: [String]?) {
            self.given = given
            self.changed = changed
            self.heard = heard
            self.willDo = willDo
            self.reflection = reflection
            self.followUps = followUps
            self.outcomes = outcomes
            self.followUpNotes = followUpNotes
        }
    }

    /// Two queries.
    public static func summary(of sessionIDs: [UUID], reflection instrument: Instrument?, language: String, on database: any Database)
        async throws -> Summary
    {
        let all = sessionIDs.isEmpty ? [] : try await SessionFeedbackAnswer.query(on: database).filter(\.$sessionID ~~ sessionIDs).all()
        let followUps = sessionIDs.isEmpty ? [] : try await SessionFollowUp.query(on: database).filter(\.$sessionID ~~ sessionIDs).all()
        let enough = all.count >= smallestGroup
        var reflection: [ReflectionFigure]?
        if enough, let instrument {
            let scored = all.filter { $0.reflectionInstrument == instrument.id && $0.reflectionVersion == instrument.version }
                .map { instrument.score(answers($0.reflectionAnswers)) }
            if scored.count >= smallestGroup {
                reflection = instrument.subscales.compactMap { subscale in
                    let values = scored.compactMap { scores in scores.first { $0.subscale == subscale.id }?.value }
                    guard values.count >= smallestGroup else { return nil }
                    return ReflectionFigure(subscale: instrument.text(subscale.name, in: language),
                                            mean: values.reduce(0, +) / Double(values.count), count: values.count)
                }
            }
        }
        let enoughFollowUps = followUps.count >= smallestGroup
        return Summary(
            given: all.count,
            changed: enough ? (1...5).map { value in all.filter { $0.changed == value }.count } : nil,
            heard: enough ? all.map(\.heard).sorted() : nil,
            willDo: enough ? all.map(\.willDo).sorted() : nil,
            reflection: reflection,
            followUps: followUps.count,
            outcomes: enoughFollowUps ? FollowUpOutcome.allCases.map { outcome in followUps.filter { $0.outcome == outcome.rawValue }.count } : nil,
            followUpNotes: enoughFollowUps ? followUps.map(\.note).filter { !$0.isEmpty }.sorted() : nil)
    }

    // MARK: The co-trainers' own reflections

    /// Were we heard (1–5) and how it went, in their words (up to 2,000 characters). Written
    /// again, it replaces their earlier reflection on that session.
    public static func reflect(
        heard: String, text: String, by accountID: UUID, on sessionID: UUID, at now: Date, on database: any Database
    ) async throws -> Bool {
        guard let heard = Int(heard), (1...5).contains(heard), let text = TypedText.clean(text, maxLength: 2000, multiline: true) else {
            return false
        }
        let existing = try await CoTrainerReflection.query(on: database).filter(\.$sessionID == sessionID).filter(\.$accountID == accountID).first()
        let reflection = existing ?? CoTrainerReflection(sessionID: sessionID, accountID: accountID, heard: heard, text: text, at: now)
        reflection.heard = heard
        reflection.text = text
        reflection.updatedAt = now
        try await reflection.save(on: database)
        return true
    }
}
