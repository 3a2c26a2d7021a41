import BigInt
import FiscalModel

/// The average annual rate of a change over several years (CAGR):
/// `(last / first)^(1 / years) − 1`.
///
/// The root is seldom a fraction, so it cannot stay exact the way a `Ratio` does. Instead it is
/// computed exactly to ``digits`` decimals with whole numbers of any size: `R`, the whole part
/// of `10^digits · root`, is the integer `years`-th root of `⌊10^(digits·years) · last / first⌋`.
/// When the root does not end there, the result is `R + 0.1` units of the last decimal: a
/// value strictly between `R` and `R + 1` like the true root. Every rounding boundary at fewer
/// decimals than ``digits`` (half a unit of the 13th decimal or coarser) is a multiple of one
/// unit of the 14th, so it cannot fall strictly between the two: rounding it half away from
/// zero to 12 or fewer decimals of the fraction (10 of a percentage) gives the same digits as
/// rounding the true rate would. The printed rate is therefore the true rate correctly
/// rounded, never a rounding of a rounding.
public enum CompoundRate {
    /// The decimals of the fraction computed exactly: two more than the 12 (10 of a
    /// percentage) that are correctly rounded.
    public static let digits = 14
    /// The most years a rate is computed over (the root's operand grows as 10^(14·years)).
    public static let maximumYears = 200

    /// `(last / first)^(1 / years) − 1` as described above; `nil` when `first` is not above
    /// zero, `last` is below zero, or `years` is not between 1 and ``maximumYears``.
    public static func average(from first: Amount, to last: Amount, periods years: Int) -> Ratio? {
        guard first > .zero, !last.isNegative, (1...maximumYears).contains(years) else { return nil }
        // last / first = a / b with whole a, b (both amounts brought to one scale).
        let scale = max(first.scale, last.scale)
        let a = BigUInt(last.mantissa) * BigUInt(10).power(scale - last.scale)
        let b = BigUInt(first.mantissa) * BigUInt(10).power(scale - first.scale)
        let shifted = a * BigUInt(10).power(digits * years)
        let operand = shifted / b
        let root = integerRoot(operand, years)
        let exact = root.power(years) * b == shifted
        // rate = root / 10^digits − 1, with the sticky tenth when inexact.
        let unit = BigUInt(10).power(digits)
        let numerator: BigInt, denominator: BigUInt
        if exact {
            numerator = BigInt(root) - BigInt(unit)
            denominator = unit
        } else {
            numerator = BigInt(root * 10 + 1) - BigInt(unit * 10)
            denominator = unit * 10
        }
        guard let n = Int128(exactly: numerator), let d = Int128(exactly: denominator) else { return nil }
        return try? Ratio.exact(Amount(mantissa: n), Amount(mantissa: d))
    }

    /// The largest whole `r` with `r^k ≤ x` (Newton's method from above).
    static func integerRoot(_ x: BigUInt, _ k: Int) -> BigUInt {
        if x < 2 || k == 1 { return x }
        // Start above the root: 2^⌈bits/k⌉ > x^(1/k).
        var r = BigUInt(1) << ((x.bitWidth + k - 1) / k)
        let km1 = BigUInt(k - 1), kk = BigUInt(k)
        while true {
            let next = (km1 * r + x / r.power(k - 1)) / kk
            if next >= r { break }
            r = next
        }
        // Newton from above ends at ⌊x^(1/k)⌋; guard the edges all the same.
        while r.power(k) > x { r -= 1 }
        while (r + 1).power(k) <= x { r += 1 }
        return r
    }
}
