import Fluent
import Foundation
import KanssaCore
import SQLKit

/// "You said, we did": what a consultation asked and why, how many took part and how, what was
/// heard, what the team believed before and what became of it, and what it decided — for anyone,
/// with nobody identifiable: no count under five, no unmoderated words, no quote without consent
/// to publish, no staff names or staff-only notes.
public enum PublicReport {
    /// Quotes shown per theme at most.
    public static let quotesPerTheme = 3

    public struct Theme: Sendable, Equatable {
        public let path: String
        public let description: String
        /// Answers given this theme by any coder; nil when from 1 to 4.
        public let answers: Int?
        /// Moderated stories with consent to publish, their hidden passages blanked.
        public let quotes: [Quote]
    }

    public struct Quote: Sendable, Equatable {
        public let text: String
        public let language: String
    }

    public struct Belief: Sendable, Equatable {
        public let statement: String
        public let heldBy: String
        public let confidence: Int
        public let addedAfterOpening: Bool
        public let verdict: VerdictKind?
        public let reasoning: String?
    }

    public struct Step: Sendable, Equatable {
        public let status: DecisionStatus
        public let note: String
        public let at: Date
    }

    public struct Outcome: Sendable, Equatable {
        public let kind: DecisionKind
        public let subject: String
        public let reason: String
        public let dueOn: String
        public let status: DecisionStatus
        public let steps: [Step]
    }

