import FiscalModel

/// How one column's values are stored: interned text, plain integers, amounts as
/// mantissa and scale, or general values. Hot loops (filter, group, sum) work on the first
/// three without building a `Value` per row.
enum Storage {
    /// Text as ids into a dictionary of distinct strings, as narrow as the dictionary allows
    /// (``IDColumn``); -1 is missing.
    case text(ids: IDColumn, dictionary: [String])
    /// Integers (and booleans as 0/1), each column in the narrowest type its values allow;
    /// `Int.min` is missing.
    case integer(IntegerColumn)
    /// Amounts, the mantissas 64-bit when they all fit; a scale of -1 is missing.
    case amount(mantissas: MantissaColumn, scales: [Int8])
    case values([Value])
}

/// A named, typed column of a frame, indexed by physical row.
struct FrameColumn {
    var name: String
    var type: ResultTable.ColumnType
    var storage: Storage

    /// The value at physical row `p`.
    func value(_ p: Int) -> Value {
        switch storage {
        case .text(let ids, let dictionary):
            let id = ids[p]
            return id < 0 ? .null : .text(dictionary[Int(id)])
        case .integer(let xs):
            let x = xs[p]
            if x == Int.min { return .null }
            return type == .bool ? .bool(x != 0) : .integer(x)
        case .amount(let ms, let ss):
            return ss[p] < 0 ? .null : .amount(Amount(mantissa: ms[p], scale: Int(ss[p])))
        case .values(let vs):
            return vs[p]
        }
    }

    /// A column of `values` with the storage its type suits.
    static func make(_ name: String, _ type: ResultTable.ColumnType, _ values: [Value]) -> FrameColumn {
        switch type {
        case .text:
            var interner = Interner()
            let ids = values.map { v -> Int32 in
                if case .text(let s) = v { return interner.id(s) }
                return -1
            }
            return FrameColumn(name: name, type: type, storage: .text(ids: IDColumn(narrowest: ids), dictionary: interner.dictionary))
        case .amount:
            var ms = [Int128](repeating: 0, count: values.count)
            var ss = [Int8](repeating: -1, count: values.count)
            for (i, v) in values.enumerated() {
                if let a = v.amountValue, case .amount = v {
                    ms[i] = a.mantissa
                    ss[i] = Int8(a.scale)
                } else if case .integer(let n) = v {
                    ms[i] = Int128(n)
                    ss[i] = 0
                }
            }
            return FrameColumn(name: name, type: type, storage: .amount(mantissas: MantissaColumn(ms), scales: ss))
        default:
            return FrameColumn(name: name, type: type, storage: .values(values))
        }
    }

    /// The column with only the physical rows `rows`, in that order.
    func gathered(_ rows: [Int32]) -> FrameColumn {
        var c = self
        switch storage {
        case .text(let ids, let d): c.storage = .text(ids: ids.gathered(rows), dictionary: d)
        case .integer(let xs): c.storage = .integer(xs.gathered(rows))
        case .amount(let ms, let ss): c.storage = .amount(mantissas: ms.gathered(rows), scales: rows.map { ss[Int($0)] })
        case .values(let vs): c.storage = .values(rows.map { vs[Int($0)] })
        }
        return c
    }
}

/// Gives each distinct string a small id.
struct Interner {
    var ids: [String: Int32] = [:]
    var dictionary: [String] = []
    var last: String?
    var lastID: Int32 = -1
    /// The ids ``add(_:)`` gave, in order.
    var column: [Int32] = []

    /// The id of `s`, appended to the interner's own column of ids.
    @discardableResult
    mutating func add(_ s: String?) -> Int32 {
        let i = id(s)
        column.append(i)
        return i
    }

    mutating func id(_ s: String?) -> Int32 {
        guard let s else { return -1 }
        if s == last { return lastID }
        let id: Int32
        if let known = ids[s] {
            id = known
        } else {
            id = Int32(dictionary.count)
            ids[s] = id
            dictionary.append(s)
        }
        last = s
        lastID = id
        return id
    }
}

/// Per row, a set of fact-store indices, held as one array and where each row's part starts
/// (compressed rows): a grouping of ten million facts keeps one array of ten million indices,
/// which the result table takes as it is, instead of an array per group copied twice.
struct FactSets: Equatable, Sendable {
    /// The indices and the starts, built when first asked for: a grouping of ten million facts
    /// makes them only when a row's sources or facts are needed, not for every query.
    private final class Held: @unchecked Sendable {
        private let lock = Lock()
        private var built: (flat: [Int32], starts: [Int])?
        private var build: (@Sendable () -> (flat: [Int32], starts: [Int]))?

        init(_ built: (flat: [Int32], starts: [Int])) { self.built = built }
        init(build: @escaping @Sendable () -> (flat: [Int32], starts: [Int])) { self.build = build }

        var value: (flat: [Int32], starts: [Int]) {
            lock.withLock {
                if let built { return built }
                let made = build!()
                precondition(made.starts.first == 0 && made.starts.last == made.flat.count, "starts from 0 to the end of the indices")
                built = made
                build = nil
                return made
            }
        }
    }

    /// How many rows.
    let count: Int
    private let held: Held

    init(flat: [Int32], starts: [Int]) {
        precondition(starts.first == 0 && starts.last == flat.count, "starts from 0 to the end of the indices")
        count = starts.count - 1
        held = Held((flat, starts))
    }

    /// `count` rows whose indices `build` makes when they are first asked for (once, on any thread).
    init(count: Int, build: @escaping @Sendable () -> (flat: [Int32], starts: [Int])) {
        self.count = count
        held = Held(build: build)
    }

