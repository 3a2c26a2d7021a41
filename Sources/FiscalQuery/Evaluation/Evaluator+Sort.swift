import FiscalModel

/// `sort` and `top` on all cores: each key becomes a column of machine integers that orders as
/// the values do (text by its rank among the distinct strings, amounts at one scale, missing
/// lowest); ranges of rows are sorted on their own threads and merged, or for `top n` each
/// range keeps its best n in a bounded heap. Ties keep the rows' order, so the result is the
/// one stable serial sort gives, whatever the split.
extension Evaluator {
    /// One sort key over the rows being sorted, indexed by position.
    enum SortColumn {
        case int([Int])
        case wide([Int128])
    }

    /// The rows' positions in sorted order (ascending positions break ties); with `limit`, only
    /// the first `limit` of them. `nil` when a key's values are not all of one kind that
    /// orders as machine integers: the caller then compares values.
    func sortedPositions(_ f: Frame, _ rows: [Int32], _ keys: [SortKey], _ compiled: [Compiled], limit: Int?) throws(QueryError) -> [Int32]? {
        var columns: [SortColumn] = []
        for (k, key) in keys.enumerated() {
            var column: FrameColumn?
            if case .field(let n) = key.expr { column = try self.column(n, in: f) }
            guard let c = try sortColumn(column, compiled[k], rows) else { return nil }
            columns.append(c)
        }
        let descending = keys.map(\.descending)
        let n = rows.count
        // Per key, -1, 0 or 1 for positions `a` and `b` (each closure holds its own column).
        let comparators: [(Int32, Int32) -> Int] = zip(columns, descending).map { column, desc in
            switch column {
            case .int(let xs):
                return { a, b in
                    let x = xs[Int(a)], y = xs[Int(b)]
                    return x == y ? 0 : ((x < y) != desc ? -1 : 1)
                }
            case .wide(let xs):
                return { a, b in
                    let x = xs[Int(a)], y = xs[Int(b)]
                    return x == y ? 0 : ((x < y) != desc ? -1 : 1)
                }
            }
        }
        // Whether position `a` comes before position `b`.
        let before: (Int32, Int32) -> Bool
        if comparators.count == 1, case .int(let xs) = columns[0] {
            let desc = descending[0]
            before = { a, b in
                let x = xs[Int(a)], y = xs[Int(b)]
                return x == y ? a < b : (x < y) != desc
            }
        } else if comparators.count == 1, case .wide(let xs) = columns[0] {
            let desc = descending[0]
            before = { a, b in
                let x = xs[Int(a)], y = xs[Int(b)]
                return x == y ? a < b : (x < y) != desc
            }
        } else {
            before = { a, b in
                for c in comparators {
                    let r = c(a, b)
                    if r != 0 { return r < 0 }
                }
                return a < b
            }
        }
        let ranges = context.rowRanges(n)
        if let limit, limit < n / 4 {
            let best = try parallelParts(ranges) { range in Evaluator.smallest(limit, range, before) }
            var candidates = best.flatMap { $0 }
            candidates.sort(by: before)
            return Array(candidates.prefix(limit))
        }
        let isCancelled = context.isCancelled
        var parts = try parallelParts(ranges) { range in
            var part = (Int32(range.lowerBound)..<Int32(range.upperBound)).map { $0 }
            // Ctrl-C: a sort of millions of rows looks at the flag every 65,536 comparisons.
            var comparisons = 0
            do {
                try part.sort { a, b in
                    comparisons &+= 1
                    if comparisons & 0xFFFF == 0, isCancelled() { throw SortCancelled() }
                    return before(a, b)
                }
            } catch {
                return []
            }
            return part
        }
        // Merge neighbouring sorted runs in rounds, each round's merges on their own threads.
        while parts.count > 1 {
            try checkCancelled(at: nil)
            let pairs = (parts.count + 1) / 2
            let current = parts
            parts = Parallel.map(pairs, threads: context.threads) { i in
                2 * i + 1 < current.count ? Evaluator.merge(current[2 * i], current[2 * i + 1], before) : current[2 * i]
            }
        }
        let sorted = parts.first ?? []
        return limit.map { Array(sorted.prefix($0)) } ?? sorted
    }

    /// `body` for each range on its own thread, looking at Ctrl-C before and after.
    private func parallelParts(_ ranges: [Range<Int>], _ body: (Range<Int>) -> [Int32]) throws(QueryError) -> [[Int32]] {
        try checkCancelled(at: nil)
        let parts = Parallel.map(ranges.count, threads: context.threads) { k in body(ranges[k]) }
        try checkCancelled(at: nil)
        return parts
    }

