/// What `compare` was asked for:
/// `compare DIM [value …] [base VALUE] [overall] [cagr]`.
///
/// `overall`, `cagr` and `base` are words of the `compare` stage only (a value that is one of
/// them can be written as text: `compare item "overall"`).
public struct CompareSpec: Sendable, Hashable {
    /// The column whose values are set side by side (`year`, `entity`, `phase`, `measure` …).
    public var dimension: Expr
    /// The values to compare, in the order shown; empty for all of them.
    public var values: [Expr]
    /// `base NAME`: the value the others are measured against (`compare entity`); the first
    /// value when `nil`.
    public var base: Expr?
    /// `overall`: also the change from the first value to the last (`delta`, `pct`).
    public var overall: Bool
    /// `cagr`: also the average annual rate from the first year to the last (`cagr`).
    public var cagr: Bool
    public var span: QuerySpan

    public init(dimension: Expr, values: [Expr] = [], base: Expr? = nil, overall: Bool = false, cagr: Bool = false,
                span: QuerySpan) {
        self.dimension = dimension
        self.values = values
        self.base = base
        self.overall = overall
        self.cagr = cagr
        self.span = span
    }

    /// The words that are options of `compare`, not values.
    public enum Option: String, Sendable, CaseIterable {
        case base, overall, cagr
    }
}