    init(_ rows: [[Int32]]) {
        var flat: [Int32] = []
        flat.reserveCapacity(rows.reduce(0) { $0 + $1.count })
        var starts = [0]
        starts.reserveCapacity(rows.count + 1)
        for r in rows {
            flat.append(contentsOf: r)
            starts.append(flat.count)
        }
        self.init(flat: flat, starts: starts)
    }

    /// Every row's indices, row after row.
    var flat: [Int32] { held.value.flat }
    /// Row `r`'s indices are `flat[starts[r]..<starts[r + 1]]`.
    var starts: [Int] { held.value.starts }

    subscript(r: Int) -> ArraySlice<Int32> {
        let (flat, starts) = held.value
        return flat[starts[r]..<starts[r + 1]]
    }

    static func == (a: FactSets, b: FactSets) -> Bool {
        a.count == b.count && a.held.value.flat == b.held.value.flat && a.held.value.starts == b.held.value.starts
    }

    /// The rows at `rows`, in that order (made when asked for, as these are).
    func gathered(_ rows: [Int32]) -> FactSets {
        FactSets(count: rows.count) { [held] in
            let (flat, starts) = held.value
            var out: [Int32] = []
            var outStarts = [0]
            outStarts.reserveCapacity(rows.count + 1)
            for r in rows {
                out.append(contentsOf: flat[starts[Int(r)]..<starts[Int(r) + 1]])
                outStarts.append(out.count)
            }
            return (out, outStarts)
        }
    }

    /// Per row of `groups` (sets of these rows), the union of its rows' sets, in order.
    func combined(_ groups: FactSets) -> FactSets {
        FactSets(count: groups.count) { [held] in
            let (flat, starts) = held.value
            let (groupFlat, groupStarts) = groups.held.value
            var out: [Int32] = []
            var outStarts = [0]
            outStarts.reserveCapacity(groups.count + 1)
            for g in 0..<groups.count {
                for row in groupFlat[groupStarts[g]..<groupStarts[g + 1]] {
                    out.append(contentsOf: flat[starts[Int(row)]..<starts[Int(row) + 1]])
                }
                outStarts.append(out.count)
            }
            return (out, outStarts)
        }
    }
}

/// Where a frame's physical rows came from.
enum Provenance {
    /// Physical row `p` is fact `p` of the fact store.
    case base
    /// Per physical row, the fact-store indices it was computed from.
    case facts(FactSets)
    /// Per physical row, source spans (a `let` binding or a registered source).
    case spans([[SourceSpan]])
}

/// The evaluator's working table: columns over physical rows, an optional selection of
/// them (filters and sorts only rearrange the selection), and where rows came from.
struct Frame {
    var columns: [FrameColumn]
    var selection: [Int32]?
    var physicalCount: Int
    var provenance: Provenance
    /// Per physical row, the depth in a drill-down tree; empty when flat.
    var depths: [Int] = []
    var notes: [String] = []

    /// The number of rows.
    var count: Int { selection?.count ?? physicalCount }

    /// The physical row of logical row `r`.
    @inline(__always) func physical(_ r: Int) -> Int {
        if let s = selection { return Int(s[r]) }
        return r
    }

    /// Every physical row, in logical order.
    var physicalRows: [Int32] { selection ?? (0..<physicalCount).map(Int32.init) }

    func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// The frame with its selection applied to every column, so it can take new columns.
    func materialized() -> Frame {
        guard let s = selection else { return self }
        var f = self
        f.columns = columns.map { $0.gathered(s) }
        f.selection = nil
        f.physicalCount = s.count
        switch provenance {
        case .base: f.provenance = .facts(FactSets(flat: s, starts: Array(0...s.count)))
        case .facts(let sets): f.provenance = .facts(sets.gathered(s))
        case .spans(let spans): f.provenance = .spans(s.map { spans[Int($0)] })
        }
        if !depths.isEmpty { f.depths = s.map { depths[Int($0)] } }
        return f
    }

    /// A new materialized frame from rows of values.
    static func make(columns: [ResultTable.Column], rows: [[Value]], provenance: Provenance, notes: [String] = []) -> Frame {
        let cols = columns.enumerated().map { i, c in FrameColumn.make(c.name, c.type, rows.map { $0[i] }) }
        return Frame(columns: cols, selection: nil, physicalCount: rows.count, provenance: provenance, notes: notes)
    }

    /// The fact-store indices physical row `p` came from (empty for span provenance).
    func facts(ofPhysical p: Int) -> [Int32] {
        switch provenance {
        case .base: [Int32(p)]
        case .facts(let sets): Array(sets[p])
        case .spans: []
        }
    }

    /// Provenance for new rows, each made from a set of this frame's physical rows.
    func combinedProvenance(_ groups: [[Int32]]) -> Provenance {
        combinedProvenance(FactSets(groups))
    }

    func combinedProvenance(_ groups: FactSets) -> Provenance {
        switch provenance {
        case .base: return .facts(groups)
        case .facts(let sets): return .facts(sets.combined(groups))
        case .spans(let spans): return .spans((0..<groups.count).map { g in groups[g].flatMap { spans[Int($0)] } })
        }
    }
}

extension FrameColumn {
    /// The number of physical rows the column holds.
    var storageCount: Int {
        switch storage {
        case .text(let ids, _): ids.count
        case .integer(let xs): xs.count
        case .amount(let ms, _): ms.count
        case .values(let vs): vs.count
        }
    }
}
