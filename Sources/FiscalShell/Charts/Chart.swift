import FiscalModel
import FiscalQuery

/// What a chart shows, independent of where it is drawn (terminal, SVG, PNG, handout).
///
/// Values stay exact (`Amount`); only the drawing turns a value's share of the longest bar
/// into cells or pixels.
public struct Chart: Sendable, Hashable {
    /// How the values are drawn.
    public enum Kind: String, Sendable, Hashable {
        /// Horizontal bars, one per category (grouped when there are several series).
        case bars
        /// Parts of a whole: a 100% bar in a terminal, a pie in SVG.
        case structure
    }

    /// One value of one category.
    public struct Point: Sendable, Hashable {
        /// The value in the unit of its series; `nil` when missing (never drawn as zero).
        public var value: Amount?
        /// The value as the result table shows it (`24.8`, `70.22%`).
        public var text: String
        public init(value: Amount?, text: String) {
            self.value = value
            self.text = text
        }
    }

    /// One column of values (a year of a `compare`, or the one amount column).
    public struct Series: Sendable, Hashable {
        public var name: String
        public var points: [Point]
        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    public var kind: Kind
    public var title: String
    /// What the values count (万元, %), when known.
    public var unit: String?
    /// The bar labels, one per row drawn.
    public var categories: [String]
    public var series: [Series]
    /// Which reports and lines the figures came from (`县委办 2020 决算, wusheng-2020-决算.txt lines 27, 30`).
    public var source: String?
    /// Remarks to print under the chart (a total left out of a structure, missing values).
    public var notes: [String]
    /// The language of the words around the chart (`source:`, `note:`).
    public var language: Language = .english

    public init(kind: Kind, title: String, unit: String? = nil, categories: [String], series: [Series],
                source: String? = nil, notes: [String] = []) {
        self.kind = kind
        self.title = title
        self.unit = unit
        self.categories = categories
        self.series = series
        self.source = source
        self.notes = notes
    }

    /// Whether any drawn value is below zero.
    public var hasNegative: Bool {
        series.contains { $0.points.contains { $0.value.map(\.isNegative) ?? false } }
    }

    /// The largest magnitude drawn (zero when every value is zero or missing).
    public var largestMagnitude: Amount {
        series.flatMap { $0.points.compactMap { $0.value?.magnitude } }.max() ?? .zero
    }

    /// For a structure: each category's exact part of the whole (the first series), `nil` for
    /// a missing value or an empty whole.
    public var shares: [Ratio?] {
        guard let first = series.first else { return [] }
        let total = Amount.sum(first.points.compactMap(\.value))
        return first.points.map { p in
            guard let v = p.value, !total.isZero else { return nil }
            return v / total
        }
    }

    /// The figures drawn, as a table: the labels, one column per series, and for a structure
    /// each part's share of the whole.
    public var table: ResultTable {
        var columns: [ResultTable.Column] = [.init("label", .text)] + series.map { .init($0.name, .amount) }
        if kind == .structure { columns.append(.init("share", .percent)) }
        var t = ResultTable(columns: columns)
        let shares = self.shares
        for (i, label) in categories.enumerated() {
            var row: [Value] = [.text(label.trimmedWhitespace)] + series.map { s in s.points[i].value.map(Value.amount) ?? .null }
            if kind == .structure { row.append(shares[i].map(Value.percent) ?? .null) }
            t.append(row)
        }
        return t
    }

    /// `magnitude / largest` scaled to `units` and rounded half up: how many cells (or eighths
    /// of a cell) a bar takes. Exact: no floating point touches the value.
    static func scaled(_ magnitude: Amount, of largest: Amount, units: Int) -> Int {
        guard !largest.isZero, units > 0 else { return 0 }
        let ratio = (magnitude / largest) * Amount(units)
        guard let rounded = ratio.rounded(toDigits: 0) else { return 0 }
        return Int(rounded.mantissa)
    }

    /// The fraction `value / largest` as a number for geometry (pixel coordinates only).
    static func fraction(_ value: Amount, of largest: Amount) -> Double {
        guard !largest.isZero, let r = (value / largest).rounded(toDigits: 6) else { return 0 }
        return Double(r.description) ?? 0
    }
}
