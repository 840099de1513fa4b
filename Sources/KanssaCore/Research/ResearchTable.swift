import Foundation

/// A table a module offers for a research export: one row per record, its cells still holding
/// account ids and exact times. Evaluation turns it into what a researcher may see — keyed
/// pseudonyms, dates to the month, values shared by fewer than five people held back — so a
/// module never decides that on its own.
public struct ResearchTable: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        /// A person (an account, or a respondent of a consultation): becomes a pseudonym.
        case person(UUID)
        case day(Date)
        case text(String)
        /// Nothing to say (a stint not ended, an answer not given).
        case none
    }

    /// Column names for statistics programs: lower case, no spaces, the same in every language.
    public let columns: [String]
    public var rows: [[Cell]]

    public init(columns: [String], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }
}
