import Fluent
import Foundation

/// Where a run of theme suggestion stands.
public enum SuggestionRunStatus: String, Codable, Sendable {
    case running, done, failed
}

/// One run of theme suggestion over a consultation's written answers in one language: asked for
/// by a team member, worked out in the background, its progress kept here for the page to show.
public final class SuggestionRun: Model, @unchecked Sendable {
    public static let schema = "consultation_suggestion_runs"

    @ID(key: .id) public var id: UUID?
    @Field(key: "consultation_id") public var consultationID: UUID
    @Field(key: "language") public var language: String
    /// How many themes were asked for.
    @Field(key: "wanted") public var wanted: Int
    @Enum(key: "status") public var status: SuggestionRunStatus
    /// 0 to 100.
    @Field(key: "progress") public var progress: Int
    @Field(key: "answer_count") public var answerCount: Int
    @Field(key: "requested_by_id") public var requestedByID: UUID
    @Field(key: "requested_at") public var requestedAt: Date
    @OptionalField(key: "finished_at") public var finishedAt: Date?

    public init() {}

    public init(consultationID: UUID, language: String, wanted: Int, requestedByID: UUID, at now: Date) {
        self.consultationID = consultationID
        self.language = language
        self.wanted = wanted
        self.status = .running
        self.progress = 0
        self.answerCount = 0
        self.requestedByID = requestedByID
        self.requestedAt = now
    }
}

/// What a person made of a machine-made theme: nothing yet, taken into the codebook under its
/// own words or a name of their own, or turned down.
public enum SuggestionDecision: String, Codable, Sendable, CaseIterable {
    case machineMade = "machine-made"
    case accepted, renamed, rejected
}

/// A theme the machine suggested: the words that set it apart, how many answers it holds and a
/// few of the most typical, and what a person decided about it.
public final class ThemeSuggestion: Model, @unchecked Sendable {
    public static let schema = "consultation_theme_suggestions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "run_id") public var runID: UUID
    @Field(key: "consultation_id") public var consultationID: UUID
    @Field(key: "position") public var position: Int
    /// The telling words, comma-separated, most telling first.
    @Field(key: "words") public var words: String
    @Field(key: "answer_count") public var answerCount: Int
    /// The most typical answers' ids, comma-separated.
    @Field(key: "example_ids") public var exampleIDs: String
    @Enum(key: "decision") public var decision: SuggestionDecision
    @OptionalField(key: "theme_id") public var themeID: UUID?
    @OptionalField(key: "decided_by_id") public var decidedByID: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?

    public init() {}

    public init(runID: UUID, consultationID: UUID, position: Int, words: [String], answerCount: Int, exampleIDs: [UUID]) {
        self.runID = runID
        self.consultationID = consultationID
        self.position = position
        self.words = words.joined(separator: ",")
        self.answerCount = answerCount
        self.exampleIDs = exampleIDs.map(\.uuidString).joined(separator: ",")
        self.decision = .machineMade
    }

    public var wordList: [String] { words.split(separator: ",").map(String.init) }
    public var exampleList: [UUID] { exampleIDs.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
}
