import FiscalModel

/// The tolerances that tell a rounding difference from an error.
///
/// Reports state figures rounded half-up to their last digit (万元 to 0.01), and drop
/// trailing zeros (`24.8` is `24.80`). So the unit of the last digit of a group of figures
/// is taken from the figure written with the most digits, and every non-zero money figure
/// is taken to be off its true value by at most half that unit. A stated `0` is exact
/// (reports write 0 for nothing), and counts (人, 辆) are exact. docs/CHECKS.md gives the
/// arithmetic.
public enum Rounding {
    /// One unit of the last digit of the finest of `amounts` (`0.01` for `[24.8, 546.41]`).
    public static func unit(of amounts: [Amount]) -> Amount {
        let scale = amounts.map(\.scale).max() ?? 0
        return Amount(mantissa: 1, scale: scale)
    }

    /// Half a unit of the last digit of `amounts`.
    public static func halfUnit(of amounts: [Amount]) -> Amount {
        let u = unit(of: amounts)
        return Amount(mantissa: 5, scale: u.scale + 1)
    }

    /// The largest difference rounding can make between a stated total and the sum of its
    /// stated parts: `(k + 1) × ½ unit` for `k ≥ 2` non-zero parts (each part and the total
    /// may be off by half a unit), and zero when at most one part is non-zero (then the part
    /// and the total are the same sum, rounded the same way) or when the figures are counts.
    public static func sumTolerance(total: Amount, parts: [Amount], exact: Bool) -> Amount {
        let nonZero = parts.filter { !$0.isZero }.count
        if exact || nonZero <= 1 { return .zero }
        let half = halfUnit(of: [total] + parts)
        return half * Amount(nonZero + 1)
    }

    /// The severity of a difference: none when zero, rounding within `tolerance`, else error.
    public static func severity(of difference: Amount, tolerance: Amount) -> Finding.Severity? {
        if difference.isZero { return nil }
        return difference.magnitude <= tolerance ? .rounding : .error
    }

    /// How a report may have printed a quotient to its digits.
    public enum Printing: Sendable {
        /// Rounded half-up: the stated value is within half a unit of its last digit.
        case rounded
        /// Cut (truncated toward zero): 99.868% printed `99.86%`.
        case cut
        /// Moved by up to one unit so that shares add to 100%.
        case adjusted
    }

    /// Whether a percentage stated to its digits can be `numerator / denominator × 100`
    /// when both are rounded figures: the stated value, widened as `printing` allows, must
    /// meet the range the quotient spans as numerator and denominator move by their own
    /// rounding errors (`numeratorError`, `denominatorError`).
    public static func percentCompatible(
        stated: Amount, numerator: Amount, numeratorError: Amount, denominator: Amount, denominatorError: Amount,
        printing: Printing = .rounded
    ) -> Bool {
        let u = Amount(mantissa: 1, scale: stated.scale), h = Amount(mantissa: 5, scale: stated.scale + 1)
        let below: Amount, above: Amount
        switch printing {
        case .rounded: (below, above) = (h, h)
        case .adjusted: (below, above) = (u, u)
        case .cut: (below, above) = stated.isNegative ? (u, .zero) : (.zero, u)
        }
        var corners: [Ratio] = []
        for n in [numerator - numeratorError, numerator + numeratorError] {
            for d in [denominator - denominatorError, denominator + denominatorError] {
                // A denominator that rounding could make zero allows any quotient.
                if d.isZero || d.isNegative != denominator.isNegative { return true }
                corners.append(Ratio(numerator: n * Amount(100), denominator: d))
            }
        }
        let lo = corners.min()!
        let hi = corners.max()!
        let statedLo = Ratio(numerator: stated - below, denominator: 1)
        let statedHi = Ratio(numerator: stated + above, denominator: 1)
        return !(hi < statedLo) && !(statedHi < lo)
    }

    /// The rounding error of one stated figure: half a unit of `unit` unless it is zero or exact.
    public static func error(of amount: Amount, unit: Amount, exact: Bool) -> Amount {
        if exact || amount.isZero { return .zero }
        return Amount(mantissa: unit.mantissa * 5, scale: unit.scale + 1)
    }
}
