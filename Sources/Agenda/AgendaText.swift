import Foundation

/// What a citizen writes first: what matters to them, and their one-page profile.
public struct AgendaText: Sendable, Equatable {
    public static let maximumLength = 2000

    public var whatMatters: String
    public var appreciated: String
    public var important: String
    public var support: String

    public init(whatMatters: String = "", appreciated: String = "", important: String = "", support: String = "") {
        self.whatMatters = whatMatters
        self.appreciated = appreciated
        self.important = important
        self.support = support
    }

    public init(_ plan: Plan) {
        self.init(
            whatMatters: plan.whatMatters ?? "", appreciated: plan.appreciated ?? "",
            important: plan.important ?? "", support: plan.support ?? "")
    }

    public var isWritten: Bool { !whatMatters.isEmpty }

    public enum Problem: Sendable, Equatable {
        case whatMattersMissing
        case tooLong(field: String)
    }

    /// Trims each text; nil-safe. Returns the problems, if any.
    public static func cleaned(
        whatMatters: String?, appreciated: String?, important: String?, support: String?
    ) -> (text: AgendaText, problems: [Problem]) {
        func clean(_ value: String?) -> String {
            (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let text = AgendaText(
            whatMatters: clean(whatMatters), appreciated: clean(appreciated), important: clean(important),
            support: clean(support))
        var problems: [Problem] = []
        if text.whatMatters.isEmpty { problems.append(.whatMattersMissing) }
        for (field, value) in [("whatMatters", text.whatMatters), ("appreciated", text.appreciated),
                               ("important", text.important), ("support", text.support)]
        where value.count > maximumLength {
            problems.append(.tooLong(field: field))
        }
        return (text, problems)
    }
}