    public struct Model: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let code: ConsultationCode
        public let title: String
        public let purpose: String
        public let audience: String
        /// The language the team wrote in: everything but the page's own words is in it.
        public let language: String
        public let state: ConsultationState
        public let opensOn: String
        public let closesOn: String
        /// How many took part, nil when from 1 to 4; then by channel, each nil where held back.
        public let respondents: Int?
        public let channels: [ChannelCount]
        public let themes: [Theme]
        public let beliefs: [Belief]
        public let outcomes: [Outcome]
    }

    public struct ChannelCount: Sendable, Equatable {
        public let channel: AnswerChannel
        public let count: Int?
    }

    /// A consultation once it has opened, by its public code; nil for a draft or no such code.
    /// Eleven queries, and one per theme with quotes.
    public static func load(_ code: ConsultationCode, on database: any Database) async throws -> Model? {
        guard let consultation = try await Answers.consultation(code, on: database), consultation.state != .draft,
              let consultationID = consultation.id,
              let organisation = try await Organisation.find(consultation.organisationID, on: database)
        else { return nil }
        let counts = try await Answers.counts(of: consultationID, on: database)
        let total = counts.values.reduce(0, +)
        let taking = AnswerChannel.allCases.filter { (counts[$0] ?? 0) > 0 }
        let shown = SmallCells.suppress(taking.map { counts[$0] ?? 0 }, totalShown: true)
        let assumptions = try await Assumption.query(on: database).filter(\.$consultationID == consultationID).sort(\.$createdAt).sort(\.$id).all()
        let standing = try await Verdicts.standing(on: assumptions.compactMap(\.id), on: database)
        return Model(
            organisationID: consultation.organisationID, organisationName: organisation.name, code: code, title: consultation.title,
            purpose: consultation.purpose, audience: consultation.audience, language: consultation.sourceLanguage, state: consultation.state,
            opensOn: consultation.opensOn, closesOn: consultation.closesOn,
            respondents: (1..<GroupFigures.smallestGroup).contains(total) ? nil : total,
            channels: (1..<GroupFigures.smallestGroup).contains(total) ? [] : zip(taking, shown).map { ChannelCount(channel: $0, count: $1) },
            themes: try await themes(of: consultationID, on: database),
            beliefs: assumptions.map { assumption in
                let verdict = standing[assumption.id!]
                return Belief(statement: assumption.statement, heldBy: assumption.heldBy, confidence: assumption.confidence,
                              addedAfterOpening: assumption.addedAfterOpening, verdict: verdict?.kind, reasoning: verdict?.reasoning)
            },
            outcomes: try await outcomes(of: consultationID, on: database))
    }

    /// The codebook with how many answers each theme was given, counted in the database, and
    /// the quotes that may be shown.
    static func themes(of consultationID: UUID, on database: any Database) async throws -> [Theme] {
        let themes = try await Codebook.themes(of: consultationID, on: database)
        guard !themes.isEmpty, let sql = database as? any SQLDatabase else { return [] }
        struct Row: Decodable { let theme_id: UUID; let answers: Int }
        let rows = try await sql.select().column("theme_id")
            .column(SQLFunction("COUNT", args: SQLDistinct(SQLIdentifier("answer_id"))), as: "answers")
            .from(Coding.schema).where("theme_id", .in, themes.map(\.id)).groupBy("theme_id").all(decoding: Row.self)
        let answers = Dictionary(rows.map { ($0.theme_id, $0.answers) }, uniquingKeysWith: { a, _ in a })
        var result: [Theme] = []
        // A theme nobody's answer was given says nothing about what was heard.
        for theme in themes where answers[theme.id] != nil {
            let count = answers[theme.id] ?? 0
            let shown = SmallCells.suppress([count], totalShown: false)[0]
            result.append(Theme(path: theme.path, description: theme.description, answers: shown,
                                quotes: shown == nil ? [] : try await quotes(of: theme.id, on: database)))
        }
        return result
    }

    /// Stories given this theme, moderated and with consent to publish: consent taken back takes
    /// them down at once, since they are read here on every request. One query, reading only the
    /// few shown however many answers carry the theme.
    static func quotes(of themeID: UUID, on database: any Database) async throws -> [Quote] {
        guard let sql = database as? any SQLDatabase else { return [] }
        struct Row: Decodable { let text: String; let hidden: String; let language: String }
        let coded = SQLSubquery.select { $0.column("answer_id").from(Coding.schema).where("theme_id", .equal, SQLBind(themeID)) }
        let rows = try await sql.select()
            .column(SQLColumn("text", table: Answer.schema)).column(SQLColumn("hidden", table: Answer.schema))
            .column(SQLColumn("language", table: Respondent.schema))
            .from(Answer.schema)
            .join(Respondent.schema, on: SQLColumn("respondent_id", table: Answer.schema), .equal, SQLColumn("id", table: Respondent.schema))
            .where(SQLColumn("id", table: Answer.schema), .in, coded)
            .where(SQLColumn("consent_publish", table: Answer.schema), .equal, SQLBind(true))
            .where(SQLColumn("moderation", table: Answer.schema), .equal, SQLBind(ModerationState.moderated.rawValue))
            .where(SQLColumn("text", table: Answer.schema), .notEqual, SQLBind(""))
            .orderBy(SQLColumn("updated_at", table: Answer.schema), SQLDirection.descending).orderBy(SQLColumn("id", table: Answer.schema))
            .limit(quotesPerTheme)
            .all(decoding: Row.self)
        return rows.map { Quote(text: Moderation.shown($0.text, hidden: Moderation.passages($0.hidden)), language: $0.language) }
    }

    /// Decisions with their dated steps, without the names of those who took them. Two queries.
    static func outcomes(of consultationID: UUID, on database: any Database) async throws -> [Outcome] {
        let decisions = try await Decision.query(on: database).filter(\.$consultationID == consultationID).sort(\.$createdAt).sort(\.$id).all()
        let updates = try await DecisionUpdate.query(on: database).filter(\.$decisionID ~~ decisions.compactMap(\.id)).sort(\.$at).sort(\.$id).all()
        return decisions.map { decision in
            Outcome(kind: decision.kind, subject: decision.subject, reason: decision.reason, dueOn: decision.dueOn, status: decision.status,
                    steps: updates.filter { $0.decisionID == decision.id }.map { Step(status: $0.status, note: $0.note, at: $0.at) })
        }
    }

    // MARK: The organisation's index

    public struct Listed: Sendable, Equatable {
        public let code: ConsultationCode
        public let title: String
        public let state: ConsultationState
        public let opensOn: String
        public let closesOn: String
        public let language: String
    }

    public struct Stopped: Sendable, Equatable {
        public let subject: String
        public let reason: String
        public let status: DecisionStatus
        public let consultation: String
        public let language: String
    }

    public struct Index: Sendable, Equatable {
        public let organisationID: UUID
        public let organisationName: String
        public let consultations: Paged<Listed>
        /// What it stopped, from consultations that have opened, newest first.
        public let stopped: [Stopped]
    }

    public static let mostStoppedShown = 50

    /// An organisation's consultations that have opened, newest first, and what it stopped. Four queries.
    public static func index(of organisation: Organisation, page: ListPage, on database: any Database) async throws -> Index {
        let organisationID = try organisation.requireID()
        let asked = Consultation.query(on: database).filter(\.$organisationID == organisationID).filter(\.$state != .draft)
        let total = try await asked.copy().count()
        let consultations = try await asked.sort(\.$openedAt, .descending).sort(\.$id).range(page.offset..<(page.offset + page.size)).all()
        let stopped = try await Decision.query(on: database).join(Consultation.self, on: \Decision.$consultationID == \Consultation.$id)
            .filter(Consultation.self, \.$organisationID == organisationID).filter(Consultation.self, \.$state != .draft)
            .filter(\.$kind == .stop).filter(\.$status != .dropped)
            .sort(\.$createdAt, .descending).sort(\.$id).range(..<mostStoppedShown).all()
        return Index(
            organisationID: organisationID, organisationName: organisation.name,
            consultations: Paged(items: consultations.compactMap { consultation in
                consultation.publicCode.flatMap(ConsultationCode.init(typed:)).map {
                    Listed(code: $0, title: consultation.title, state: consultation.state, opensOn: consultation.opensOn,
                           closesOn: consultation.closesOn, language: consultation.sourceLanguage)
                }
            }, page: page, total: total),
            stopped: try stopped.map { decision in
                let consultation = try decision.joined(Consultation.self)
                return Stopped(subject: decision.subject, reason: decision.reason, status: decision.status, consultation: consultation.title,
                               language: consultation.sourceLanguage)
            })
    }
}
