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
    /// Where each row's figures came from, compactly: spans in a pool (often the fact store's
    /// own array, shared rather than copied) and, per row, indices into it. A group over ten
    /// million facts keeps ten million indices, not ten million span copies.
    public private(set) var provenance: RowProvenance
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
        self.provenance = RowProvenance(sources)
        self.depths = depths
        self.notes = notes
    }

    /// The index of the column named `name`.
    public func columnIndex(_ name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    /// The places row `row` came from.
    public func sources(ofRow row: Int) -> [SourceSpan] {
        provenance.spans(ofRow: row)
    }

    /// For each row, the places in the reports its figures came from (empty when unknown).
    /// Materialises every span: prefer ``sources(ofRow:)`` for large tables.
    public var sources: [[SourceSpan]] {
        get { (0..<rows.count).map { provenance.spans(ofRow: $0) } }
        set { provenance = RowProvenance(newValue) }
    }

    /// Sets every row's provenance at once: row `r` came from `pool[indices[offsets[r]..<offsets[r+1]]]`.
    public mutating func setProvenance(pool: [SourceSpan], indices: [Int32], offsets: [Int32]) {
        setProvenance(pool: SpanPool(pool), indices: indices, offsets: offsets)
    }

    /// Sets every row's provenance at once from a shared pool (such as the spans of facts held
    /// as columns, built only when a row's sources are asked for).
    public mutating func setProvenance(pool: SpanPool, indices: [Int32], offsets: [Int32]) {
        precondition(offsets.count == rows.count + 1, "one offset per row and one past the end")
        provenance = RowProvenance(pool: pool, indices: indices, offsets: offsets)
    }

    /// Sets every row's provenance from indices and offsets that `build` makes when a row's
    /// sources are first asked for (a grouping of millions of facts, of which most results are
    /// only shown). `build` gives one offset per row and one past the end.
    public mutating func setProvenance(pool: SpanPool, build: @escaping @Sendable () -> (indices: [Int32], offsets: [Int32])) {
        provenance = RowProvenance(pool: pool, rows: rows.count, build: build)
    }

    /// Appends a row with its provenance.
    public mutating func append(_ row: [Value], sources rowSources: [SourceSpan] = [], depth: Int? = nil) {
        precondition(row.count == columns.count, "row width differs from the columns")
        rows.append(row)
        provenance.append(rowSources, asRow: rows.count - 1)
        if let depth {
            while depths.count < rows.count - 1 { depths.append(0) }
            depths.append(depth)
        }
    }
}

/// Per row of a result table, the spans its figures came from, as indices into a pool of
/// spans (compressed-row layout: row `r` owns `indices[offsets[r]..<offsets[r+1]]`).
public struct RowProvenance: Sendable, Hashable {
    /// Indices and offsets made when first asked for, once (see ``init(pool:rows:build:)``).
    private final class Pending: @unchecked Sendable {
        private let lock = Lock()
        private let rows: Int
        private var built: (indices: [Int32], offsets: [Int32])?
        private var build: (@Sendable () -> (indices: [Int32], offsets: [Int32]))?

        init(rows: Int, build: @escaping @Sendable () -> (indices: [Int32], offsets: [Int32])) {
            self.rows = rows
            self.build = build
        }

        var value: (indices: [Int32], offsets: [Int32]) {
            lock.withLock {
                if let built { return built }
                let made = build!()
                precondition(made.offsets.count == rows + 1, "one offset per row and one past the end")
                built = made
                build = nil
                return made
            }
        }
    }

    public private(set) var pool: SpanPool
    private var storedIndices: [Int32]
    private var storedOffsets: [Int32]
    private var pending: Pending?

    /// Every row's indices into ``pool``, row after row.
    public var indices: [Int32] { pending?.value.indices ?? storedIndices }
    /// One offset per row plus one past the end; rows beyond it have no sources.
    public var offsets: [Int32] { pending?.value.offsets ?? storedOffsets }

    public init(pool: [SourceSpan] = [], indices: [Int32] = [], offsets: [Int32] = [0]) {
        self.init(pool: SpanPool(pool), indices: indices, offsets: offsets)
    }

