import Fluent
import Foundation
import KanssaCore

/// Verdicts on assumptions: once people have been heard, what each belief was found to be, with
/// the coded passages and answers it rests on. A new verdict stands over the earlier ones, which
/// stay on record with their evidence.
public enum Verdicts {
    public static let longestReasoning = 2_000
    /// Codings offered as evidence per theme, newest first: a page to choose from, not the data.
    public static let evidencePerTheme = 50

    /// A coded passage or answer, as evidence is shown.
    public struct Evidence: Sendable, Equatable {
        public let codingID: UUID
        public let answerID: UUID
        public let theme: String
        /// The passage's words, or the whole answer's, and the language they were written in.
        public let words: String
        public let language: String
    }

    public struct Line: Sendable, Equatable {
        public let id: UUID
        public let kind: VerdictKind
        public let reasoning: String
        public let givenBy: String
        public let at: Date
        public let evidence: [Evidence]
    }

    public struct ThemeEvidence: Sendable, Equatable {
        public let theme: Codebook.Line
        public let evidence: [Evidence]
    }

    public struct Model: Sendable, Equatable {
        public let consultationID: UUID
        public let title: String
        public let state: ConsultationState
        public let assumptionID: UUID
        public let statement: String
        public let heldBy: String
        public let confidence: Int
        public let ifWrong: String
        /// Newest first: the first is the verdict that stands.
        public let verdicts: [Line]
        public let themes: [ThemeEvidence]
        public var draft = Draft()
        public var errors: [FieldError] = []
    }

    /// The assumption, its verdicts with their evidence, and the codings to choose evidence from.
    /// Queries: eight, and two per theme of the codebook.
    public static func load(_ assumptionID: UUID, in consultationID: UUID, on database: any Database) async throws -> Model {
        guard let consultation = try await Consultation.find(consultationID, on: database),
              let assumption = try await Assumption.query(on: database).filter(\.$id == assumptionID)
                  .filter(\.$consultationID == consultationID).first()
        else { throw ListeningError.notFound }
        let verdicts = try await Verdict.query(on: database).filter(\.$assumptionID == assumptionID)
            .sort(\.$givenAt, .descending).sort(\.$id).all()
        let links = try await VerdictEvidence.query(on: database).filter(\.$verdictID ~~ verdicts.compactMap(\.id)).all()
        let themes = try await Codebook.themes(of: consultationID, on: database)
        var offered: [ThemeEvidence] = []
        for theme in themes {
            let codings = try await Coding.query(on: database).filter(\.$themeID == theme.id)
                .sort(\.$createdAt, .descending).sort(\.$id).range(..<(evidencePerTheme * 2)).all()
            offered.append(ThemeEvidence(theme: theme, evidence: try await evidence(of: codings, themes: themes, on: database, distinct: true)
                .prefix(evidencePerTheme).map { $0 }))
        }
        let chosen = try await Coding.query(on: database).filter(\.$id ~~ links.map(\.codingID)).all()
        let shown = Dictionary(try await evidence(of: chosen, themes: themes, on: database, distinct: false).map { ($0.codingID, $0) },
                               uniquingKeysWith: { a, _ in a })
        let names = try await Account.displayNames(of: verdicts.map(\.givenByID), on: database)
        return Model(
            consultationID: consultationID, title: consultation.title, state: consultation.state, assumptionID: assumptionID,
            statement: assumption.statement, heldBy: assumption.heldBy, confidence: assumption.confidence, ifWrong: assumption.ifWrong,
            verdicts: verdicts.map { verdict in
                Line(id: verdict.id!, kind: verdict.kind, reasoning: verdict.reasoning, givenBy: names[verdict.givenByID] ?? "–",
                     at: verdict.givenAt,
                     evidence: links.filter { $0.verdictID == verdict.id }.compactMap { shown[$0.codingID] }.sorted { $0.theme < $1.theme })
            },
            themes: offered)
    }

