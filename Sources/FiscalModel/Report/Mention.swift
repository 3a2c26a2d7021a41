/// One place where a report states a figure. A ``Fact`` is a cell (one key, one amount); a
/// report may state it several times (the narrative and a table, a section and its 附件), and
/// each statement is a mention of the same fact.
public struct Mention: Sendable, Hashable {
    /// Where the figure is written.
    public var span: SourceSpan
    /// The value as this mention states it, in the fact's unit.
    public var amount: Amount
    /// How the reader found it, and so how sure it is.
    public var reading: Reading

    public init(span: SourceSpan, amount: Amount, reading: Reading) {
        self.span = span
        self.amount = amount
        self.reading = reading
    }
}

/// How a reader found a figure. Checks report a contradiction as the report's `error` only when
/// every figure involved was read with certainty; anything resting on an uncertain reading is
/// reported as `unsure`.
public enum Reading: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A table cell on a row whose classification code is printed.
    case tableCode = "table-code"
    /// A table cell on a row placed by its printed name (no code printed).
    case tableName = "table-name"
    /// A table cell whose row or column the reader had to infer (from arithmetic, from a
    /// matching amount, from a name it could not match exactly).
    case tableInferred = "table-inferred"
    /// A sentence of the narrative that names the item and states the figure.
    case narrative
    /// A narrative figure whose item the reader had to guess (an abbreviation, a sentence it
    /// could only partly parse).
    case narrativeInferred = "narrative-inferred"
    /// Computed by fiscal from other stated figures (a prior-year value from a stated change).
    case derived
    /// Given as structured data (the canonical JSON or CSV, a plugin's answer).
    case data

    /// Whether a contradiction resting on this reading is the report's (true) or may be the
    /// reader's (false).
    public var isCertain: Bool {
        switch self {
        case .tableCode, .tableName, .narrative, .data: true
        case .tableInferred, .narrativeInferred, .derived: false
        }
    }

    /// Whether the figure was read from a table cell.
    public var isTable: Bool { self == .tableCode || self == .tableName || self == .tableInferred }

    /// Orders from most to least certain (``tableCode`` first).
    public static func < (lhs: Reading, rhs: Reading) -> Bool {
        let order = Reading.allCases
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}
