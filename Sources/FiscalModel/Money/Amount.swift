/// An exact decimal amount of money (or of anything counted).
///
/// Stored as an integer mantissa and a decimal scale, so `1014.73` is `101473 × 10⁻²`
/// and prints back exactly as `1014.73`. Arithmetic never goes through floating point:
/// `0.1 + 0.2 == 0.3`. Division produces a ``Ratio``, which rounds only when it is
/// asked for digits.
///
/// The scale the figure was written with is kept (`24.8` prints as `24.8`, `24.80`
/// as `24.80`), while equality and hashing compare values (`24.8 == 24.80`).
public struct Amount: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The integer digits of the amount, without the decimal point.
    public let mantissa: Int128
    /// The number of digits after the decimal point.
    public let scale: Int

    /// The largest scale an amount can carry.
    public static let maximumScale = 18

    /// An amount of `mantissa × 10^-scale`.
    public init(mantissa: Int128, scale: Int = 0) {
        precondition(scale >= 0 && scale <= 36, "amount scale out of range")
        self.mantissa = mantissa
        self.scale = scale
    }

    /// Skips the range check on hot paths where the scale is known to be valid.
    @inline(__always)
    init(unchecked mantissa: Int128, scale: Int) {
        self.mantissa = mantissa
        self.scale = scale
    }

    public init(integerLiteral value: Int) {
        self.init(mantissa: Int128(value), scale: 0)
    }

    /// An amount from an integer.
    public init(_ value: Int) {
        self.init(mantissa: Int128(value), scale: 0)
    }

    public static let zero = Amount(mantissa: 0)

    /// Whether the amount is exactly zero.
    public var isZero: Bool { mantissa == 0 }
    /// Whether the amount is below zero.
    public var isNegative: Bool { mantissa < 0 }

    /// The same value written with `scale` digits after the point; `scale` must not be lower
    /// than the amount's own scale unless the dropped digits are zeros (no rounding here).
    /// Traps when the result does not fit; ``checkedRescaled(to:)`` throws instead.
    public func rescaled(to newScale: Int) -> Amount {
        do { return try checkedRescaled(to: newScale) } catch { preconditionFailure("amount overflow rescaling \(self) to scale \(newScale)") }
    }

    /// The same value written with `scale` digits after the point, or an ``AmountOverflow``
    /// when its mantissa would not fit.
    public func checkedRescaled(to newScale: Int) throws(AmountOverflow) -> Amount {
        if newScale == scale { return self }
        if newScale > scale {
            guard newScale - scale <= 38 else { throw AmountOverflow() }
            let (m, overflow) = mantissa.multipliedReportingOverflow(by: Amount.powerOfTen(newScale - scale))
            if overflow { throw AmountOverflow() }
            return Amount(unchecked: m, scale: newScale)
        }
        let divisor = Amount.powerOfTen(scale - newScale)
        precondition(mantissa % divisor == 0, "rescaling would drop digits; use rounded(toDigits:)")
        return Amount(mantissa: mantissa / divisor, scale: newScale)
    }

    /// The value without trailing zeros after the point (`24.80` → `24.8`, `5.00` → `5`).
    public var normalized: Amount {
        var m = mantissa
        var s = scale
        while s > 0 && m % 10 == 0 {
            m /= 10
            s -= 1
        }
        return Amount(mantissa: m, scale: s)
    }

    /// The value rounded half away from zero ("四舍五入") to `digits` after the point.
    public func rounded(toDigits digits: Int) -> Amount {
        precondition(digits >= 0)
        if digits >= scale { return (try? checkedRescaled(to: digits)) ?? self }
        let divisor = Amount.powerOfTen(scale - digits)
        return Amount(mantissa: Amount.divideRoundingHalfUp(mantissa, divisor), scale: digits)
    }

    /// The absolute value.
    public var magnitude: Amount { Amount(mantissa: mantissa < 0 ? -mantissa : mantissa, scale: scale) }

    // MARK: Arithmetic

    /// The exact sum, or an ``AmountOverflow`` when it does not fit 38 digits.
    public func adding(_ other: Amount) throws(AmountOverflow) -> Amount {
        let s = max(scale, other.scale)
        let (m, overflow) = try checkedRescaled(to: s).mantissa.addingReportingOverflow(other.checkedRescaled(to: s).mantissa)
        if overflow { throw AmountOverflow() }
        return Amount(unchecked: m, scale: s)
    }

    /// The exact difference, or an ``AmountOverflow`` when it does not fit 38 digits.
    public func subtracting(_ other: Amount) throws(AmountOverflow) -> Amount {
        let s = max(scale, other.scale)
        let (m, overflow) = try checkedRescaled(to: s).mantissa.subtractingReportingOverflow(other.checkedRescaled(to: s).mantissa)
        if overflow { throw AmountOverflow() }
        return Amount(unchecked: m, scale: s)
    }

    /// The exact product (rounded to ``maximumScale`` digits after the point), or an
    /// ``AmountOverflow`` when it does not fit 38 digits.
    public func multiplied(by other: Amount) throws(AmountOverflow) -> Amount {
        let (m, overflow) = mantissa.multipliedReportingOverflow(by: other.mantissa)
        if overflow { throw AmountOverflow() }
        let product = Amount(unchecked: m, scale: scale + other.scale)
        return product.scale > Amount.maximumScale ? product.rounded(toDigits: Amount.maximumScale) : product
    }

    /// The negated amount, or an ``AmountOverflow`` for the one mantissa that has no negation.
    public func negated() throws(AmountOverflow) -> Amount {
        guard mantissa != .min else { throw AmountOverflow() }
        return Amount(unchecked: -mantissa, scale: scale)
    }

    // The operators trap on overflow. They serve values already known to be small (figures read
    // within ``withinModelBounds`` and a few of them added); anything a query computes goes
    // through the checked methods above.

    public static func + (lhs: Amount, rhs: Amount) -> Amount {
        do { return try lhs.adding(rhs) } catch { preconditionFailure("amount overflow in \(lhs) + \(rhs)") }
    }

    public static func - (lhs: Amount, rhs: Amount) -> Amount {
        do { return try lhs.subtracting(rhs) } catch { preconditionFailure("amount overflow in \(lhs) - \(rhs)") }
    }

    public static prefix func - (value: Amount) -> Amount {
        Amount(mantissa: -value.mantissa, scale: value.scale)
    }

    public static func * (lhs: Amount, rhs: Amount) -> Amount {
        do { return try lhs.multiplied(by: rhs) } catch { preconditionFailure("amount overflow in \(lhs) × \(rhs)") }
    }

    public static func += (lhs: inout Amount, rhs: Amount) { lhs = lhs + rhs }
    public static func -= (lhs: inout Amount, rhs: Amount) { lhs = lhs - rhs }

    /// The exact quotient, as a ratio that rounds only when asked for digits.
    public static func / (lhs: Amount, rhs: Amount) -> Ratio {
        Ratio(numerator: lhs, denominator: rhs)
    }

    // MARK: Comparison

    public static func == (lhs: Amount, rhs: Amount) -> Bool { compare(lhs, rhs) == 0 }

    public static func < (lhs: Amount, rhs: Amount) -> Bool { compare(lhs, rhs) < 0 }

    /// -1, 0 or 1, without overflow for any two amounts: the integer parts are compared
    /// first, then the fractions at the larger scale (at most 36 digits).
    static func compare(_ lhs: Amount, _ rhs: Amount) -> Int {
        if lhs.scale == rhs.scale { return lhs.mantissa == rhs.mantissa ? 0 : (lhs.mantissa < rhs.mantissa ? -1 : 1) }
        let (li, lf) = lhs.mantissa.quotientAndRemainder(dividingBy: powerOfTen(lhs.scale))
        let (ri, rf) = rhs.mantissa.quotientAndRemainder(dividingBy: powerOfTen(rhs.scale))
        if li != ri { return li < ri ? -1 : 1 }
        let s = max(lhs.scale, rhs.scale)
        let l = lf * powerOfTen(s - lhs.scale), r = rf * powerOfTen(s - rhs.scale)
        return l == r ? 0 : (l < r ? -1 : 1)
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.mantissa)
        hasher.combine(n.scale)
    }

    // MARK: Text

    /// The amount as written: digits, a point, and exactly `scale` digits after it.
    public var description: String {
        let negative = mantissa < 0
        var digits = String(negative ? -mantissa : mantissa)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }

    /// The amount with thousands separators in the integer part (`1,014.73`).
    public var groupedDescription: String {
        let plain = description
        let negative = plain.hasPrefix("-")
        let body = negative ? String(plain.dropFirst()) : plain
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var integer = Array(parts[0])
        var grouped: [Character] = []
        while integer.count > 3 {
            grouped.insert(contentsOf: [","] + integer.suffix(3), at: 0)
            integer.removeLast(3)
        }
        grouped.insert(contentsOf: integer, at: 0)
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + String(grouped) + fraction
    }

    // MARK: Helpers

    static func powerOfTen(_ exponent: Int) -> Int128 {
        precondition(exponent >= 0 && exponent <= 38)
        return powersOfTen[exponent]
    }

    private static let powersOfTen: [Int128] = {
        var table: [Int128] = [1]
        for _ in 1...38 { table.append(table[table.count - 1] * 10) }
        return table
    }()

    /// `numerator / denominator` rounded half away from zero; `denominator` is non-zero.
    static func divideRoundingHalfUp(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude, d = denominator.magnitude
        var q = n / d
        let r = n % d
        if r >= d - r { q += 1 }
        // |q| ≤ |numerator| + 1 fits unless numerator is Int128.min and the divisor ±1.
        return negative ? Int128(truncatingIfNeeded: 0 &- q) : Int128(truncatingIfNeeded: q)
    }
}