    /// The codings as evidence, with their words; `distinct` keeps one of several coders' codings
    /// of the same passage. Two queries.
    static func evidence(of codings: [Coding], themes: [Codebook.Line], on database: any Database, distinct: Bool) async throws -> [Evidence] {
        let answers = Dictionary(try await Answer.query(on: database).filter(\.$id ~~ Set(codings.map(\.answerID))).all().map { ($0.id!, $0) },
                                 uniquingKeysWith: { a, _ in a })
        let languages = Dictionary(try await Respondent.query(on: database).filter(\.$id ~~ Set(answers.values.map(\.respondentID))).all()
            .map { ($0.id!, $0.language) }, uniquingKeysWith: { a, _ in a })
        let paths = Dictionary(themes.map { ($0.id, $0.path) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        return codings.compactMap { coding in
            guard let answer = answers[coding.answerID], let id = coding.id else { return nil }
            guard !distinct || seen.insert("\(coding.answerID) \(coding.themeID) \(coding.passage)").inserted else { return nil }
            let words = Passage(stored: coding.passage).flatMap { $0.range(in: answer.text) }.map { String(answer.text[$0]) } ?? answer.text
            return Evidence(codingID: id, answerID: coding.answerID, theme: paths[coding.themeID] ?? "–", words: words,
                            language: languages[answer.respondentID] ?? "")
        }
    }

    public struct Draft: Sendable, Equatable {
        public var kind = ""
        public var reasoning = ""
        /// The codings picked as evidence, by id.
        public var evidence: [String] = []

        public init(kind: String = "", reasoning: String = "", evidence: [String] = []) {
            self.kind = kind
            self.reasoning = reasoning
            self.evidence = evidence
        }
    }

    public enum Problem: String, Sendable, Equatable {
        case kind, reasoning
        /// A verdict other than "no evidence" with none, "no evidence" with some, or a coding not
        /// of this consultation.
        case evidence
    }

    public struct Checked: Sendable, Equatable {
        public let kind: VerdictKind
        public let reasoning: String
        public let evidence: Set<UUID>
    }

    public static func check(_ draft: Draft) -> Result<Checked, ProblemList<Problem>> {
        var problems: [Problem] = []
        let kind = VerdictKind(rawValue: draft.kind)
        if kind == nil { problems.append(.kind) }
        let reasoning = TypedText.clean(draft.reasoning, maxLength: longestReasoning, multiline: true)
        if reasoning == nil { problems.append(.reasoning) }
        let evidence = draft.evidence.compactMap(UUID.init(uuidString:))
        if evidence.count != draft.evidence.count || (kind == .noEvidence) != evidence.isEmpty && kind != nil { problems.append(.evidence) }
        guard problems.isEmpty, let kind, let reasoning else { return .failure(ProblemList(problems)) }
        return .success(Checked(kind: kind, reasoning: reasoning, evidence: Set(evidence)))
    }

    /// Gives a verdict, once the consultation has opened; nil when it was given, else why not.
    public static func give(
        _ checked: Checked, on assumptionID: UUID, in consultationID: UUID, by accountID: UUID, at now: Date, on database: any Database
    ) async throws -> ProblemList<Problem>? {
        guard let consultation = try await Consultation.find(consultationID, on: database),
              try await Assumption.query(on: database).filter(\.$id == assumptionID).filter(\.$consultationID == consultationID).count() == 1
        else { throw ListeningError.notFound }
        guard consultation.state != .draft else { throw ListeningError.notNow }
        let ofThisConsultation = try await Coding.query(on: database).filter(\.$id ~~ checked.evidence)
            .join(Theme.self, on: \Coding.$themeID == \Theme.$id).filter(Theme.self, \.$consultationID == consultationID).count()
        guard ofThisConsultation == checked.evidence.count else { return ProblemList([.evidence]) }
        try await database.transaction { database in
            let verdict = Verdict(assumptionID: assumptionID, kind: checked.kind, reasoning: checked.reasoning, givenByID: accountID, at: now)
            try await verdict.create(on: database)
            for codingID in checked.evidence {
                try await VerdictEvidence(verdictID: try verdict.requireID(), codingID: codingID).create(on: database)
            }
        }
        return nil
    }

    /// The verdict that stands on each of these assumptions: the latest given. One query.
    public static func standing(on assumptionIDs: [UUID], on database: any Database) async throws -> [UUID: Verdict] {
        guard !assumptionIDs.isEmpty else { return [:] }
        let all = try await Verdict.query(on: database).filter(\.$assumptionID ~~ assumptionIDs).sort(\.$givenAt).sort(\.$id).all()
        return Dictionary(all.map { ($0.assumptionID, $0) }, uniquingKeysWith: { _, later in later })
    }
}
