/// An exact quotient of two amounts, kept as a fraction until it is printed.
///
/// `Ratio` is what division and shares produce: `part / whole` stays exact, and
/// ``rounded(toDigits:)`` or ``percent(digits:)`` round half away from zero only at
/// the end, to as many digits as the caller asks.
public struct Ratio: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: Amount
    public let denominator: Amount

    public init(numerator: Amount, denominator: Amount) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Whether the ratio has no value (a zero denominator).
    public var isUndefined: Bool { denominator.isZero }

    /// The quotient rounded half away from zero to `digits` after the point; `nil` when the
    /// denominator is zero.
    public func rounded(toDigits digits: Int) -> Amount? {
        guard !denominator.isZero else { return nil }
        // n/d = (nm·10^-ns) / (dm·10^-ds); we want q·10^-digits.
        // q = nm · 10^(digits + ds - ns) / dm
        let exponent = digits + denominator.scale - numerator.scale
        var n = numerator.mantissa
        var d = denominator.mantissa
        if exponent >= 0 { n *= Amount.powerOfTen(exponent) } else { d *= Amount.powerOfTen(-exponent) }
        return Amount(mantissa: Amount.divideRoundingHalfUp(n, d), scale: digits)
    }

    /// The ratio as a percentage rounded to `digits` after the point (`0.7022` → `70.22`).
    public func percent(digits: Int = 2) -> Amount? {
        Ratio(numerator: numerator * Amount(100), denominator: denominator).rounded(toDigits: digits)
    }

    /// The ratio multiplied by an amount, still exact.
    public static func * (lhs: Ratio, rhs: Amount) -> Ratio {
        Ratio(numerator: lhs.numerator * rhs, denominator: lhs.denominator)
    }

    public static func == (lhs: Ratio, rhs: Ratio) -> Bool {
        lhs.numerator * rhs.denominator == rhs.numerator * lhs.denominator
            && lhs.denominator.isZero == rhs.denominator.isZero
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rounded(toDigits: 12))
    }

    /// Orders by value; an undefined ratio sorts first.
    public static func < (lhs: Ratio, rhs: Ratio) -> Bool {
        if lhs.isUndefined || rhs.isUndefined { return lhs.isUndefined && !rhs.isUndefined }
        // Compare n1/d1 < n2/d2 with signs of denominators taken into account.
        let l = lhs.numerator * rhs.denominator
        let r = rhs.numerator * lhs.denominator
        let positive = (lhs.denominator.isNegative == rhs.denominator.isNegative)
        return positive ? l < r : r < l
    }

    /// The quotient to six digits, for debugging; renderers choose their own digits.
    public var description: String {
        rounded(toDigits: 6).map { $0.normalized.description } ?? "undefined"
    }
}