    public init(pool: SpanPool, indices: [Int32], offsets: [Int32]) {
        self.pool = pool
        storedIndices = indices
        storedOffsets = offsets.isEmpty ? [0] : offsets
    }

    /// Provenance of `rows` rows whose indices and offsets `build` makes when first asked for.
    public init(pool: SpanPool, rows: Int, build: @escaping @Sendable () -> (indices: [Int32], offsets: [Int32])) {
        self.pool = pool
        storedIndices = []
        storedOffsets = [0]
        pending = Pending(rows: rows, build: build)
    }

    /// Provenance from explicit spans per row.
    public init(_ rows: [[SourceSpan]]) {
        self.init()
        for (r, spans) in rows.enumerated() { append(spans, asRow: r) }
    }

    /// The spans of row `row` (empty for rows without provenance).
    public func spans(ofRow row: Int) -> [SourceSpan] {
        let (indices, offsets) = (self.indices, self.offsets)
        guard row >= 0, row + 1 < offsets.count else { return [] }
        return indices[Int(offsets[row])..<Int(offsets[row + 1])].map { pool[Int($0)] }
    }

    /// Equal when every row has the same spans, however they are pooled.
    public static func == (lhs: RowProvenance, rhs: RowProvenance) -> Bool {
        let rows = max(lhs.offsets.count, rhs.offsets.count) - 1
        return (0..<rows).allSatisfy { lhs.spans(ofRow: $0) == rhs.spans(ofRow: $0) }
    }

    public func hash(into hasher: inout Hasher) {
        let offsets = self.offsets
        for row in 0..<(offsets.count - 1) where count(ofRow: row) > 0 {
            hasher.combine(row)
            hasher.combine(spans(ofRow: row))
        }
    }

    /// How many spans row `row` has.
    public func count(ofRow row: Int) -> Int {
        let offsets = self.offsets
        guard row >= 0, row + 1 < offsets.count else { return 0 }
        return Int(offsets[row + 1] - offsets[row])
    }

    /// Gives row `row` the spans `spans`; rows between the last one with provenance and `row`
    /// get none.
    mutating func append(_ spans: [SourceSpan], asRow row: Int) {
        if let pending {
            (storedIndices, storedOffsets) = pending.value
            self.pending = nil
        }
        guard !spans.isEmpty || storedOffsets.count > 1 else { return }
        while storedOffsets.count < row + 1 { storedOffsets.append(storedOffsets[storedOffsets.count - 1]) }
        for span in spans {
            storedIndices.append(Int32(pool.count))
            pool.append(span)
        }
        storedOffsets.append(Int32(storedIndices.count))
    }
}

/// The spans row provenance points into: spans held as they are, after (when given) the spans
/// of every fact of a ``FactColumns``, which are built only when read, so that ten million
/// facts loaded as columns keep no span each. Span `i < columns.count` is fact `i`'s.
public struct SpanPool: Sendable, Equatable {
    private let columns: FactColumns?
    private var spans: [SourceSpan]

    /// A pool of `spans`.
    public init(_ spans: [SourceSpan] = []) {
        columns = nil
        self.spans = spans
    }

    /// A pool of the spans of the facts of `columns`, in their order.
    public init(columns: FactColumns) {
        self.columns = columns
        spans = []
    }

    public var count: Int { (columns?.count ?? 0) + spans.count }

    /// Every span, in order (for tests and small pools: over columns it works out each one).
    public var all: [SourceSpan] { (0..<count).map { self[$0] } }

    public subscript(i: Int) -> SourceSpan {
        guard let columns else { return spans[i] }
        return i < columns.count ? columns.span(i) : spans[i - columns.count]
    }

    mutating func append(_ span: SourceSpan) { spans.append(span) }

    /// Equal when they hold the same spans in the same order.
    public static func == (lhs: SpanPool, rhs: SpanPool) -> Bool {
        if lhs.columns === rhs.columns { return lhs.spans == rhs.spans }
        return lhs.count == rhs.count && (0..<lhs.count).allSatisfy { lhs[$0] == rhs[$0] }
    }
}
