import Foundation

/// Student's t distribution: its CDF through the regularised incomplete beta function, and
/// quantiles by bisection on the CDF — enough precision for confidence intervals on a page.
public enum StudentT {
    /// P(T ≤ t) for `df` degrees of freedom.
    public static func cdf(_ t: Double, df: Double) -> Double {
        let x = df / (df + t * t)
        let tail = 0.5 * regularizedIncompleteBeta(x, a: df / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The t such that P(T ≤ t) = p, for 0 < p < 1.
    public static func quantile(_ p: Double, df: Double) -> Double {
        precondition(p > 0 && p < 1 && df > 0)
        var low = -1e4, high = 1e4
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if cdf(middle, df: df) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// I_x(a, b), by the continued fraction (Lentz's method), using the symmetry that makes
    /// it converge quickly.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logFront: Double = logBeta + a * log(x) + b * log(1 - x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...300 {
            let m = Double(m)
            var numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < 1e-14 { break }
        }
        return result
    }
}
