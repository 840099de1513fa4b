import Fluent
import Foundation
import KanssaCore
import SQLKit

/// How far two coders agree, theme by theme, over the answers both of them coded: percent
/// agreement and Cohen's kappa (agreement beyond what chance would give), and the answers they
/// disagree on, so the team can talk them through.
public enum Agreement {
    /// Two coders' readings of the same answers for one theme.
    public struct Table: Sendable, Equatable {
        public var both = 0
        public var onlyFirst = 0
        public var onlySecond = 0
        public var neither = 0

        public init(both: Int = 0, onlyFirst: Int = 0, onlySecond: Int = 0, neither: Int = 0) {
            self.both = both
            self.onlyFirst = onlyFirst
            self.onlySecond = onlySecond
            self.neither = neither
        }

        public var count: Int { both + onlyFirst + onlySecond + neither }

        /// The share of answers on which they agree (both gave the theme, or neither did).
        public var percent: Double? {
            count == 0 ? nil : Double(both + neither) / Double(count) * 100
        }

        /// Cohen's kappa: (observed − expected) ÷ (1 − expected); nil when chance alone explains
        /// all (both always, or never, gave the theme), where kappa is not defined.
        public var kappa: Double? {
            guard count > 0 else { return nil }
            let n = Double(count)
            let observed = Double(both + neither) / n
            let first = Double(both + onlyFirst) / n, second = Double(both + onlySecond) / n
            let expected = first * second + (1 - first) * (1 - second)
            guard expected < 1 else { return nil }
            return (observed - expected) / (1 - expected)
        }
    }

    public struct ThemeLine: Sendable, Equatable {
        public let theme: Codebook.Line
        public let table: Table
        /// The first ``disputedShown`` answers one coder gave this theme and the other did not;
        /// all of them are counted in the table (`onlyFirst + onlySecond`).
        public let disagreements: [UUID]

        public var disagreementCount: Int { table.onlyFirst + table.onlySecond }
    }

    /// How many answers disagreed on are listed per theme: enough to talk through at a meeting;
    /// the codes export holds every coding.
    public static let disputedShown = 20

    public struct Pair: Sendable, Equatable {
        public let first: UUID
        public let second: UUID
        /// Answers both coded (with any theme).
        public let answers: Int
        public let themes: [ThemeLine]
    }

    /// A coding as agreement counts it: a theme given to an answer, wherever in it.
    public struct Given: Sendable, Hashable {
        public let answerID: UUID
        public let themeID: UUID
        public let coderID: UUID

        public init(answerID: UUID, themeID: UUID, coderID: UUID) {
            self.answerID = answerID
            self.themeID = themeID
            self.coderID = coderID
        }
    }

    private struct Given2: Hashable {
        let answerID: UUID
        let themeID: UUID
    }

    /// Every pair of coders who coded at least one answer in common.
    public static func pairs(_ codings: [Given], themes: [Codebook.Line]) -> [Pair] {
        let byCoder = Dictionary(grouping: codings, by: \.coderID)
        let coders = byCoder.keys.sorted { $0.uuidString < $1.uuidString }
        let given = byCoder.mapValues { Set($0.map { Given2(answerID: $0.answerID, themeID: $0.themeID) }) }
        let answered = byCoder.mapValues { Set($0.map(\.answerID)) }
        var pairs: [Pair] = []
        for (index, first) in coders.enumerated() {
            for second in coders[(index + 1)...] {
                let firstGiven = given[first]!, secondGiven = given[second]!
                let common = answered[first]!.intersection(answered[second]!)
                guard !common.isEmpty else { continue }
                // In a stable order (by id text), each id's text made once.
                let ordered = common.map { (text: $0.uuidString, id: $0) }.sorted { $0.text < $1.text }.map(\.id)
                let lines = themes.map { theme in
                    var table = Table()
                    var disagreements: [UUID] = []
                    for answer in ordered {
                        let key = Given2(answerID: answer, themeID: theme.id)
                        let (byFirst, bySecond) = (firstGiven.contains(key), secondGiven.contains(key))
                        switch (byFirst, bySecond) {
                        case (true, true): table.both += 1
                        case (true, false): table.onlyFirst += 1
                        case (false, true): table.onlySecond += 1
                        case (false, false): table.neither += 1
                        }
                        if byFirst != bySecond, disagreements.count < disputedShown { disagreements.append(answer) }
                    }
                    return ThemeLine(theme: theme, table: table, disagreements: disagreements)
                }
                pairs.append(Pair(first: first, second: second, answers: common.count, themes: lines))
            }
        }
        return pairs
    }

    public struct Model: Sendable, Equatable {
        public let consultationID: UUID
        public let title: String
        public let pairs: [Pair]
        public let names: [UUID: String]
        /// The words of the answers disagreed on, cut short.
        public let excerpts: [UUID: String]
    }

    /// Every coding of these themes, read as three columns rather than as models: a model is
    /// decoded field by field, and a consultation of thousands of answers has tens of thousands.
    static func given(_ themeIDs: [UUID], on database: any Database) async throws -> [Given] {
        guard let sql = database as? any SQLDatabase else {
            return try await Coding.query(on: database).filter(\.$themeID ~~ themeIDs).all()
                .map { Given(answerID: $0.answerID, themeID: $0.themeID, coderID: $0.coderID) }
        }
        struct Row: Decodable { let answer_id: UUID; let theme_id: UUID; let coder_id: UUID }
        return try await sql.select().column("answer_id").column("theme_id").column("coder_id").from(Coding.schema)
            .where("theme_id", .in, SQLBind.group(themeIDs)).all(decoding: Row.self)
            .map { Given(answerID: $0.answer_id, themeID: $0.theme_id, coderID: $0.coder_id) }
    }

    /// Five queries, however many codings; every coding is read (three columns of it), and the
    /// words only of the answers listed.
    public static func load(_ consultationID: UUID, on database: any Database) async throws -> Model {
        guard let consultation = try await Consultation.find(consultationID, on: database) else { throw ListeningError.notFound }
        let themes = try await Codebook.themes(of: consultationID, on: database)
        let codings = themes.isEmpty ? [] : try await given(themes.map(\.id), on: database)
        let pairs = pairs(codings, themes: themes)
        let names = try await Account.displayNames(of: Array(Set(codings.map(\.coderID))), on: database)
        let disputed = Set(pairs.flatMap { $0.themes.flatMap(\.disagreements) })
        let answers = disputed.isEmpty ? [] : try await Answer.query(on: database).filter(\.$id ~~ Array(disputed)).field(\.$id).field(\.$text).all()
        return Model(consultationID: consultationID, title: consultation.title, pairs: pairs, names: names,
                     excerpts: Dictionary(answers.map { ($0.id!, $0.text.count > 160 ? String($0.text.prefix(160)) + "…" : $0.text) },
                                          uniquingKeysWith: { a, _ in a }))
    }
}
