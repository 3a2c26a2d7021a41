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
        case .number(let n): Amount(n.replacingExponent())
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

extension String {
    /// `1.5e2` → `150`; other numbers unchanged. Amounts are written without exponents,
    /// but hand-made JSON may use one.
    fileprivate func replacingExponent() -> String {
        guard let e = firstIndex(where: { $0 == "e" || $0 == "E" }), let exp = Int(self[index(after: e)...]) else {
            return self
        }
        guard var a = Amount(String(self[..<e])) else { return self }
        if exp >= 0 {
            a = a * Amount(mantissa: Amount.powerOfTen(min(exp, 30)), scale: 0)
        } else {
            a = Amount(mantissa: a.mantissa, scale: a.scale - exp)
        }
        return a.description
    }
}
