import Foundation

/// A questionnaire as data: items on response scales, grouped into subscales that are scored,
/// with every text in each of the instrument's languages. Read from a file (see
/// `docs/instruments.md` and ``InstrumentFile``), never written in code, so that an organisation
/// can import an instrument it holds a licence for. Answers always keep the `version` they were
/// given under.
public struct Instrument: Sendable, Equatable {
    /// Texts by language code ("en", "fi").
    public typealias Texts = [String: String]

    public struct Scale: Sendable, Equatable {
        public let id: String
        /// Answers run from 1 to `points`.
        public let points: Int
        /// One label per point, by language.
        public let labels: [String: [String]]
    }

    public enum Scoring: String, Sendable, Equatable, CaseIterable {
        case mean, sum
    }

    public struct Subscale: Sendable, Equatable {
        public let id: String
        public let name: Texts
        public let scoring: Scoring
        /// How many of its items must be answered for a score; all of them unless the file says.
        public let minimumAnswered: Int
        /// A short reflective question shown beside a person's own score.
        public let prompt: Texts?
    }

    public struct Item: Sendable, Equatable {
        public let id: String
        public let subscale: String
        public let scale: String
        /// Scored the other way round: on a 5-point scale 1 counts as 5.
        public let reversed: Bool
        public let text: Texts
        /// Plain-language wording, where the file gives one.
        public let easyRead: Texts?
    }

    public let id: String
    public let version: Int
    public let languages: [String]
    public let title: Texts
    public let intro: Texts?
    /// Who wrote it and on what terms it is used.
    public let licence: String
    public let scales: [Scale]
    public let subscales: [Subscale]
    public let items: [Item]

    public func scale(of item: Item) -> Scale? {
        scales.first { $0.id == item.scale }
    }

    public func items(in subscale: Subscale) -> [Item] {
        items.filter { $0.subscale == subscale.id }
    }

    /// A text in the person's language, or in the instrument's first language.
    public func text(_ texts: Texts, in language: String) -> String {
        texts[language] ?? languages.first.flatMap { texts[$0] } ?? texts.values.sorted().first ?? ""
    }
}