/// The exact result of arithmetic on amounts needs more than the 38 digits an amount holds.
public struct AmountOverflow: Error, Sendable, Equatable {
    public init() {}
}

extension Amount {
    /// The largest number of digits a figure read from a file may have before the point.
    public static let maximumIntegerDigits = 20
    /// The largest number of digits a figure read from a file may have after the point.
    public static let maximumFileScale = 12

    /// Whether the amount lies within what a figure read from a file may be: at most
    /// ``maximumIntegerDigits`` digits before the point and ``maximumFileScale`` after it.
    /// Within these bounds a million figures add up without overflow and any two divide
    /// into an exact ``Ratio``.
    public var withinModelBounds: Bool {
        guard scale <= Amount.maximumFileScale else { return false }
        let limit = Amount.powerOfTen(Amount.maximumIntegerDigits + scale)
        return mantissa > -limit && mantissa < limit
    }

    /// The exact sum of a sequence of amounts (zero for none), or an ``AmountOverflow``.
    public static func checkedSum<S: Sequence>(_ amounts: S) throws(AmountOverflow) -> Amount where S.Element == Amount {
        var total = Amount.zero
        for a in amounts { total = try total.adding(a) }
        return total
    }

    /// The sum of a sequence of amounts (zero for none).
    public static func sum<S: Sequence>(_ amounts: S) -> Amount where S.Element == Amount {
        amounts.reduce(Amount.zero, +)
    }
}
