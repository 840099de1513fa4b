import Foundation

/// Figures about a group that never identify its members (DESIGN.md §4 rule 4): computed only for
/// five people or more.
public enum GroupFigures {
    /// The smallest group whose figures are shown.
    public static let smallestGroup = 5

    /// How a group's scores are spread.
    public struct Distribution: Sendable, Equatable {
        public let count: Int
        public let mean: Double
        /// Sample standard deviation (n − 1).
        public let standardDeviation: Double
        public let minimum: Double
        public let lowerQuartile: Double
        public let median: Double
        public let upperQuartile: Double
        public let maximum: Double
    }

    /// The distribution of `values`; nil for fewer than ``smallestGroup``.
    public static func distribution(_ values: [Double]) -> Distribution? {
        guard values.count >= smallestGroup else { return nil }
        let sorted = values.sorted()
        let mean = sorted.reduce(0, +) / Double(sorted.count)
        return Distribution(
            count: sorted.count, mean: mean, standardDeviation: standardDeviation(sorted, mean: mean),
            minimum: sorted[0], lowerQuartile: quantile(sorted, 0.25), median: quantile(sorted, 0.5),
            upperQuartile: quantile(sorted, 0.75), maximum: sorted[sorted.count - 1])
    }

    /// The change in people who answered both times: the mean of their differences (after minus
    /// before), its 95 % confidence interval from Student's t, and the standardised effect size
    /// d_z (mean difference over the standard deviation of the differences).
    public struct PairedChange: Sendable, Equatable {
        public let count: Int
        public let meanDifference: Double
        public let lower: Double
        public let upper: Double
        /// nil when every difference is the same (no spread to standardise by).
        public let effectSize: Double?
    }

    /// Pairs are (before, after) of the same person; nil for fewer than ``smallestGroup`` pairs.
    public static func pairedChange(_ pairs: [(before: Double, after: Double)]) -> PairedChange? {
        guard pairs.count >= smallestGroup else { return nil }
        let differences = pairs.map { $0.after - $0.before }
        let n = Double(differences.count)
        let mean = differences.reduce(0, +) / n
        let sd = standardDeviation(differences, mean: mean)
        let margin = StudentT.quantile(0.975, df: n - 1) * sd / n.squareRoot()
        return PairedChange(
            count: differences.count, meanDifference: mean, lower: mean - margin, upper: mean + margin,
            effectSize: sd > 0 ? mean / sd : nil)
    }

    static func standardDeviation(_ values: [Double], mean: Double) -> Double {
        guard values.count > 1 else { return 0 }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }

    /// Linear interpolation between closest ranks (the method spreadsheets call "inclusive").
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
