import Foundation
import KanssaCore
import Testing

/// Group figures against values computed independently (Python's `statistics` module, and
/// printed tables of Student's t).
@Suite struct StatisticsTests {
    @Test(arguments: [(1.0, 12.7062), (4.0, 2.7764), (5.0, 2.5706), (9.0, 2.2622), (29.0, 2.0452), (120.0, 1.9799)])
    func tQuantilesMatchTheTables(df: Double, expected: Double) {
        #expect(abs(StudentT.quantile(0.975, df: df) - expected) < 0.0005, "df \(df)")
    }

    /// To six decimals, from one degree of freedom to the thousands a large pulse period has
    /// (scipy.stats.t.ppf).
    @Test(arguments: [(0.975, 1.0, 12.706205), (0.975, 2.0, 4.302653), (0.995, 3.0, 5.840909), (0.975, 1000.0, 1.962339),
                      (0.975, 10000.0, 1.960201), (0.025, 50.0, -2.008559)])
    func tQuantilesAreExactToSixDecimals(p: Double, df: Double, expected: Double) {
        #expect(abs(StudentT.quantile(p, df: df) - expected) < 2e-6, "p \(p), df \(df)")
    }

    @Test func theTDistributionIsSymmetric() {
        #expect(abs(StudentT.cdf(0, df: 7) - 0.5) < 1e-12)
        #expect(abs(StudentT.cdf(-2.3646, df: 7) - 0.025) < 0.0001)
        #expect(abs(StudentT.quantile(0.025, df: 7) + 2.3646) < 0.0005)
    }

    @Test func aDistributionIsShownFromFivePeople() throws {
        #expect(GroupFigures.distribution([1, 2, 3, 4]) == nil)
        let spread = try #require(GroupFigures.distribution([5, 1, 4, 2, 3]))
        #expect(spread.count == 5 && spread.mean == 3 && spread.median == 3)
        #expect(abs(spread.standardDeviation - 1.5811388300841898) < 1e-12)
        #expect(spread.lowerQuartile == 2 && spread.upperQuartile == 4 && spread.minimum == 1 && spread.maximum == 5)
    }

    @Test func thePairedChangeHasItsIntervalAndEffectSize() throws {
        let before = [2.0, 2.5, 3.0, 3.5, 4.0, 2.0]
        let after = [2.5, 3.5, 3.0, 4.5, 4.5, 3.0]
        let change = try #require(GroupFigures.pairedChange(Array(zip(before, after)).map { (before: $0.0, after: $0.1) }))
        #expect(change.count == 6)
        #expect(abs(change.meanDifference - 0.6666666666666666) < 1e-9)
        #expect(abs(change.lower - 0.23823636056421005) < 1e-6)
        #expect(abs(change.upper - 1.0950969727691233) < 1e-6)
        #expect(abs((change.effectSize ?? 0) - 1.632993161855452) < 1e-9)
    }

    @Test func fewerThanFivePairsOrNoSpreadSayLess() throws {
        #expect(GroupFigures.pairedChange([(1, 2), (2, 3), (3, 4), (4, 5)]) == nil)
        let same = try #require(GroupFigures.pairedChange([(1, 2), (2, 3), (3, 4), (4, 5), (5, 6)]))
        #expect(same.meanDifference == 1 && same.lower == 1 && same.upper == 1 && same.effectSize == nil)
    }
}
