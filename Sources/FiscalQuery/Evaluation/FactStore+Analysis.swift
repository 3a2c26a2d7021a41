import FiscalModel

/// What depends only on the loaded facts, worked out on first use and kept with the store so
/// that a query pays for it once per load, not once per query: the classification codes parsed
/// into a hierarchy of integer nodes, each fact's code at every level, the stated totals among
/// all facts. The store is rebuilt when the reports change (``QueryContext/reports``), and
/// this cache with it.
///
/// A reference, so that the copies of the store each evaluation makes share one cache; the
/// lock makes it safe to fill from the threads of a query.
final class FactStoreAnalysis: @unchecked Sendable {
    private let lock = Lock()
    private var hierarchy: CodeHierarchy?
    private var levelCodes: [ClassificationCode.Level: IDColumn] = [:]
    private var levelNames: [ClassificationCode.Level: (names: [String], nameOf: [Int32], ids: IDColumn)] = [:]
    private var allStatedTotals: [Bool]?
    private var labelContexts: (ids: [Int32], count: Int)?
    private var identityRows: [Int32]?
    /// Its own lock: the rows are asked for while the main lock is held (working out the stated
    /// totals of every fact reads them).
    private let identityLock = Lock()

    init() {}

    /// The rows 0 ..< `n` (a frame over every fact, in order), made once: a query over ten
    /// million facts otherwise made 40 MB of fresh memory for them each time.
    func identity(_ n: Int) -> [Int32] {
        identityLock.withLock {
            if let rows = identityRows, rows.count == n { return rows }
            let rows = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
                for i in 0..<n { buffer[i] = Int32(truncatingIfNeeded: i) }
                initialized = n
            }
            identityRows = rows
            return rows
        }
    }

    /// Whether `rows` is the array ``identity(_:)`` gave (the same memory: 0, 1, … n-1), so a
    /// loop can take a row's place for the row and not read the 40 MB of a 10M-fact identity.
    func isIdentity(_ rows: [Int32]) -> Bool {
        identityLock.withLock {
            guard let identity = identityRows, identity.count == rows.count else { return false }
            return identity.withUnsafeBufferPointer { a in rows.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
        }
    }

    /// The hierarchy of the store's code column, parsed once.
    func codes(_ store: FactStore) -> CodeHierarchy {
        lock.withLock {
            if let hierarchy { return hierarchy }
            let h = CodeHierarchy(store.codeDictionary)
            hierarchy = h
            return h
        }
    }

    /// The hierarchy of a code dictionary: the store's cached one when it is the store's
    /// dictionary (a frame's code column gathered from the store shares it), else parsed now.
    func codes(_ dictionary: [String], _ store: FactStore) -> CodeHierarchy {
        let own = store.codeDictionary
        if dictionary.count == own.count && dictionary == own { return codes(store) }
        return CodeHierarchy(dictionary)
    }

    /// Per fact, the id of its code's ancestor at `level` in ``CodeHierarchy/levelDictionary``
    /// (-1 when the fact has no code at that level).
    func levelCodeIDs(_ level: ClassificationCode.Level, _ store: FactStore) -> IDColumn {
        let h = codes(store)
        return lock.withLock {
            if let ids = levelCodes[level] { return ids }
            guard case .text(let ids, _) = store.columns[FactStore.codeColumn].storage else { return IDColumn() }
            let map = h.levelIDs[level.rawValue - 1]
            let out = Evaluator.mapIDs(ids, map)
            levelCodes[level] = out
            return out
        }
    }

    /// Per fact, the id of its level code's name among `names` (the distinct names, in the order
    /// `nameOfLevelCode` first uses them): kept for as long as the names asked for stay the same.
    func levelNameIDs(_ level: ClassificationCode.Level, names: [String], nameOfLevelCode: [Int32],
                      _ store: FactStore) -> IDColumn {
        let codeIDs = levelCodeIDs(level, store)
        return lock.withLock {
            if let kept = levelNames[level], kept.names == names, kept.nameOf == nameOfLevelCode { return kept.ids }
            let ids = Evaluator.mapIDs(codeIDs, nameOfLevelCode)
            levelNames[level] = (names, nameOfLevelCode, ids)
            return ids
        }
    }

    /// Per fact: whether it is a stated total whose parts are also among the facts.
    func statedTotals(_ store: FactStore, compute: () -> [Bool]) -> [Bool] {
        lock.withLock {
            if let allStatedTotals { return allStatedTotals }
            let t = compute()
            allStatedTotals = t
            return t
        }
    }

    /// Per fact, an id of its (entity, year, phase, statement, measure): the context in which a
    /// 合计 row and its parts are looked for (the fund left out), and how many there are.
    func labelContexts(_ store: FactStore) -> (ids: [Int32], count: Int) {
        lock.withLock {
            if let labelContexts { return labelContexts }
            let columns = ["entity", "year", "phase", "statement", "measure"].compactMap { name in
                store.columns.first { $0.name == name }
            }
            let made = Evaluator.denseTuples(columns, count: store.count)
            labelContexts = made
            return made
        }
    }
}

