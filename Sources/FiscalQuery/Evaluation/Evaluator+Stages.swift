import FiscalModel

extension Evaluator {
    /// `where`: narrows the selection; columns are not copied. The rows are tested in ranges,
    /// one per thread, and the kept rows joined in order: the selection is the serial one.
    func filter(_ f: Frame, _ e: Expr) throws(QueryError) -> Frame {
        let test = try predicate(e, f)
        var out = f
        let selection = f.selection
        let ranges = context.rowRanges(f.count)
        // A condition on one interned text column: a loop over its ids, per range of rows.
        if let (ids, verdict, missing) = idVerdict(e, f) {
            func keep<T: FixedWidthInteger>(_ xs: UnsafeBufferPointer<T>) -> [[Int32]] {
                verdict.withUnsafeBufferPointer { v in
                    Parallel.map(ranges.count, threads: context.threads) { k -> [Int32] in
                        var kept: [Int32] = []
                        kept.reserveCapacity(ranges[k].count / 8)
                        if let s = selection {
                            for i in ranges[k] {
                                let id = Int(xs[Int(s[i])])
                                if id >= 0 ? v[id] : missing { kept.append(s[i]) }
                            }
                        } else {
                            for p in ranges[k] {
                                let id = Int(xs[p])
                                if id >= 0 ? v[id] : missing { kept.append(Int32(p)) }
                            }
                        }
                        return kept
                    }
                }
            }
            try checkCancelled(at: nil)
            out.selection = Array(ids.withUnsafeIDs(keep, keep, keep).joined())
            return out
        }
        let parts = Parallel.map(ranges.count, threads: context.threads) { k in
            Result { () throws(QueryError) -> [Int32] in
                var kept: [Int32] = []
                kept.reserveCapacity(ranges[k].count / 4)
                if let s = selection {
                    for i in ranges[k] {
                        if i & 0xFFFF == 0xFFFF { try checkCancelled(at: nil) }
                        if try test(Int(s[i])) { kept.append(s[i]) }
                    }
                } else {
                    for p in ranges[k] {
                        if p & 0xFFFF == 0xFFFF { try checkCancelled(at: nil) }
                        if try test(p) { kept.append(Int32(p)) }
                    }
                }
                return kept
            }
        }
        // The first error in row order, as a serial pass would meet it.
        var kept: [Int32] = []
        for part in parts {
            switch part {
            case .success(let rows): kept.append(contentsOf: rows)
            case .failure(let error): throw error
            }
        }
        out.selection = kept
        return out
    }

    /// `sort`: a stable sort of the selection; missing values sort first ascending, last descending.
    /// With `limit` (`top n`), the selection is the first `limit` rows of that order.
    func sort(_ f: Frame, _ keys: [SortKey], limit: Int? = nil) throws(QueryError) -> Frame {
        var compiled: [Compiled] = []
        for k in keys { compiled.append(try compile(k.expr, f)) }
        let rows = physicalRows(f)
        var out = f
        if let positions = try sortedPositions(f, rows, keys, compiled, limit: limit.map { max(0, $0) }) {
            out.selection = positions.map { rows[Int($0)] }
        } else {
            out.selection = try sortComparingValues(rows, keys, compiled)
            if let limit { out.selection = Array(out.selection!.prefix(max(0, limit))) }
        }
        let byAmount = keys.contains { key in
            if case .field(let n) = key.expr { return FieldNames.canonical(n.text) == "amount" }
            return false
        }
        if byAmount, let units = distinctUnits(f), units.count > 1 {
            out.notes.append(note(.noteSortUnits, list(units.prefix(3)), units[0]))
        }
        return out
    }

    /// The serial sort for keys whose values do not all order as machine integers (mixed
    /// kinds, ratios): the values compared one pair at a time.
    func sortComparingValues(_ rows: [Int32], _ keys: [SortKey], _ compiled: [Compiled]) throws(QueryError) -> [Int32] {
        var values: [[Value]] = []
        values.reserveCapacity(rows.count)
        for p in rows {
            var row: [Value] = []
            for c in compiled { row.append(try c.eval(Int(p))) }
            values.append(row)
        }
        // Ctrl-C: a sort of millions of rows looks at the flag every 65,536 comparisons.
        var comparisons = 0
        let order: [Int]
        do {
            order = try Array(rows.indices).sorted { i, j in
            comparisons &+= 1
            if comparisons & 0xFFFF == 0, context.isCancelled() { throw SortCancelled() }
            for (k, key) in keys.enumerated() {
                let a = values[i][k], b = values[j][k]
                if a == b { continue }
                let less = Evaluator.order(a, b).map { $0 < 0 } ?? (a < b)
                let greater = Evaluator.order(a, b).map { $0 > 0 } ?? (b < a)
                if !less && !greater { continue }
                return key.descending ? greater : less
            }
            return i < j
            }
        } catch {
            try checkCancelled(at: nil)
            throw QueryError(Message(.interrupted))
        }
        return order.map { rows[$0] }
    }

    struct SortCancelled: Error {}