    /// Two runs sorted by `before` merged into one; on a tie the first run's element (the
    /// earlier position) comes first.
    static func merge(_ a: [Int32], _ b: [Int32], _ before: (Int32, Int32) -> Bool) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if before(b[j], a[i]) { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1 }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }

    /// The `k` first positions of `range` by `before`, kept in a bounded heap whose root is the
    /// last of them.
    static func smallest(_ k: Int, _ range: Range<Int>, _ before: (Int32, Int32) -> Bool) -> [Int32] {
        guard k > 0 else { return [] }
        var heap: [Int32] = []
        heap.reserveCapacity(k)
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < heap.count && before(heap[worst], heap[l]) { worst = l }
                if r < heap.count && before(heap[worst], heap[r]) { worst = r }
                if worst == i { return }
                heap.swapAt(i, worst)
                i = worst
            }
        }
        for p in range {
            let x = Int32(p)
            if heap.count < k {
                heap.append(x)
                var i = heap.count - 1
                while i > 0 {
                    let parent = (i - 1) / 2
                    guard before(heap[parent], heap[i]) else { break }
                    heap.swapAt(parent, i)
                    i = parent
                }
            } else if before(x, heap[0]) {
                heap[0] = x
                siftDown(0)
            }
        }
        return heap
    }

    /// A key's values at the rows, as integers that order as the values do (missing lowest),
    /// or `nil` when they are of mixed or unordered kinds.
    func sortColumn(_ column: FrameColumn?, _ compiled: Compiled, _ rows: [Int32]) throws(QueryError) -> SortColumn? {
        if let column {
            switch column.storage {
            case .text(let ids, let dictionary):
                let rank = Evaluator.ranks(dictionary)
                return .int(rows.map { p in let id = ids[Int(p)]; return id < 0 ? Int.min : rank[Int(id)] })
            case .integer(let xs):
                // Booleans are 0 and 1, false before true; missing is Int.min, lowest.
                return .int(rows.map { xs[Int($0)] })
            case .amount(let ms, let ss):
                return Evaluator.wide(rows.map { p -> Amount? in ss[Int(p)] < 0 ? nil : Amount(mantissa: ms[Int(p)], scale: Int(ss[Int(p)])) })
            case .values:
                break
            }
        }
        var values: [Value] = []
        values.reserveCapacity(rows.count)
        for p in rows { values.append(try compiled.eval(Int(p))) }
        if values.allSatisfy({ if case .integer = $0 { true } else { $0 == .null } }) {
            return .int(values.map { v -> Int in if case .integer(let x) = v { x } else { Int.min } })
        }
        if values.allSatisfy({ if case .amount = $0 { true } else { $0 == .null } }) {
            return Evaluator.wide(values.map { v -> Amount? in if case .amount(let a) = v { a } else { nil } })
        }
        if values.allSatisfy({ if case .text = $0 { true } else { $0 == .null } }) {
            var interner = Interner()
            let ids = values.map { v -> Int32 in if case .text(let s) = v { interner.id(s) } else { -1 } }
            let rank = Evaluator.ranks(interner.dictionary)
            return .int(ids.map { $0 < 0 ? Int.min : rank[Int($0)] })
        }
        return nil
    }

    /// Per string, its rank in ascending order (strings that are equal share one).
    static func ranks(_ dictionary: [String]) -> [Int] {
        let order = dictionary.indices.sorted { dictionary[$0] < dictionary[$1] }
        var rank = [Int](repeating: 0, count: dictionary.count)
        var r = 0
        for (i, d) in order.enumerated() {
            if i > 0 && dictionary[order[i - 1]] != dictionary[d] { r += 1 }
            rank[d] = r
        }
        return rank
    }

    /// Amounts as mantissas at their largest scale (missing lowest); `nil` when one does not fit.
    static func wide(_ amounts: [Amount?]) -> SortColumn? {
        let scale = amounts.reduce(0) { max($0, $1?.scale ?? 0) }
        var out: [Int128] = []
        out.reserveCapacity(amounts.count)
        for a in amounts {
            guard let a else { out.append(.min); continue }
            guard let m = try? a.checkedRescaled(to: scale).mantissa, m != .min else { return nil }
            out.append(m)
        }
        return .wide(out)
    }
}
