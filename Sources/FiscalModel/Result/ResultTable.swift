/// What every query and command returns: typed columns and rows of values.
///
/// Only the renderer turns a result table into text; commands never print.
public struct ResultTable: Sendable, Hashable {
    /// The kind of values a column holds, which decides alignment and JSON typing.
    public enum ColumnType: String, Sendable, Hashable {
        case text, integer, amount, ratio, percent, bool
    }

    public struct Column: Sendable, Hashable {
        public var name: String
        public var type: ColumnType
        public init(_ name: String, _ type: ColumnType) {
            self.name = name
            self.type = type
        }
    }

    public var columns: [Column]
    public var rows: [[Value]]
    /// For each row, the places in the reports its figures came from (empty when unknown).
    public var sources: [[SourceSpan]]
    /// For each row, its depth in a tree (drill-down); empty when the table is flat.
    public var depths: [Int]
    /// Remarks printed after the table (a difference between a stated total and its parts,
    /// a scope that was applied by default, …).
    public var notes: [String]

    public init(
        columns: [Column], rows: [[Value]] = [], sources: [[SourceSpan]] = [], depths: [Int] = [],
        notes: [String] = []
    ) {
        self.columns = columns
        self.rows = rows
        self.sources = sources
        self.depths = depths
        self.notes = notes
    }

    /// The index of the column named `name`.
    public func columnIndex(_ name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    /// The places row `row` came from.
    public func sources(ofRow row: Int) -> [SourceSpan] {
        row < sources.count ? sources[row] : []
    }

    /// Appends a row with its provenance.
    public mutating func append(_ row: [Value], sources rowSources: [SourceSpan] = [], depth: Int? = nil) {
        precondition(row.count == columns.count, "row width differs from the columns")
        rows.append(row)
        if !rowSources.isEmpty || !sources.isEmpty {
            while sources.count < rows.count - 1 { sources.append([]) }
            sources.append(rowSources)
        }
        if let depth {
            while depths.count < rows.count - 1 { depths.append(0) }
            depths.append(depth)
        }
    }
}