extension FactStore {
    /// The distinct strings of the `code` column.
    var codeDictionary: [String] {
        if case .text(_, let d) = columns[FactStore.codeColumn].storage { return d }
        return []
    }
}

/// The classification codes of a code column's dictionary as integer nodes: every code a
/// dictionary entry is or lies under, with its parent, so that drill and level grouping
/// follow integers instead of parsing strings per row.
struct CodeHierarchy {
    /// Per dictionary id: its code, `nil` when the text is not a classification code.
    var parsed: [ClassificationCode?]
    /// Per dictionary id: the ids of its strict ancestors that are themselves in the dictionary.
    var ancestors: [[Int32]]
    /// Whether any entry has an ancestor in the dictionary (else no fact can be a total of another).
    var hasAncestors: Bool
    /// Every code an entry is or lies under (the nodes), in the order first met.
    var nodes: [ClassificationCode]
    /// Per node, its parent node (-1 for a 类).
    var parent: [Int32]
    /// Per node, its child nodes, ordered by code.
    var children: [[Int32]]
    /// The 类 nodes, ordered by code.
    var roots: [Int32]
    /// Per dictionary id: its lineage as nodes, from the 类 down (empty when not a code).
    var lineage: [[Int32]]
    /// Per code, its node.
    var node: [ClassificationCode: Int32]
    /// Per level (类, 款, 项 at 0, 1, 2): per dictionary id, the id of its ancestor at that level
    /// in ``levelDictionary`` (-1 when it is above that level or not a code).
    var levelIDs: [[Int32]]
    /// Per level, the distinct ancestor codes at that level, in the order first met.
    var levelDictionary: [[String]]

    init(_ dictionary: [String]) {
        let parsed = dictionary.map { ClassificationCode(rawValue: $0) }
        var index: [String: Int32] = [:]
        for (d, s) in dictionary.enumerated() where index[s] == nil { index[s] = Int32(d) }
        var node: [ClassificationCode: Int32] = [:]
        var nodes: [ClassificationCode] = [], parent: [Int32] = []
        var lineage: [[Int32]] = [], ancestors: [[Int32]] = []
        var levelIDs = [[Int32]](repeating: [Int32](repeating: -1, count: dictionary.count), count: 3)
        var levels = [Interner](repeating: Interner(), count: 3)
        for (d, code) in parsed.enumerated() {
            guard let code else { lineage.append([]); ancestors.append([]); continue }
            let chain = code.lineage
            var ids: [Int32] = []
            for c in chain {
                if let n = node[c] { ids.append(n); continue }
                let n = Int32(nodes.count)
                node[c] = n
                nodes.append(c)
                parent.append(ids.last ?? -1)
                ids.append(n)
            }
            lineage.append(ids)
            ancestors.append(chain.dropLast().compactMap { index[$0.rawValue] })
            for c in chain { levelIDs[c.level.rawValue - 1][d] = levels[c.level.rawValue - 1].id(c.rawValue) }
        }
        var children = [[Int32]](repeating: [], count: nodes.count)
        var roots: [Int32] = []
        for (n, p) in parent.enumerated() {
            if p < 0 { roots.append(Int32(n)) } else { children[Int(p)].append(Int32(n)) }
        }
        let byCode: (Int32, Int32) -> Bool = { nodes[Int($0)] < nodes[Int($1)] }
        self.children = children.map { $0.sorted(by: byCode) }
        self.roots = roots.sorted(by: byCode)
        self.parsed = parsed
        self.nodes = nodes
        self.parent = parent
        self.lineage = lineage
        self.ancestors = ancestors
        self.hasAncestors = ancestors.contains { !$0.isEmpty }
        self.node = node
        self.levelIDs = levelIDs
        self.levelDictionary = levels.map(\.dictionary)
    }
}