    /// The distinct units among the frame's rows, when it has a `unit` column.
    func distinctUnits(_ f: Frame) -> [String]? {
        guard let i = f.columnIndex("unit"), case .text(let ids, let dictionary) = f.columns[i].storage else { return nil }
        var seen = Set<Int32>()
        for p in f.physicalRows where ids[Int(p)] >= 0 { seen.insert(ids[Int(p)]) }
        return seen.sorted().map { dictionary[Int($0)] }
    }

    /// `share x [by keys]`: each row's exact fraction of the total of `x` over the rows it is
    /// applied to (or over the rows of its group), shown as a percentage; the shares of the
    /// rows (of each group) add up to 100%.
    ///
    /// Amounts of different measures are not added into one total: when the rows hold the total
    /// measure and others, the shares are of the total measure's rows (the others are left
    /// out, with a note); without a total measure, different measures are an error.
    func share(_ f: Frame, _ e: Expr, by keys: [Expr], name: String) throws(QueryError) -> Frame {
        var scoped = f
        var notes = f.notes
        let (keyColumns, _) = try groupKeys(keys, in: f)
        let byMeasure = keyColumns.contains { $0.name == "measure" }
        if !byMeasure {
            var rows = physicalRows(f)
            var gid = [Int32](repeating: 0, count: rows.count)
            try keepOneMeasure(f, &rows, gid: &gid, groupCount: 1, what: Message(.whatShare), span: e.span, notes: &notes)
            scoped.selection = rows
        }
        var out = scoped.materialized()
        out.notes = notes
        let c = try compile(e, out)
        guard c.type == .amount || c.type == .integer else {
            throw QueryError(Message(.evalShareNeedsAmount, describe(e, c.type)), at: e.span)
        }
        let rows = physicalRows(scoped)
        let (gid, _, groupCount) = try assignGroups(rows, keyColumns)
        if let ui = f.columnIndex("unit"), case .text(let uids, let units) = f.columns[ui].storage {
            var first = [Int32](repeating: -2, count: groupCount)
            for (r, p) in rows.enumerated() {
                let u = uids[Int(p)], g = Int(gid[r])
                if first[g] == -2 { first[g] = u } else if first[g] != u && u >= 0 && first[g] >= 0 {
                    let names = [units[Int(first[g])], units[Int(u)]]
                    throw QueryError(Message(.evalShareUnits, names.joined(separator: ", ")), at: e.span, hint: Message(.hintFilterUnitFirst, names[0]))
                }
            }
        }
        // A row with no value of a key (no code at the level of `by 类`) has no group to be a share of.
        let keyless = keyColumns.isEmpty ? [] : rows.map { p in keyColumns.contains { $0.value(Int(p)) == .null } }
        let values = try c.values(out.count)
        var totals = [Amount](repeating: .zero, count: groupCount)
        for (r, v) in values.enumerated() where keyless.isEmpty || !keyless[r] {
            guard let a = v.amountValue else { continue }
            let g = Int(gid[r]), before = totals[g]
            totals[g] = try Evaluator.exactly(Message(.whatTotalOf, e.sourceText), at: e.span) { () throws(AmountOverflow) in try before.adding(a) }
        }
        var shares: [Value] = []
        for (r, v) in values.enumerated() {
            let total = totals[Int(gid[r])]
            guard let a = v.amountValue, !total.isZero, keyless.isEmpty || !keyless[r] else { shares.append(.null); continue }
            shares.append(.percent(try Evaluator.exactly(Message(.whatShareOf, e.sourceText), at: e.span) { () throws(AmountOverflow) in
                try Ratio.exact(a, total)
            }))
        }
        out.columns.removeAll { $0.name == name }
        out.columns.append(FrameColumn(name: name, type: .percent, storage: .values(shares)))
        return out
    }

    /// `select`: the named columns (or computed values) in the order given.
    func select(_ f: Frame, _ exprs: [Expr]) throws(QueryError) -> Frame {
        let onlyFields = exprs.allSatisfy { if case .field = $0 { true } else { false } }
        let base = onlyFields ? f : f.materialized()
        var out = base
        out.columns = []
        for e in exprs {
            if case .field(let n) = e {
                out.columns.append(try column(n, in: base))
            } else {
                let c = try compile(e, base)
                out.columns.append(FrameColumn.make(e.columnName, c.type ?? .text, try c.values(base.count)))
            }
        }
        return out
    }

    /// `derive name = expr`: adds (or replaces) computed columns.
    func derive(_ f: Frame, _ assignments: [Assignment]) throws(QueryError) -> Frame {
        var out = f.materialized()
        for a in assignments {
            let c = try compile(a.expr, out)
            let column = FrameColumn.make(a.name.text, c.type ?? .text, try c.values(out.count))
            if let i = out.columnIndex(a.name.text) { out.columns[i] = column } else { out.columns.append(column) }
        }
        return out
    }

    /// What `group` computes when no `agg` follows: the row count, and the sum of `amount`.
    func defaultAggregates(_ f: Frame, at span: QuerySpan) -> [AggregateSpec] {
        var specs = [AggregateSpec(name: "n", function: .count, argument: nil, span: span)]
        if let i = f.columnIndex("amount"), f.columns[i].type == .amount {
            specs.append(AggregateSpec(name: "amount", function: .sum, argument: .field(Name("amount", span)), span: span))
        }
        return specs
    }
}
