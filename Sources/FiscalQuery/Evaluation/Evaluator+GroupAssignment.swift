import FiscalModel

/// Assigning rows to groups: keys built one key column at a time, on every core.
extension Evaluator {
    /// Per row (in `rows` order) its group, the first physical row of each group, and the count.
    func assignGroups(_ rows: [Int32], _ keys: [FrameColumn]) throws(QueryError) -> (gid: [Int32], first: [Int32], count: Int) {
        if keys.isEmpty { return ([Int32](repeating: 0, count: rows.count), [rows.first ?? 0], 1) }
        // When the rows are a small part of the columns (a filter kept a few), each key's codes
        // are built per row and looked up by `index` 0, 1, …; otherwise per physical row, looked
        // up by the row itself. (A code per physical row of ten million, for the two hundred
        // thousand rows a filter kept, was most of the time of a filtered comparison.)
        let gather = rows.count * 4 < keys[0].storageCount
        let index: [Int32] = gather ? Array(0..<Int32(rows.count)) : rows
        // Each key as a code per physical row (only `rows` are filled), and its cardinality:
        // interned text by its id (no copy), small ranges of integers (years) by their offset
        // from the smallest, anything else by a dense number per distinct value.
        var codes: [IDColumn] = []
        var plus: [Int32] = []
        var cards: [Int] = []
        for k in keys {
            switch k.storage {
            case .text(let ids, let d):
                codes.append(gather ? ids.gathered(rows) : ids)
                plus.append(1)
                cards.append(d.count + 1)
            case .integer(let xs):
                var low = Int.max, high = Int.min
                // Held in 16 or 32 bits (years), the values are their own codes offset by
                // 1 - low: the column is read as it is, not copied into codes (no value there is
                // missing, which only a 64-bit column can hold).
                if let ids = xs.sharedIDs {
                    (low, high) = bounds(ids, rows)
                    if low <= high, high - low < 1 << 20 {
                        codes.append(gather ? ids.gathered(rows) : ids)
                        // Wrapping: x + (1 - low) is in 1 ... 2²⁰ however far from 0 low is.
                        plus.append(Int32(truncatingIfNeeded: 1 - low))
                        cards.append(high - low + 2)
                        continue
                    }
                } else {
                    for p in rows {
                        let x = xs[Int(p)]
                        if x != Int.min { low = min(low, x); high = max(high, x) }
                    }
                }
                var c = [Int32](repeating: 0, count: gather ? rows.count : xs.count)
                if low > high {
                    cards.append(1)
                } else if !high.subtractingReportingOverflow(low).overflow, high - low < 1 << 20 {
                    // 0 is missing; a value is 1 + its offset from the smallest.
                    for (r, p) in rows.enumerated() {
                        let x = xs[Int(p)]
                        c[gather ? r : Int(p)] = x == Int.min ? 0 : Int32(x - low + 1)
                    }
                    cards.append(high - low + 2)
                } else {
                    var seen: [Int: Int32] = [:]
                    for (r, p) in rows.enumerated() {
                        let x = xs[Int(p)], at = gather ? r : Int(p)
                        if let known = seen[x] { c[at] = known; continue }
                        let n = Int32(seen.count)
                        seen[x] = n
                        c[at] = n
                    }
                    cards.append(max(1, seen.count))
                }
                codes.append(IDColumn(c))
                plus.append(0)
            default:
                var seen: [Value: Int32] = [:]
                var c = [Int32](repeating: 0, count: gather ? rows.count : k.storageCount)
                for (r, p) in rows.enumerated() {
                    let v = k.value(Int(p)), at = gather ? r : Int(p)
                    if let known = seen[v] { c[at] = known; continue }
                    let n = Int32(seen.count)
                    seen[v] = n
                    c[at] = n
                }
                codes.append(IDColumn(c))
                plus.append(0)
                cards.append(max(1, seen.count))
            }
        }
        func combinations() -> (Int, Bool) {
            var product = 1
            for c in cards {
                let (v, o) = product.multipliedReportingOverflow(by: c)
                if o { return (0, false) }
                product = v
            }
            return (product, true)
        }
        var (product, fits) = combinations()
        if !fits || product > 1 << 22 {
            // Too many combinations of the keys' whole dictionaries: number each key's values
            // among the rows only (a few thousand entities, ten codes …).
            for i in codes.indices {
                var dense: [Int32: Int32] = [:]
                var c = [Int32](repeating: 0, count: codes[i].count)
                for q in index {
                    let x = codes[i][Int(q)] &+ plus[i]
                    if let known = dense[x] { c[Int(q)] = known; continue }
                    let n = Int32(dense.count)
                    dense[x] = n
                    c[Int(q)] = n
                }
                codes[i] = IDColumn(c)
                plus[i] = 0
                cards[i] = max(1, dense.count)
            }
            (product, fits) = combinations()
        }
        var first: [Int32] = []
        func composite(_ p: Int) -> Int {
            var key = 0
            for (i, c) in codes.enumerated() { key = key &* cards[i] &+ Int(c[p] &+ plus[i]) }
            return key
        }
        let ranges = context.rowRanges(rows.count)
        if fits && product <= 1 << 22 && ranges.count > 1 {
            return try assignGroupsInRanges(rows, index: index, ranges, product: product, codes: codes, plus: plus, cards: cards)
        }
        // (Made here, not before the parallel path: a zeroed 40 MB array it never used was a
        // tenth of a grouped query at ten million facts.)
        var gid = [Int32](repeating: 0, count: rows.count)
        if fits && product <= 1 << 22 {
            var table = [Int32](repeating: -1, count: product)
            for (r, p32) in rows.enumerated() {
                if r & 0xFFFF == 0xFFFF { try checkCancelled(at: nil) }
                let key = composite(Int(index[r]))
                var g = table[key]
                if g < 0 {
                    g = Int32(first.count)
                    table[key] = g
                    first.append(p32)
                }
                gid[r] = g
            }
        } else {
            var table: [[Int32]: Int32] = [:]
            for (r, p32) in rows.enumerated() {
                if r & 0xFFFF == 0xFFFF { try checkCancelled(at: nil) }
                let key = codes.indices.map { codes[$0][Int(index[r])] &+ plus[$0] }
                if let g = table[key] {
                    gid[r] = g
                } else {
                    let g = Int32(first.count)
                    table[key] = g
                    first.append(p32)
                    gid[r] = g
                }
            }
        }
        return (gid, first, first.count)
    }

