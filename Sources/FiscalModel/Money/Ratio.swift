/// An exact quotient of two amounts, kept as a fraction until it is printed.
///
/// `Ratio` is what division and shares produce: `part / whole` stays exact, and
/// ``rounded(toDigits:)`` or ``percent(digits:)`` round half away from zero only at
/// the end, to as many digits as the caller asks.
///
/// The fraction is kept in lowest terms as two whole numbers (`1014.73 / 83` is
/// `101473/8300`), so chains of sums and quotients stay small; arithmetic that would
/// need more than 38 digits in either term throws ``AmountOverflow`` instead of
/// rounding silently. A zero denominator is an undefined ratio (`numerator` is then
/// -1, 0 or 1).
public struct Ratio: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The numerator in lowest terms (a whole number).
    public let numerator: Amount
    /// The denominator in lowest terms (a whole number, zero or positive).
    public let denominator: Amount

    /// `numerator / denominator`, exact. Traps when the quotient cannot be written with
    /// terms of 38 digits, which cannot happen for amounts ``Amount/withinModelBounds``;
    /// ``exact(_:_:)`` throws instead.
    public init(numerator: Amount, denominator: Amount) {
        do { self = try Ratio.exact(numerator, denominator) } catch {
            preconditionFailure("amount overflow in \(numerator) / \(denominator)")
        }
    }

    private init(reduced n: Int128, _ d: Int128) {
        numerator = Amount(mantissa: n)
        denominator = Amount(mantissa: d)
    }

    /// `numerator / denominator` in lowest terms, or an ``AmountOverflow``.
    public static func exact(_ numerator: Amount, _ denominator: Amount) throws(AmountOverflow) -> Ratio {
        // n·10^-ns / (d·10^-ds) = (n·10^ds) / (d·10^ns); only the side with the smaller scale grows.
        var n = numerator.mantissa, d = denominator.mantissa
        let g0 = Ratio.gcd(n, d)
        if g0 > 1 { n /= g0; d /= g0 }
        let shift = denominator.scale - numerator.scale
        if shift > 0 { n = try Ratio.timesPowerOfTen(n, shift) } else if shift < 0 { d = try Ratio.timesPowerOfTen(d, -shift) }
        return try Ratio.reduced(n, d)
    }

    /// The fraction n/d in lowest terms with a non-negative denominator.
    static func reduced(_ n: Int128, _ d: Int128) throws(AmountOverflow) -> Ratio {
        if d == 0 { return Ratio(reduced: n.signum(), 0) }
        if n == 0 { return Ratio(reduced: 0, 1) }
        var n = n, d = d
        let g = gcd(n, d)
        if g > 1 { n /= g; d /= g }
        if d < 0 {
            guard n != .min, d != .min else { throw AmountOverflow() }
            n = -n; d = -d
        }
        return Ratio(reduced: n, d)
    }

    static func timesPowerOfTen(_ x: Int128, _ exponent: Int) throws(AmountOverflow) -> Int128 {
        if x == 0 { return 0 }
        guard exponent <= 38 else { throw AmountOverflow() }
        let (r, overflow) = x.multipliedReportingOverflow(by: Amount.powerOfTen(exponent))
        if overflow { throw AmountOverflow() }
        return r
    }

    static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
        var x = a.magnitude, y = b.magnitude
        while y != 0 { (x, y) = (y, x % y) }
        return x > UInt128(Int128.max) ? 1 : Int128(x)
    }

    static func checked(_ r: (partialValue: Int128, overflow: Bool)) throws(AmountOverflow) -> Int128 {
        if r.overflow { throw AmountOverflow() }
        return r.partialValue
    }

    private var n: Int128 { numerator.mantissa }
    private var d: Int128 { denominator.mantissa }

    // MARK: Exact arithmetic

    /// The exact sum, or an ``AmountOverflow``.
    public func adding(_ other: Ratio) throws(AmountOverflow) -> Ratio {
        try combine(other, subtract: false)
    }

    /// The exact difference, or an ``AmountOverflow``.
    public func subtracting(_ other: Ratio) throws(AmountOverflow) -> Ratio {
        try combine(other, subtract: true)
    }

    private func combine(_ other: Ratio, subtract: Bool) throws(AmountOverflow) -> Ratio {
        if isUndefined || other.isUndefined { return Ratio(reduced: 0, 0) }
        // a/b ± c/d = (a·(d/g) ± c·(b/g)) / (b/g·d), g = gcd(b, d)
        let g = Ratio.gcd(d, other.d)
        let left = try Ratio.checked(n.multipliedReportingOverflow(by: other.d / g))
        let right = try Ratio.checked(other.n.multipliedReportingOverflow(by: d / g))
        let top = try Ratio.checked(subtract ? left.subtractingReportingOverflow(right) : left.addingReportingOverflow(right))
        let bottom = try Ratio.checked((d / g).multipliedReportingOverflow(by: other.d))
        return try Ratio.reduced(top, bottom)
    }

    /// The exact product, or an ``AmountOverflow``.
    public func multiplied(by other: Ratio) throws(AmountOverflow) -> Ratio {
        if isUndefined || other.isUndefined { return Ratio(reduced: 0, 0) }
        // cross-reduce first so the products stay as small as the result allows
        let g1 = Ratio.gcd(n, other.d), g2 = Ratio.gcd(other.n, d)
        let top = try Ratio.checked((n / g1).multipliedReportingOverflow(by: other.n / g2))
        let bottom = try Ratio.checked((d / g2).multipliedReportingOverflow(by: other.d / g1))
        return try Ratio.reduced(top, bottom)
    }

    /// The exact quotient (undefined when `other` is zero), or an ``AmountOverflow``.
    public func divided(by other: Ratio) throws(AmountOverflow) -> Ratio {
        if other.isUndefined { return Ratio(reduced: 0, 0) }
        if other.n == 0 { return Ratio(reduced: n.signum(), 0) }
        return try multiplied(by: Ratio.reduced(other.d, other.n))
    }

    /// Whether the ratio has no value (a zero denominator).
    public var isUndefined: Bool { denominator.isZero }

    /// Whether the quotient is a whole number or a decimal that ends (its denominator has
    /// no prime factors but 2 and 5), so it can be written exactly.
    public var terminatingScale: Int? {
        guard !isUndefined else { return nil }
        var x = d, scale = 0
        var twos = 0, fives = 0
        while x % 2 == 0 { x /= 2; twos += 1 }
        while x % 5 == 0 { x /= 5; fives += 1 }
        guard x == 1 else { return nil }
        scale = max(twos, fives)
        return scale <= 38 ? scale : nil
    }

    // MARK: Rounding

    /// The quotient rounded half away from zero to `digits` after the point; `nil` when the
    /// denominator is zero. A quotient too large to carry `digits` more digits in 38 is given
    /// with as many as fit.
    public func rounded(toDigits digits: Int) -> Amount? {
        guard !isUndefined else { return nil }
        var digits = min(digits, 38)
        while digits > 0 {
            if let q = Ratio.roundedQuotient(n, d, digits) { return Amount(mantissa: q, scale: digits) }
            digits -= 1
        }
        return Amount(mantissa: Amount.divideRoundingHalfUp(n, d), scale: 0)
    }

    /// round(n · 10^digits / d), or nil when it does not fit.
    private static func roundedQuotient(_ n: Int128, _ d: Int128, _ digits: Int) -> Int128? {
        let negative = (n < 0) != (d < 0)
        let (high, low) = n.magnitude.multipliedFullWidth(by: Amount.powerOfTen(digits).magnitude)
        let dm = d.magnitude
        guard high < dm else { return nil }
        var (q, r) = dm.dividingFullWidth((high, low))
        if r >= dm - r { q += 1 }
        guard q <= UInt128(Int128.max) else { return nil }
        return negative ? -Int128(q) : Int128(q)
    }

    /// The ratio as a percentage rounded to `digits` after the point (`0.7022` → `70.22`).
    /// A percentage too large to carry `digits` is given with as many as fit; `nil` when even
    /// its whole number does not fit 38 digits.
    public func percent(digits: Int = 2) -> Amount? {
        guard !isUndefined else { return nil }
        for k in stride(from: min(digits, 36), through: 0, by: -1) {
            if let q = Ratio.roundedQuotient(n, d, k + 2) { return Amount(mantissa: q, scale: k) }
        }
        return nil
    }

    /// The quotient for machines: exact when it is a decimal that ends within `maximumDigits`
    /// after the point (`1/8` → `0.125`), else rounded to `maximumDigits` (`1/3` →
    /// `0.333333333333333333`); trailing zeros dropped. `nil` when undefined.
    public func decimal(maximumDigits: Int = 18) -> Amount? {
        let digits = terminatingScale.map { min($0, maximumDigits) } ?? maximumDigits
        return rounded(toDigits: digits)?.normalized
    }

    /// ``decimal(maximumDigits:)`` of the percentage (`0.70225` → `70.225`).
    public func percentDecimal(maximumDigits: Int = 16) -> Amount? {
        guard !isUndefined else { return nil }
        if let hundredfold = try? multiplied(by: Ratio.reduced(100, 1)) { return hundredfold.decimal(maximumDigits: maximumDigits) }
        return percent(digits: maximumDigits)?.normalized
    }

    /// The ratio multiplied by an amount, still exact (traps on overflow; see ``multiplied(by:)``).
    public static func * (lhs: Ratio, rhs: Amount) -> Ratio {
        do { return try lhs.multiplied(by: Ratio.exact(rhs, 1)) } catch { preconditionFailure("amount overflow in \(lhs) × \(rhs)") }
    }

    // MARK: Comparison

    public static func == (lhs: Ratio, rhs: Ratio) -> Bool {
        lhs.n == rhs.n && lhs.d == rhs.d
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(n)
        hasher.combine(d)
    }

    /// Orders by value; an undefined ratio sorts first.
    public static func < (lhs: Ratio, rhs: Ratio) -> Bool {
        if lhs.isUndefined || rhs.isUndefined { return lhs.isUndefined && !rhs.isUndefined }
        // n1/d1 < n2/d2 ⇔ n1·d2 < n2·d1 (denominators positive), compared at full width.
        let l = lhs.n.multipliedFullWidth(by: rhs.d)
        let r = rhs.n.multipliedFullWidth(by: lhs.d)
        return l.high != r.high ? l.high < r.high : l.low < r.low
    }

    /// The quotient to six digits, for debugging; renderers choose their own digits.
    public var description: String {
        rounded(toDigits: 6).map { $0.normalized.description } ?? "undefined"
    }
}
