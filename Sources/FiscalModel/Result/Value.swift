/// One cell of a result table.
public enum Value: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Missing: shown as missing, never as zero.
    case null
    case text(String)
    case integer(Int)
    case amount(Amount)
    /// A quotient shown as a decimal (`derive per_head = amount / 83`).
    case ratio(Ratio)
    /// A quotient shown as a percentage (share, Δ%, execution rate).
    case percent(Ratio)
    case bool(Bool)

    /// The cell as plain text (amounts exact, ratios to the given digits).
    public func formatted(ratioDigits: Int = 4, percentDigits: Int = 2) -> String {
        switch self {
        case .null: ""
        case .text(let s): s
        case .integer(let i): String(i)
        case .amount(let a): a.description
        case .ratio(let r): r.rounded(toDigits: ratioDigits)?.description ?? ""
        case .percent(let r): r.percent(digits: percentDigits)?.description ?? ""
        case .bool(let b): b ? "true" : "false"
        }
    }

    public var description: String { formatted() }

    /// The amount the cell holds, for arithmetic (integers count as amounts).
    public var amountValue: Amount? {
        switch self {
        case .amount(let a): a
        case .integer(let i): Amount(i)
        default: nil
        }
    }

    private var rank: Int {
        switch self {
        case .null: 0
        case .bool: 1
        case .integer, .amount, .ratio, .percent: 2
        case .text: 3
        }
    }

    /// Orders missing first, then booleans, numbers by value, and text by code point.
    public static func < (lhs: Value, rhs: Value) -> Bool {
        if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
        switch (lhs, rhs) {
        case (.bool(let a), .bool(let b)): return !a && b
        case (.text(let a), .text(let b)): return a < b
        case (.ratio(let a), .ratio(let b)), (.percent(let a), .percent(let b)),
            (.ratio(let a), .percent(let b)), (.percent(let a), .ratio(let b)):
            return a < b
        case (.ratio(let a), _), (.percent(let a), _):
            return rhs.amountValue.map { a < Ratio(numerator: $0, denominator: 1) } ?? false
        case (_, .ratio(let b)), (_, .percent(let b)):
            return lhs.amountValue.map { Ratio(numerator: $0, denominator: 1) < b } ?? false
        default:
            guard let a = lhs.amountValue, let b = rhs.amountValue else { return false }
            return a < b
        }
    }
}