    /// The smallest and largest of `ids` at `rows` (`Int.max`, `Int.min` for no rows), each
    /// range of rows on its own thread.
    func bounds(_ ids: IDColumn, _ rows: [Int32]) -> (low: Int, high: Int) {
        let ranges = context.rowRanges(rows.count)
        let identity = store.analysis.isIdentity(rows)
        func scan<T: FixedWidthInteger>(_ xs: UnsafeBufferPointer<T>) -> [(Int, Int)] {
            rows.withUnsafeBufferPointer { rb in
                Parallel.map(ranges.count, threads: context.threads) { k in
                    var low = T.max, high = T.min
                    if identity {
                        for r in ranges[k] {
                            low = min(low, xs[r])
                            high = max(high, xs[r])
                        }
                    } else {
                        for r in ranges[k] {
                            let x = xs[Int(rb[r])]
                            low = min(low, x)
                            high = max(high, x)
                        }
                    }
                    return (Int(low), Int(high))
                }
            }
        }
        let parts = ids.withUnsafeIDs(scan, scan, scan)
        return (parts.map(\.0).min() ?? Int.max, parts.map(\.1).max() ?? Int.min)
    }

    /// ``assignGroupsInRanges(_:index:_:product:codes:plus:cards:)`` for one key of at most 2²⁰
    /// values (a year, an entity): each range of rows first lists the keys it meets in the order of
    /// their first row, reading the key column only; the ranges' lists, in range order, number
    /// the groups as the serial pass does; then each row's group is written once. (The general
    /// path writes a key per row, then rewrites it as a group within its range, then as the group.)
    func assignGroupsByOneKey(_ rows: [Int32], index: [Int32], _ ranges: [Range<Int>], product: Int, codes: IDColumn, plus add: Int32)
        throws(QueryError) -> (gid: [Int32], first: [Int32], count: Int)
    {
        let threads = context.threads
        let identity = store.analysis.isIdentity(index)
        func assign<T: FixedWidthInteger>(_ cb: UnsafeBufferPointer<T>) -> Result<(gid: [Int32], first: [Int32], count: Int), QueryError> {
            let locals = index.withUnsafeBufferPointer { ib in
                rows.withUnsafeBufferPointer { rb in
                    Parallel.map(ranges.count, threads: threads) { k in
                        Result { () throws(QueryError) -> (keys: [Int32], first: [Int32]) in
                            var seen = [Bool](repeating: false, count: product)
                            var keys: [Int32] = [], first: [Int32] = []
                            var next = ranges[k].lowerBound
                            while next < ranges[k].upperBound {
                                try checkCancelled(at: nil)
                                let stop = min(ranges[k].upperBound, next + 0x10000)
                                seen.withUnsafeMutableBufferPointer { seenKey in
                                    for r in next..<stop {
                                        let key = Int(Int32(truncatingIfNeeded: cb[identity ? r : Int(ib[r])]) &+ add)
                                        if seenKey[key] { continue }
                                        seenKey[key] = true
                                        keys.append(Int32(key))
                                        first.append(rb[r])
                                    }
                                }
                                next = stop
                            }
                            return (keys, first)
                        }
                    }
                }
            }
            var table = [Int32](repeating: -1, count: product)
            var first: [Int32] = []
            for local in locals {
                let keys: [Int32], firsts: [Int32]
                switch local {
                case .success(let listed): (keys, firsts) = listed
                case .failure(let error): return .failure(error)
                }
                for (i, key) in keys.enumerated() where table[Int(key)] < 0 {
                    table[Int(key)] = Int32(first.count)
                    first.append(firsts[i])
                }
            }
            // Not zeroed first: every row is written once, on its range's thread.
            var gid = [Int32](unsafeUninitializedCapacity: rows.count) { _, n in n = rows.count }
            index.withUnsafeBufferPointer { ib in
                table.withUnsafeBufferPointer { tb in
                    gid.withUnsafeMutableBufferPointer { out in
                        _ = Parallel.map(ranges.count, threads: threads) { k in
                            if identity {
                                for r in ranges[k] { out[r] = tb[Int(Int32(truncatingIfNeeded: cb[r]) &+ add)] }
                            } else {
                                for r in ranges[k] { out[r] = tb[Int(Int32(truncatingIfNeeded: cb[Int(ib[r])]) &+ add)] }
                            }
                        }
                    }
                }
            }
            return .success((gid, first, first.count))
        }
        return try codes.withUnsafeIDs(assign, assign, assign).get()
    }