extension Evaluator {
    /// `ids` through `map` (an id of -1 stays -1), on all cores for long columns.
    /// The new ids are as narrow as the largest id of `map` allows.
    static func mapIDs(_ ids: IDColumn, _ map: [Int32], threads: Int = Parallel.threadCount) -> IDColumn {
        let ranges = threads <= 1 ? (ids.isEmpty ? [] : [0..<ids.count]) : Parallel.ranges(ids.count, parts: threads)
        func mapped<S: FixedWidthInteger, D: FixedWidthInteger>(_ src: UnsafeBufferPointer<S>, _: D.Type) -> [D] {
            var out = [D](repeating: -1, count: src.count)
            out.withUnsafeMutableBufferPointer { dst in
                _ = Parallel.map(ranges.count, threads: threads) { k in
                    for p in ranges[k] {
                        let id = Int(src[p])
                        dst[p] = id < 0 ? -1 : D(truncatingIfNeeded: map[id])
                    }
                }
            }
            return out
        }
        switch IDColumn.width(forDictionaryOf: Int(map.max() ?? -1) + 1) {
        case 1:
            func to8<S: FixedWidthInteger>(_ src: UnsafeBufferPointer<S>) -> IDColumn { IDColumn(int8: mapped(src, Int8.self)) }
            return ids.withUnsafeIDs(to8, to8, to8)
        case 2:
            func to16<S: FixedWidthInteger>(_ src: UnsafeBufferPointer<S>) -> IDColumn { IDColumn(int16: mapped(src, Int16.self)) }
            return ids.withUnsafeIDs(to16, to16, to16)
        default:
            func to32<S: FixedWidthInteger>(_ src: UnsafeBufferPointer<S>) -> IDColumn { IDColumn(mapped(src, Int32.self)) }
            return ids.withUnsafeIDs(to32, to32, to32)
        }
    }

    /// Per physical row, a dense id of the tuple of `columns`' values (numbered in the order
    /// first met), and how many there are. Interned text and integers are combined as numbers;
    /// other storage goes through values.
    static func denseTuples(_ columns: [FrameColumn], count: Int) -> (ids: [Int32], count: Int) {
        var keys: [IDColumn] = []
        for c in columns {
            switch c.storage {
            case .text(let ids, _): keys.append(ids)
            default:
                var seen: [Value: Int32] = [:]
                keys.append(IDColumn((0..<count).map { p in
                    let v = c.value(p)
                    if let id = seen[v] { return id }
                    let id = Int32(seen.count)
                    seen[v] = id
                    return id
                }))
            }
        }
        var out = [Int32](repeating: 0, count: count)
        var seen: [[Int32]: Int32] = [:]
        var key = [Int32](repeating: 0, count: keys.count)
        var lastKey: [Int32]?
        var lastID: Int32 = 0
        for p in 0..<count {
            for (i, k) in keys.enumerated() { key[i] = k[p] }
            if key == lastKey { out[p] = lastID; continue }
            let id: Int32
            if let known = seen[key] { id = known } else {
                id = Int32(seen.count)
                seen[key] = id
            }
            out[p] = id
            lastKey = key
            lastID = id
        }
        return (out, seen.count)
    }
}
