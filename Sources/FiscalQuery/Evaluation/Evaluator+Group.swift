import FiscalModel

extension Evaluator {
    /// `group keys | agg …` (or `agg …` alone, one row over everything).
    ///
    /// Rows are assigned to groups by small integer keys (interned text ids, mixed into one
    /// number), and amounts are summed as Int128 mantissas at the column's common scale.
    func aggregate(_ f: Frame, keys: [Expr], specs: [AggregateSpec]) throws(QueryError) -> Frame {
        let (keyColumns, onLevel) = try groupKeys(keys, in: f)
        let keyNames = Set(keyColumns.map(\.name))
        var notes = f.notes
        var rows = physicalRows(f)
        let sums = specs.contains { $0.function == .sum || $0.function == .avg }
        if onLevel {
            // Left out: stated totals whose parts are here, and facts with no code at the level
            // (三公经费, counts, a 类 total when grouping on 项), which have no place in the
            // classification (adding them would mix statements and units). Counted in one pass;
            // the rows are copied only when some are left out.
            let totals = statedTotals(f)
            var levelIDs: IDColumn?
            if let levelCode = keyColumns.first(where: { $0.name == "code" }), case .text(let ids, _) = levelCode.storage { levelIDs = ids }
            var dropped = 0, left = 0
            for p in rows {
                if totals[Int(p)] { dropped += 1 } else if let ids = levelIDs, ids[Int(p)] < 0 { left += 1 }
            }
            if dropped + left > 0 {
                rows = rows.filter { p in !totals[Int(p)] && (levelIDs.map { ids in ids[Int(p)] >= 0 } ?? true) }
            }
            if dropped > 0 { notes.append(note(.noteGroupLevelTotals, dropped)) }
            if left > 0 { notes.append(note(.noteGroupNoCode, left)) }
        }
        var (gid, first, groupCount) = try assignGroups(rows, keyColumns)
        if sums {
            let span = specs.first { $0.function == .sum || $0.function == .avg }!.span
            if !keyNames.contains("measure") {
                try keepOneMeasure(f, &rows, gid: &gid, groupCount: groupCount, what: Message(.whatSum), span: span, notes: &notes)
            }
            // Grouping on a level has left out every stated total with parts, and every row
            // without a code at the level (合计 rows): nothing to refuse.
            if !onLevel {
                try refuseTotalsWithParts(f, rows: rows, gid: gid, span: span, keys: keys)
                try refuseTwoBreakdowns(f, rows: rows, gid: gid, span: span)
            }
            try checkMixing(f, rows: rows, gid: gid, groupCount: groupCount, column: FactStore.unitColumn, name: "unit",
                            grouped: keyNames.contains("unit"), specs: specs, notes: &notes)
            try checkMixing(f, rows: rows, gid: gid, groupCount: groupCount, column: FactStore.statementColumn,
                            name: "statement", grouped: keyNames.contains("statement"), specs: specs, notes: &notes)
        }
        var columns = keyColumns.map { $0.gathered(first) }
        for spec in specs {
            try checkCancelled(at: nil)
            columns.removeAll { $0.name == spec.name }
            columns.append(try aggregateColumn(spec, f, rows: rows, gid: gid, groupCount: groupCount, notes: &notes))
        }
        // Each group's rows are listed when its sources or facts are first asked for (`source
        // row N`, a disputed figure, a later stage that needs them): most results are only shown.
        let ranges = context.rowRanges(rows.count), threads = context.threads
        let groups = FactSets(count: groupCount) { [rows, gid, groupCount] in
            let sets = Evaluator.members(rows, gid: gid, groupCount: groupCount, ranges: ranges, threads: threads)
            return (sets.flat, sets.starts)
        }
        return Frame(columns: columns, selection: nil, physicalCount: groupCount,
                     provenance: f.combinedProvenance(groups), notes: notes)
    }

    /// Per group, its rows in order (one array of every group's rows, group after group). With several
    /// `ranges` of rows, each range counts its rows per group, and then writes them on its own
    /// thread at the place the ranges before it leave (the order is the serial one).
    static func members(_ rows: [Int32], gid: [Int32], groupCount: Int,
                        ranges: [Range<Int>] = [], threads: Int = 1) -> FactSets {
        guard ranges.count > 1, groupCount <= rows.count / ranges.count else {
            var starts = [Int](repeating: 0, count: groupCount + 1)
            for g in gid { starts[Int(g) + 1] += 1 }
            for g in 0..<groupCount { starts[g + 1] += starts[g] }
            var at = Array(starts.dropLast())
            var flat = [Int32](repeating: 0, count: rows.count)
            for (r, p) in rows.enumerated() {
                let g = Int(gid[r])
                flat[at[g]] = p
                at[g] += 1
            }
            return FactSets(flat: flat, starts: starts)
        }
        // counts[k][g]: rows of range k in group g; then, where range k writes group g's rows in
        // one array of every group's rows, group after group.
        var counts = Parallel.map(ranges.count, threads: threads) { k -> [Int] in
            var c = [Int](repeating: 0, count: groupCount)
            for r in ranges[k] { c[Int(gid[r])] += 1 }
            return c
        }
        var starts = [Int](repeating: 0, count: groupCount + 1)
        for g in 0..<groupCount { starts[g + 1] = starts[g] + counts.reduce(0) { $0 + $1[g] } }
        var next = Array(starts.dropLast())
        for k in counts.indices {
            for g in 0..<groupCount {
                let n = counts[k][g]
                counts[k][g] = next[g]
                next[g] += n
            }
        }
        // Every place is written once below (the ranges cover the rows): not zeroed first.
        var flat = [Int32](unsafeUninitializedCapacity: rows.count) { _, n in n = rows.count }
        flat.withUnsafeMutableBufferPointer { out in
            _ = Parallel.map(ranges.count, threads: threads) { k in
                var at = counts[k]
                for r in ranges[k] {
                    let g = Int(gid[r])
                    out[at[g]] = rows[r]
                    at[g] += 1
                }
            }
        }
        return FactSets(flat: flat, starts: starts)
    }

    /// The columns `group` (or `share … by`) groups on: fields, computed values, and 类/款/项
    /// as two columns each (the level's code and name); whether one is a level.
    func groupKeys(_ keys: [Expr], in f: Frame) throws(QueryError) -> (columns: [FrameColumn], onLevel: Bool) {
        var keyColumns: [FrameColumn] = []
        var onLevel = false
        for k in keys {
            if case .field(let n) = k {
                if f.columnIndex(n.text) == nil, let level = FieldNames.levels[FieldNames.canonical(n.text)],
                    let lc = levelColumns(level, in: f)
                {
                    keyColumns += [lc.code, lc.name]
                    onLevel = true
                } else {
                    keyColumns.append(try column(n, in: f))
                }
            } else {
                let c = try compile(k, f)
                keyColumns.append(FrameColumn.make(k.columnName, c.type ?? .text, try c.values(f.physicalCount)))
            }
        }
        return (keyColumns, onLevel)
    }
}
