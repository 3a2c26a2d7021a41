import BigInt
import FiscalModel

/// An exact sum of quotients that has outgrown ``Ratio``'s 38-digit terms.
///
/// A sum of amounts divided by many different numbers (`sum(amount / line)` over a report's
/// lines) has a common denominator of hundreds of digits even though every term is small.
/// `sum` and `avg` go on adding such terms here, as a fraction of whole numbers of any size in
/// lowest terms, so the sum itself is exact; only its final value is rounded, and only when it
/// cannot be written with 38-digit terms (``value()``).
struct WideRatio {
    private(set) var numerator: BigInt
    /// Always above zero.
    private(set) var denominator: BigInt

    init(_ r: Ratio) {
        numerator = BigInt(r.numerator.mantissa)
        denominator = BigInt(r.denominator.mantissa)
    }

    /// Adds `r` exactly (`r` is defined: a zero denominator never reaches a sum).
    mutating func add(_ r: Ratio) {
        let n = BigInt(r.numerator.mantissa), d = BigInt(r.denominator.mantissa)
        let g = denominator.greatestCommonDivisor(with: d)
        numerator = numerator * (d / g) + n * (denominator / g)
        denominator = denominator / g * d
        reduce()
    }

    /// Divides by a count (an average).
    mutating func divide(by count: Int) {
        denominator *= BigInt(count)
        reduce()
    }

    private mutating func reduce() {
        let g = numerator.greatestCommonDivisor(with: denominator)
        if g > 1 {
            numerator /= g
            denominator /= g
        }
    }

    /// How many decimal digits the denominator has.
    var denominatorDigits: Int { denominator.description.count }

    /// The value as a ``Ratio``: exact when both terms fit, else rounded half away from zero
    /// to the most decimals (at most ``Amount/maximumScale``) that fit, with the number of
    /// decimals kept. `nil` when even the whole part does not fit.
    func value() -> (ratio: Ratio, roundedTo: Int?)? {
        if let n = Int128(exactly: numerator), let d = Int128(exactly: denominator),
           let r = try? Ratio.exact(Amount(mantissa: n), Amount(mantissa: d)) {
            return (r, nil)
        }
        for digits in stride(from: Amount.maximumScale, through: 0, by: -1) {
            let scaled = numerator * BigInt(10).power(digits)
            var (q, rest) = scaled.quotientAndRemainder(dividingBy: denominator)
            if rest.magnitude * 2 >= denominator.magnitude { q += numerator.sign == .minus ? -1 : 1 }
            if let m = Int128(exactly: q), let r = try? Ratio.exact(Amount(mantissa: m, scale: digits), 1) {
                return (r, digits)
            }
        }
        return nil
    }
}

extension Value {
    /// Whether the value is a quotient (a ratio or a percentage), which sums as a fraction.
    var isQuotient: Bool {
        switch self {
        case .ratio, .percent: true
        default: false
        }
    }
}
