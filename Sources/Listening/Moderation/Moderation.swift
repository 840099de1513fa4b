import Fluent
import Foundation
import KanssaCore
import SQLKit

/// Moderating what respondents wrote: hiding personal data in passages (suggested by
/// ``PersonalData``, or words the moderator names) and flagging abusive text. The words stay as
/// written for the team; anyone else will see only a moderated answer, with its hidden passages
/// blanked. Every step is logged with who and why; two moderators never overwrite each other.
public enum Moderation {
    public static let longestReason = 500
    public static let longestWords = 200
    /// What stands where a passage is hidden.
    public static let blank = "[…]"

    /// The text with its hidden passages blanked.
    public static func shown(_ text: String, hidden: [Passage]) -> String {
        var result = ""
        var cursor = text.startIndex
        for passage in hidden.sorted() {
            guard let range = passage.range(in: text), range.lowerBound >= cursor else { continue }
            result += text[cursor..<range.lowerBound] + blank
            cursor = range.upperBound
        }
        return result + text[cursor...]
    }

    public static func passages(_ stored: String) -> [Passage] {
        stored.split(separator: ",").compactMap { Passage(stored: String($0)) }.sorted()
    }

    static func stored(_ passages: [Passage]) -> String {
        passages.sorted().map(\.stored).joined(separator: ",")
    }

    /// What a moderator sent.
    public struct Draft: Sendable, Equatable {
        /// Passages to hide ("12-30"): those hidden before that stay ticked, and suggestions ticked.
        public var hide: [String] = []
        /// Other words to hide, exactly as written: every place they stand is hidden.
        public var words = ""
        public var flagged = false
        public var reason = ""
        public var version = 0

        public init(hide: [String] = [], words: String = "", flagged: Bool = false, reason: String = "", version: Int = 0) {
            self.hide = hide
            self.words = words
            self.flagged = flagged
            self.reason = reason
            self.version = version
        }
    }

    public enum Problem: String, Sendable, Equatable {
        /// A passage outside the text, or inside a character.
        case passage
        /// Words that do not stand in the text.
        case words
        case reason
    }

    public struct Checked: Sendable, Equatable {
        public let hidden: [Passage]
        public let state: ModerationState
        public let reason: String
    }

    /// Every problem at once.
    public static func check(_ draft: Draft, text: String) -> Result<Checked, ProblemList<Problem>> {
        var problems: [Problem] = []
        var hidden: Set<Passage> = []
        for typed in draft.hide {
            guard let passage = Passage(stored: typed), passage.range(in: text) != nil else {
                problems.append(.passage)
                break
            }
            hidden.insert(passage)
        }
        let words = draft.words.trimmingCharacters(in: .whitespacesAndNewlines)
        if !words.isEmpty {
            let ranges = words.count <= longestWords ? text.ranges(of: words) : []
            if ranges.isEmpty { problems.append(.words) }
            for range in ranges { hidden.insert(Passage(range, in: text)) }
        }
        let reason = TypedText.clean(draft.reason, maxLength: longestReason, multiline: true)
        if reason == nil { problems.append(.reason) }
        guard problems.isEmpty, let reason else { return .failure(ProblemList(problems)) }
        return .success(Checked(hidden: merged(Array(hidden)), state: draft.flagged ? .flagged : .moderated, reason: reason))
    }

    /// Overlapping or touching passages become one.
    static func merged(_ passages: [Passage]) -> [Passage] {
        var result: [Passage] = []
        for passage in passages.sorted() {
            if let last = result.last, passage.start <= last.end {
                result[result.count - 1] = Passage(start: last.start, end: max(last.end, passage.end))
            } else {
                result.append(passage)
            }
        }
        return result
    }

    /// Records a step if nobody moderated the answer since the moderator saw it (`version`);
    /// false when someone did, and nothing was written.
    public static func moderate(
        _ answerID: UUID, _ checked: Checked, seenVersion: Int, by accountID: UUID, at now: Date, on database: any Database
    ) async throws -> Bool {
        let hidden = stored(checked.hidden)
        return try await database.transaction { database in
            guard let sql = database as? any SQLDatabase else { return false }
            let rows = try await sql.update(Answer.schema)
                .set("hidden", to: hidden).set("moderation", to: checked.state.rawValue).set("moderation_version", to: seenVersion + 1)
                .where("id", .equal, answerID).where("moderation_version", .equal, seenVersion)
                .returning("id").all()
            guard rows.count == 1 else { return false }
            try await ModerationStep(answerID: answerID, moderatorID: accountID, state: checked.state, hidden: hidden, reason: checked.reason,
                                     at: now).create(on: database)
            return true
        }
    }

    // MARK: The moderation page

    public struct Step: Sendable, Equatable {
        public let moderator: String
        public let state: ModerationState
        public let hiddenCount: Int
        public let reason: String
        public let at: Date
    }

    public struct Model: Sendable, Equatable {
        public let consultationID: UUID
        public let answerID: UUID
        public let question: String
        public let text: String
        public let hidden: [Passage]
        public let state: ModerationState
        public let version: Int
        public let suggestions: [PersonalData.Finding]
        public let steps: [Step]
        public var draft: Draft?
        public var errors: [FieldError] = []
        /// Set when someone else moderated it while this moderator was working.
        public var changedMeanwhile = false
    }

    /// An answer of this consultation that holds written words. Five queries.
    public static func load(_ answerID: UUID, in consultationID: UUID, on database: any Database) async throws -> Model {
        guard let answer = try await Answer.find(answerID, on: database),
              let respondent = try await Respondent.find(answer.respondentID, on: database), respondent.consultationID == consultationID,
              let question = try await Question.find(answer.questionID, on: database), question.kind == .openText || question.kind == .story
        else { throw ListeningError.notFound }
        let steps = try await ModerationStep.query(on: database).filter(\.$answerID == answerID).sort(\.$at, .descending).all()
        let names = try await Account.displayNames(of: steps.map(\.moderatorID), on: database)
        let hidden = passages(answer.hidden)
        return Model(
            consultationID: consultationID, answerID: answerID, question: question.text, text: answer.text, hidden: hidden,
            state: answer.moderation, version: answer.moderationVersion,
            suggestions: PersonalData.find(in: answer.text).filter { finding in !hidden.contains { $0 == finding.passage } },
            steps: steps.map {
                Step(moderator: names[$0.moderatorID] ?? "–", state: $0.state, hiddenCount: passages($0.hidden).count, reason: $0.reason, at: $0.at)
            })
    }
}
