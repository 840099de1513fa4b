import Foundation

extension Instrument {
    /// One person's score on one subscale; nil `value` when too few of its items were answered.
    public struct SubscaleScore: Sendable, Equatable {
        public let subscale: String
        public let value: Double?
        public let answered: Int
        public let items: Int
    }

    public enum AnswerProblem: Sendable, Equatable {
        case unknownItem(String)
        /// Not a point of the item's scale.
        case outOfScale(item: String)
    }

    /// The answers that are answers: each item known, each value a point of its scale. Items left
    /// out are missing, which is allowed.
    public func check(_ answers: [String: Int]) -> Result<[String: Int], ProblemList<AnswerProblem>> {
        var problems: [AnswerProblem] = []
        for (itemID, value) in answers.sorted(by: { $0.key < $1.key }) {
            guard let item = items.first(where: { $0.id == itemID }), let scale = scale(of: item) else {
                problems.append(.unknownItem(itemID))
                continue
            }
            if !(1...scale.points).contains(value) { problems.append(.outOfScale(item: itemID)) }
        }
        return problems.isEmpty ? .success(answers) : .failure(ProblemList(problems))
    }

    /// The value an answer counts as: reversed items count the other way round.
    public func scored(_ item: Item, _ value: Int) -> Int {
        guard item.reversed, let scale = scale(of: item) else { return value }
        return scale.points + 1 - value
    }

    /// Scores per subscale, in the file's order. A mean is taken over the items answered; a sum
    /// over all of them, or — when some are missing but at least `minimumAnswered` were
    /// answered — the mean of those answered times the number of items (prorated), so that a
    /// missing answer does not read as the lowest one. Fewer answered than the minimum: no score.
    public func score(_ answers: [String: Int]) -> [SubscaleScore] {
        subscales.map { subscale in
            let members = items(in: subscale)
            let values = members.compactMap { item in answers[item.id].map { scored(item, $0) } }
            guard !values.isEmpty, values.count >= subscale.minimumAnswered else {
                return SubscaleScore(subscale: subscale.id, value: nil, answered: values.count, items: members.count)
            }
            let mean = Double(values.reduce(0, +)) / Double(values.count)
            let value = switch subscale.scoring {
            case .mean: mean
            case .sum: values.count == members.count ? Double(values.reduce(0, +)) : mean * Double(members.count)
            }
            return SubscaleScore(subscale: subscale.id, value: value, answered: values.count, items: members.count)
        }
    }
}
