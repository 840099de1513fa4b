/// A list of problems with a form, as an error a `Result` can carry.
public struct ProblemList<Problem: Sendable & Equatable>: Error, Sendable, Equatable {
    public let problems: [Problem]

    public init(_ problems: [Problem]) {
        self.problems = problems
    }
}