    /// ``assignGroups(_:_:)`` on several threads: each row's composite key is built a key column
    /// at a time (tight loops over flat arrays, no call per row), then each range of rows numbers
    /// the groups it meets in the order of their first row; numbering the ranges' groups range by
    /// range then gives every group the number the serial pass gives it (the order of first rows
    /// overall). `product` ≤ 2²² keeps every composite key within an Int32.
    func assignGroupsInRanges(_ rows: [Int32], index: [Int32], _ ranges: [Range<Int>], product: Int, codes: [IDColumn], plus: [Int32], cards: [Int])
        throws(QueryError) -> (gid: [Int32], first: [Int32], count: Int)
    {
        if codes.count == 1, product <= 1 << 20 {
            return try assignGroupsByOneKey(rows, index: index, ranges, product: product, codes: codes[0], plus: plus[0])
        }
        let threads = context.threads
        // gid holds each row's composite key first, then its group within its range, then its group.
        // Not zeroed first: the first key column writes every row (on its thread), so the pages of
        // a fresh array are touched once, in parallel, instead of cleared on this thread first.
        var gid = [Int32](unsafeUninitializedCapacity: rows.count) { _, n in n = rows.count }
        // Every physical row in order: a row is its own index, not read from the 40 MB identity.
        let identity = store.analysis.isIdentity(index)
        index.withUnsafeBufferPointer { rb in
            gid.withUnsafeMutableBufferPointer { out in
                for i in codes.indices {
                    let card = Int32(cards[i]), add = plus[i]
                    func fold<T: FixedWidthInteger>(_ cb: UnsafeBufferPointer<T>) {
                        _ = Parallel.map(ranges.count, threads: threads) { k in
                            if identity {
                                if i == 0 {
                                    for r in ranges[k] { out[r] = Int32(truncatingIfNeeded: cb[r]) &+ add }
                                } else {
                                    for r in ranges[k] { out[r] = out[r] &* card &+ Int32(truncatingIfNeeded: cb[r]) &+ add }
                                }
                            } else if i == 0 {
                                for r in ranges[k] { out[r] = Int32(truncatingIfNeeded: cb[Int(rb[r])]) &+ add }
                            } else {
                                for r in ranges[k] { out[r] = out[r] &* card &+ Int32(truncatingIfNeeded: cb[Int(rb[r])]) &+ add }
                            }
                        }
                    }
                    codes[i].withUnsafeIDs(fold, fold, fold)
                }
            }
        }
        let locals = rows.withUnsafeBufferPointer { rb in
            gid.withUnsafeMutableBufferPointer { out in
                Parallel.map(ranges.count, threads: threads) { k in
                    Result { () throws(QueryError) -> (keys: [Int32], first: [Int32]) in
                        var keys: [Int32] = [], first: [Int32] = []
                        var dense = product <= 1 << 20 ? [Int32](repeating: -1, count: product) : []
                        var sparse: [Int32: Int32] = [:]
                        var next = ranges[k].lowerBound
                        while next < ranges[k].upperBound {
                            try checkCancelled(at: nil)
                            let stop = min(ranges[k].upperBound, next + 0x10000)
                            if dense.isEmpty {
                                for r in next..<stop {
                                    let key = out[r]
                                    if let g = sparse[key] { out[r] = g; continue }
                                    let g = Int32(keys.count)
                                    sparse[key] = g
                                    keys.append(key)
                                    first.append(rb[r])
                                    out[r] = g
                                }
                            } else {
                                dense.withUnsafeMutableBufferPointer { table in
                                    for r in next..<stop {
                                        let key = Int(out[r])
                                        var g = table[key]
                                        if g < 0 {
                                            g = Int32(keys.count)
                                            table[key] = g
                                            keys.append(Int32(key))
                                            first.append(rb[r])
                                        }
                                        out[r] = g
                                    }
                                }
                            }
                            next = stop
                        }
                        return (keys, first)
                    }
                }
            }
        }
        var table = [Int32](repeating: -1, count: product)
        var first: [Int32] = []
        var maps: [[Int32]] = []
        for local in locals {
            let (keys, firsts) = try local.get()
            maps.append(keys.indices.map { i in
                var g = table[Int(keys[i])]
                if g < 0 {
                    g = Int32(first.count)
                    table[Int(keys[i])] = g
                    first.append(firsts[i])
                }
                return g
            })
        }
        // A range whose groups are numbered as the serial pass numbers them needs no rewrite.
        let numbered = maps.map { map in map.indices.allSatisfy { map[$0] == Int32($0) } }
        gid.withUnsafeMutableBufferPointer { out in
            _ = Parallel.map(ranges.count, threads: threads) { k in
                guard !numbered[k] else { return }
                maps[k].withUnsafeBufferPointer { map in
                    for r in ranges[k] { out[r] = map[Int(out[r])] }
                }
            }
        }
        return (gid, first, first.count)
    }
}
