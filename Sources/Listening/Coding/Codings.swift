import Fluent
import Foundation
import KanssaCore

/// Coding answers: a coder gives a written answer, or a passage of it, one or more themes of the
/// consultation's codebook. Who coded what and when is kept; a coder takes back only their own.
public enum Codings {
    public static let longestWords = 500

    public struct Line: Sendable, Equatable {
        public let id: UUID
        public let theme: String
        public let coderID: UUID
        public let coder: String
        public let passage: Passage?
        /// The passage's words, or nil for the whole answer.
        public let words: String?
        public let at: Date
    }

    public struct Model: Sendable, Equatable {
        public let consultationID: UUID
        public let answerID: UUID
        public let question: String
        public let text: String
        public let themes: [Codebook.Line]
        public let codings: [Line]
        public var errors: [FieldError] = []
        public var picked: [String] = []
        public var words = ""
    }

    /// A written answer of this consultation, with the codebook and every coding of it. Six queries.
    public static func load(_ answerID: UUID, in consultationID: UUID, on database: any Database) async throws -> Model {
        guard let answer = try await Answer.find(answerID, on: database),
              let respondent = try await Respondent.find(answer.respondentID, on: database), respondent.consultationID == consultationID,
              let question = try await Question.find(answer.questionID, on: database), !answer.text.isEmpty
        else { throw ListeningError.notFound }
        let themes = try await Codebook.themes(of: consultationID, on: database)
        let codings = try await Coding.query(on: database).filter(\.$answerID == answerID).sort(\.$createdAt).all()
        let names = try await Account.displayNames(of: codings.map(\.coderID), on: database)
        let paths = Dictionary(themes.map { ($0.id, $0.path) }, uniquingKeysWith: { a, _ in a })
        return Model(
            consultationID: consultationID, answerID: answerID, question: question.text, text: answer.text, themes: themes,
            codings: codings.map { coding in
                let passage = Passage(stored: coding.passage)
                return Line(id: coding.id!, theme: paths[coding.themeID] ?? "–", coderID: coding.coderID, coder: names[coding.coderID] ?? "–",
                            passage: passage, words: passage.flatMap { $0.range(in: answer.text) }.map { String(answer.text[$0]) },
                            at: coding.createdAt)
            })
    }

    public enum Problem: String, Sendable, Equatable {
        /// No theme picked, or one not in the codebook.
        case themes
        /// Words that do not stand in the answer.
        case words
    }

    /// Codes an answer, or — with `words` — the first passage that holds them, with each theme
    /// picked. A coding the coder already made is not made twice.
    public static func code(
        _ answerID: UUID, themes picked: [String], words: String, in model: Model, by coderID: UUID, at now: Date, on database: any Database
    ) async throws -> ProblemList<Problem>? {
        var problems: [Problem] = []
        let ids = picked.compactMap(UUID.init(uuidString:))
        if ids.isEmpty || ids.count != picked.count || !ids.allSatisfy({ id in model.themes.contains { $0.id == id } }) { problems.append(.themes) }
        var passage: Passage?
        let trimmed = words.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty {
            if trimmed.count <= longestWords, let range = model.text.range(of: trimmed) {
                passage = Passage(range, in: model.text)
            } else {
                problems.append(.words)
            }
        }
        guard problems.isEmpty else { return ProblemList(problems) }
        let existing = try await Coding.query(on: database).filter(\.$answerID == answerID).filter(\.$coderID == coderID)
            .filter(\.$passage == (passage?.stored ?? "")).all().map(\.themeID)
        for themeID in Set(ids) where !existing.contains(themeID) {
            try await Coding(answerID: answerID, themeID: themeID, coderID: coderID, passage: passage, at: now).create(on: database)
        }
        return nil
    }

    /// Takes back one of the coder's own codings of this answer, unless a verdict rests on it.
    public static func remove(_ codingID: UUID, of answerID: UUID, by coderID: UUID, on database: any Database) async throws {
        guard let coding = try await Coding.query(on: database).filter(\.$id == codingID).filter(\.$answerID == answerID).first() else {
            throw ListeningError.notFound
        }
        guard coding.coderID == coderID else { throw ListeningError.notYours }
        guard try await VerdictEvidence.query(on: database).filter(\.$codingID == codingID).count() == 0 else { throw ListeningError.isEvidence }
        try await coding.delete(on: database)
    }
}
