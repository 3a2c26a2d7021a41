/// A JSON value that keeps numbers as the text they were written with, so exact decimal
/// amounts survive a round trip (`865.22` never becomes `865.2199999`).
///
/// Objects keep their key order.
public indirect enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number as its literal text (`865.22`, `-2.99`, `2020`).
    case number(String)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .number(let n): hasher.combine(n)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let o):
            for (k, v) in o {
                hasher.combine(k)
                hasher.combine(v)
            }
        }
    }

    /// A number value from an amount, written exactly.
    public static func amount(_ a: Amount) -> JSON { .number(a.description) }
    /// A number value from an integer.
    public static func int(_ i: Int) -> JSON { .number(String(i)) }

    /// The member named `key` of an object.
    public subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var intValue: Int? {
        if case .number(let n) = self { return Int(n) }
        return nil
    }

    /// The number as an exact amount (also accepts a string holding a number).
    public var amountValue: Amount? {
        switch self {
        case .number(let n): Amount.parseJSONNumber(n)
        case .string(let s): Amount(s)
        default: nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [JSON]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var isNull: Bool { self == .null }
}

extension Amount {
    /// A JSON number read exactly: `865.22`, `-2.99`, `1.5e2` (→ `150`), `1e-3` (→ `0.001`).
    /// `nil` when it is not a number or its value needs more than 36 digits after the point or
    /// 38 digits in all (`1e-37`, `1e40`): the exponent is bounded before any arithmetic.
    static func parseJSONNumber(_ text: String) -> Amount? {
        let bytes = Array(text.utf8)
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var digits: [UInt8] = []
        var fraction = 0
        var seenPoint = false
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                if !(digits.isEmpty && b == 0x30) || seenPoint { digits.append(b - 0x30) }
                if seenPoint { fraction += 1 }
            } else if b == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                break
            }
            i += 1
        }
        var exponent = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                expNegative = bytes[i] == UInt8(ascii: "-"); i += 1
            }
            var sawDigit = false
            while i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 {
                sawDigit = true
                if exponent < 10_000 { exponent = exponent * 10 + Int(bytes[i] - 0x30) }
                i += 1
            }
            guard sawDigit else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == bytes.count else { return nil }
        // Leading zeros of the fraction (0.001) stay in `digits`; drop them from the front.
        while digits.count > 1, digits.first == 0 { digits.removeFirst() }
        // Trailing zeros beyond the point do not change the value; drop them while the scale is too big.
        var scale = fraction - exponent
        while scale > 36, digits.last == 0, digits.count > 1 { digits.removeLast(); scale -= 1 }
        if digits.allSatisfy({ $0 == 0 }) { return Amount.zero }
        guard scale <= 36, digits.count <= 38, digits.count + max(0, -scale) <= 38 else { return nil }
        var mantissa: Int128 = 0
        for d in digits { mantissa = mantissa * 10 + Int128(d) }
        if scale < 0 {
            mantissa *= Amount.powerOfTen(-scale)
            scale = 0
        }
        return Amount(mantissa: negative ? -mantissa : mantissa, scale: scale)
    }
}
