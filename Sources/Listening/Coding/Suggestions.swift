import Fluent
import Foundation
import KanssaCore
import SQLKit
import Synchronization

/// Themes suggested by the machine from a consultation's written answers in one language
/// (``TextClusters``), worked out in the background while the page shows how far it has got.
/// A suggestion stays machine-made until a person takes it into the codebook, under its own
/// words or a name of their own, or turns it down; that decision is kept with who and when.
public enum Suggestions {
    public static let fewest = 2
    public static let most = 12
    public static let usual = 6
    public static let examplesShown = 3
    public static let earlierShown = 20
    /// A run not finished after this long is taken to have stopped with the server under it.
    public static let givenUpAfter: TimeInterval = 15 * 60

    public struct Language: Sendable, Equatable {
        public let code: String
        public let answers: Int
    }

    /// The languages the consultation has written answers in, with how many each. One query.
    public static func languages(of consultationID: UUID, on database: any Database) async throws -> [Language] {
        guard let sql = database as? any SQLDatabase else { return [] }
        struct Row: Decodable { let language: String; let answers: Int }
        let rows = try await writtenAnswers(of: consultationID, on: sql)
            .column(SQLColumn("language", table: Respondent.schema))
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("answers")))
            .groupBy(SQLColumn("language", table: Respondent.schema))
            .all(decoding: Row.self)
        return rows.map { Language(code: $0.language, answers: $0.answers) }.sorted { $0.answers != $1.answers ? $0.answers > $1.answers : $0.code < $1.code }
    }

    /// Open and story answers that say something, of the consultation's respondents.
    private static func writtenAnswers(of consultationID: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().from(Answer.schema)
            .join(Respondent.schema, on: SQLColumn("respondent_id", table: Answer.schema), .equal, SQLColumn("id", table: Respondent.schema))
            .join(Question.schema, on: SQLColumn("question_id", table: Answer.schema), .equal, SQLColumn("id", table: Question.schema))
            .where(SQLColumn("consultation_id", table: Respondent.schema), .equal, SQLBind(consultationID))
            .where(SQLColumn("kind", table: Question.schema), .in, SQLBind.group([QuestionKind.openText.rawValue, QuestionKind.story.rawValue]))
            .where(SQLColumn("text", table: Answer.schema), .notEqual, SQLBind(""))
    }

    public enum StartProblem: String, Sendable, Equatable {
        /// Not a language the consultation has written answers in.
        case language
        /// Not between ``fewest`` and ``most``.
        case wanted
        /// A run is already under way.
        case busy
    }

    /// Asks for a run, unless one is under way; the caller then has it worked out (``work``).
    public static func start(
        consultationID: UUID, language: String, wanted: Int?, by accountID: UUID, at now: Date, on database: any Database
    ) async throws -> Result<UUID, ProblemList<StartProblem>> {
        var problems: [StartProblem] = []
        if !(try await languages(of: consultationID, on: database)).contains(where: { $0.code == language }) { problems.append(.language) }
        guard let wanted, (fewest...most).contains(wanted) else { return .failure(ProblemList(problems + [.wanted])) }
        guard problems.isEmpty else { return .failure(ProblemList(problems)) }
        // A run the server stopped under is given up, so that a new one may start; one still
        // under way keeps the new one out (the database allows one running run per consultation).
        try await SuggestionRun.query(on: database).filter(\.$consultationID == consultationID).filter(\.$status == .running)
            .filter(\.$requestedAt <= now.addingTimeInterval(-givenUpAfter)).set(\.$status, to: .failed).update()
        let run = SuggestionRun(consultationID: consultationID, language: language, wanted: wanted, requestedByID: accountID, at: now)
        do {
            try await run.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return .failure(ProblemList([.busy]))
        }
        return .success(try run.requireID())
    }

    /// What does the clustering, given the texts, how many groups, and where to report progress.
    public typealias Clustering = @Sendable ([String], Int, @escaping @Sendable (Double) -> Void) async throws -> TextClusters.Outcome

    /// Works a run out: reads its answers, clusters them, keeps the suggestions and marks the run
    /// done — or failed, if anything went wrong. Progress reaches the run's row twice a second.
    public static func work(_ runID: UUID, clustering: @escaping Clustering, now: @Sendable () -> Date, on database: any Database) async {
        guard let run = try? await SuggestionRun.find(runID, on: database), run.status == .running else { return }
        do {
            guard let sql = database as? any SQLDatabase else { throw ListeningError.notFound }
            struct Row: Decodable { let id: UUID; let text: String }
            let answers = try await writtenAnswers(of: run.consultationID, on: sql)
                .column(SQLColumn("id", table: Answer.schema)).column(SQLColumn("text", table: Answer.schema))
                .where(SQLColumn("language", table: Respondent.schema), .equal, SQLBind(run.language))
                .orderBy(SQLColumn("id", table: Answer.schema))
                .all(decoding: Row.self)
            run.answerCount = answers.count
            try await run.save(on: database)
            let outcome = try await clusteringWithProgress(answers.map(\.text), wanted: run.wanted, runID: runID, clustering: clustering, on: database)
            let finishedAt = now()
            try await database.transaction { database in
                for (position, cluster) in outcome.clusters.enumerated() {
                    try await ThemeSuggestion(
                        runID: runID, consultationID: run.consultationID, position: position, words: cluster.words,
                        answerCount: cluster.members.count, exampleIDs: cluster.members.prefix(examplesShown).map { answers[$0].id }
                    ).create(on: database)
                }
                run.status = .done
                run.progress = 100
                run.finishedAt = finishedAt
                try await run.save(on: database)
            }
        } catch {
            run.status = .failed
            run.finishedAt = now()
            try? await run.save(on: database)
        }
    }

    private final class Progress: Sendable {
        let percent = Atomic<Int>(0)
    }

    private static func clusteringWithProgress(
        _ texts: [String], wanted: Int, runID: UUID, clustering: @escaping Clustering, on database: any Database
    ) async throws -> TextClusters.Outcome {
        let progress = Progress()
        return try await withThrowingTaskGroup(of: TextClusters.Outcome?.self) { group in
            group.addTask {
                try await clustering(texts, wanted) { share in progress.percent.store(min(99, Int(share * 100)), ordering: .relaxed) }
            }
            group.addTask {
                var written = 0
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(500))
                    let percent = progress.percent.load(ordering: .relaxed)
                    if percent != written, !Task.isCancelled {
                        written = percent
                        try? await SuggestionRun.query(on: database).filter(\.$id == runID).set(\.$progress, to: percent).update()
                    }
                }
                return nil
            }
            var outcome: TextClusters.Outcome?
            for try await result in group where result != nil {
                outcome = result
                group.cancelAll()
            }
            guard let outcome else { throw ListeningError.notFound }
            return outcome
        }
    }

    private static func latestRun(
        of consultationID: UUID, status: SuggestionRunStatus? = nil, before: Date? = nil, on database: any Database
    ) async throws -> SuggestionRun? {
        var query = SuggestionRun.query(on: database).filter(\.$consultationID == consultationID)
        if let status { query = query.filter(\.$status == status) }
        if let before { query = query.filter(\.$requestedAt < before) }
        return try await query.sort(\.$requestedAt, .descending).sort(\.$id, .descending).first()
    }

    // MARK: - The page

    public enum RunState: Sendable, Equatable {
        case none
        case running(language: String, answers: Int, percent: Int)
        case failed(language: String)
        /// Running for longer than ``givenUpAfter``: the server stopped under it.
        case stopped(language: String)
        case done
    }

    public struct Card: Sendable, Equatable {
        public let id: UUID
        public let words: [String]
        public let answers: Int
        public let examples: [String]
        public let decision: SuggestionDecision
        public let theme: String?
        public let decidedBy: String?
        public let decidedAt: Date?
    }

    public struct Model: Sendable, Equatable {
        public let consultationID: UUID
        public let title: String
        public let languages: [Language]
        public let state: RunState
        /// The suggestions of the latest run that finished, and what it was run on.
        public let cards: [Card]
        public let cardsLanguage: String?
        public let cardsAnswers: Int
        /// Decisions on suggestions of earlier runs, newest first (at most ``earlierShown``).
        public let earlier: [Card]
        public var language = ""
        public var wanted = Suggestions.usual
        public var errors: [FieldError] = []
        public var notice: Notice?
    }

    /// The page: languages, the latest run's state, the latest finished run's suggestions, and
    /// decisions on earlier ones. Nine queries, whatever the number of answers.
    public static func load(_ consultationID: UUID, now: Date, on database: any Database) async throws -> Model {
        guard let consultation = try await Consultation.find(consultationID, on: database) else { throw ListeningError.notFound }
        let languages = try await languages(of: consultationID, on: database)
        let latest = try await latestRun(of: consultationID, on: database)
        let state: RunState = switch latest {
        case .none: .none
        case .some(let run) where run.status == .running && now.timeIntervalSince(run.requestedAt) >= givenUpAfter: .stopped(language: run.language)
        case .some(let run) where run.status == .running: .running(language: run.language, answers: run.answerCount, percent: run.progress)
        case .some(let run) where run.status == .failed: .failed(language: run.language)
        case .some: .done
        }
        // Finished before the latest was asked for: one finishing while this page is made is shown on the next.
        let shown = latest?.status == .done ? latest : try await latestRun(of: consultationID, status: .done, before: latest?.requestedAt, on: database)
        var suggestions: [ThemeSuggestion] = []
        if let shownID = shown?.id {
            suggestions = try await ThemeSuggestion.query(on: database).filter(\.$runID == shownID).sort(\.$position).all()
        }
        // Decisions on earlier runs' suggestions stay on record, newest first.
        var earlierQuery = ThemeSuggestion.query(on: database).filter(\.$consultationID == consultationID).filter(\.$decision != .machineMade)
        if let shownID = shown?.id { earlierQuery = earlierQuery.filter(\.$runID != shownID) }
        let earlier = try await earlierQuery.sort(\.$decidedAt, .descending).sort(\.$id).limit(earlierShown).all()
        let exampleIDs = suggestions.flatMap(\.exampleList)
        let texts = exampleIDs.isEmpty ? [:] : Dictionary(
            try await Answer.query(on: database).filter(\.$id ~~ exampleIDs).all().map { ($0.id!, $0.text) }, uniquingKeysWith: { a, _ in a })
        let themeIDs = (suggestions + earlier).compactMap(\.themeID)
        let themes = themeIDs.isEmpty ? [:] : Dictionary(
            try await Theme.query(on: database).filter(\.$id ~~ themeIDs).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let names = try await Account.displayNames(of: (suggestions + earlier).compactMap(\.decidedByID), on: database)
        func card(_ suggestion: ThemeSuggestion) -> Card {
            Card(id: suggestion.id!, words: suggestion.wordList, answers: suggestion.answerCount,
                 examples: suggestion.exampleList.compactMap { texts[$0] }, decision: suggestion.decision,
                 theme: suggestion.themeID.flatMap { themes[$0] }, decidedBy: suggestion.decidedByID.flatMap { names[$0] },
                 decidedAt: suggestion.decidedAt)
        }
        return Model(consultationID: consultationID, title: consultation.title, languages: languages, state: state, cards: suggestions.map(card),
                     cardsLanguage: shown?.language, cardsAnswers: shown?.answerCount ?? 0, earlier: earlier.map(card),
                     language: languages.first?.code ?? "")
    }

    // MARK: - Deciding

    public enum Choice: String, Sendable, Equatable, CaseIterable {
        case accept, rename, reject
    }

    public enum DecideProblem: String, Sendable, Equatable {
        /// A new name that is empty or too long.
        case name
        /// A theme of that name already stands at the top of the codebook.
        case taken
        /// Someone has decided about it already.
        case decided
    }

    /// A suggestion's name under its own words: the first three, joined.
    public static func ownName(_ words: [String]) -> String {
        String(words.prefix(3).joined(separator: " · ").prefix(Codebook.longestName))
    }

    /// Takes a suggestion into the codebook (under its own words or the name given) or turns it
    /// down, once; the theme and the decision are made together.
    /// Whether the suggestion is one of the consultation's: asked before anything else about a
    /// form naming it, so that another consultation's id is never found.
    public static func isOf(_ suggestionID: UUID, consultation consultationID: UUID, on database: any Database) async throws -> Bool {
        try await ThemeSuggestion.query(on: database).filter(\.$id == suggestionID).filter(\.$consultationID == consultationID).count() > 0
    }

    public static func decide(
        _ suggestionID: UUID, of consultationID: UUID, choice: Choice, name: String, by accountID: UUID, at now: Date, on database: any Database
    ) async throws -> Result<Void, ProblemList<DecideProblem>> {
        guard let suggestion = try await ThemeSuggestion.find(suggestionID, on: database), suggestion.consultationID == consultationID
        else { throw ListeningError.notFound }
        guard suggestion.decision == .machineMade else { return .failure(ProblemList([.decided])) }
        var checked: Codebook.Checked?
        if choice != .reject {
            let draft = Codebook.Draft(name: choice == .rename ? name : ownName(suggestion.wordList))
            switch Codebook.check(draft, themes: try await Codebook.themes(of: consultationID, on: database)) {
            case .success(let value): checked = value
            case .failure(let list): return .failure(ProblemList(list.problems.contains(.taken) ? [.taken] : [.name]))
            }
        }
        let theme = checked
        let decided = try await database.transaction { database -> Bool in
            // Read again inside the transaction: someone may have decided meanwhile.
            guard let fresh = try await ThemeSuggestion.find(suggestionID, on: database), fresh.decision == .machineMade else { return false }
            if let checked = theme {
                let theme = Theme(consultationID: consultationID, parentID: nil, name: checked.name, description: checked.description,
                                  createdByID: accountID, at: now)
                try await theme.create(on: database)
                fresh.themeID = try theme.requireID()
            }
            fresh.decision = choice == .accept ? .accepted : choice == .rename ? .renamed : .rejected
            fresh.decidedByID = accountID
            fresh.decidedAt = now
            try await fresh.save(on: database)
            return true
        }
        guard decided else { return .failure(ProblemList([.decided])) }
        return .success(())
    }
}
