import FiscalModel

extension Evaluator {
    /// `compare dim [v …]`: one amount column per value of `dim` (all values, ascending, or
    /// the ones listed), then `delta` (last − first) and `pct` (delta / first, a percentage);
    /// for `phase` also `rate`, 决算 / 预算 (the execution rate).
    ///
    /// Rows are matched on the other text, integer and boolean columns (not `file`, `line`,
    /// `derived`), leaving out the ones the compared value decides by itself (comparing years
    /// of one entity does not split rows by entity; when each year has one phase, phase does
    /// not split them either). A missing value is shown as missing, never as zero.
    func compare(_ f: Frame, _ dimension: Expr, values wanted: [Expr], at span: QuerySpan) throws(QueryError) -> Frame {
        guard case .field(let dn) = dimension else {
            throw QueryError(Message(.evalCompareNeedsColumn), at: dimension.span)
        }
        let dim = try column(dn, in: f)
        guard let vi = f.columnIndex("amount").flatMap({ f.columns[$0].type == .amount ? $0 : nil })
            ?? f.columns.lastIndex(where: { $0.type == .amount && $0.name != dim.name })
        else {
            throw QueryError(Message(.evalCompareNeedsAmount, f.columns.map(\.name).joined(separator: ", ")), at: span)
        }
        let valueColumn = f.columns[vi]
        var rows = f.physicalRows
        var notes = f.notes
        var dimValues: [Value]
        if wanted.isEmpty {
            dimValues = Array(Set(rows.map { dim.value(Int($0)) }).subtracting([.null]))
            if dim.name == "phase" {
                dimValues.sort { a, b in (Phase(name: a.description) ?? .final) < (Phase(name: b.description) ?? .final) }
            } else {
                dimValues.sort(by: <)
            }
        } else {
            dimValues = []
            for e in wanted {
                let c = try compile(e, f)
                if let t = c.type, !(t == dim.type || (t.isNumeric && dim.type.isNumeric)) {
                    throw QueryError(Message(.evalCannotCompare, describe(dimension, dim.type), describe(e, t)), at: e.span)
                }
                dimValues.append(try c.eval(0))
            }
        }
        var index: [Value: Int] = [:]
        for (i, v) in dimValues.enumerated() where index[v] == nil { index[v] = i }
        rows = rows.filter { index[dim.value(Int($0))] != nil }
        var f = f
        if dim.name == "phase" { lineUpBudgets(&f, rows, notes: &notes) }
        if dim.name != "measure" {
            if let (ids, dictionary) = factColumn("measure", f), dictionary.count > 1 {
                if f.columnIndex("measure") != nil {
                    // Each measure is its own row; the total's are the report's figures.
                    if let total = dictionary.firstIndex(of: Measure.total.rawValue).map(Int32.init),
                       Set(rows.map { ids[Int($0)] }).count > 1, rows.contains(where: { ids[Int($0)] == total }) {
                        let others = Set(rows.map { ids[Int($0)] }).subtracting([total]).filter { $0 >= 0 }.map { dictionary[Int($0)] }.sorted()
                        rows = rows.filter { ids[Int($0)] == total }
                        notes.append(note(.noteCompareTotalMeasure, list(others)))
                    }
                } else {
                    var gid = [Int32](repeating: 0, count: rows.count)
                    try keepOneMeasure(f, &rows, gid: &gid, groupCount: 1, what: Message(.whatComparison), span: span, notes: &notes)
                }
            }
        }
        if rows.isEmpty {
            let columns = [ResultTable.Column(dim.name, dim.type), ResultTable.Column(valueColumn.name, .amount)]
            return Frame.make(columns: columns, rows: [], provenance: .spans([]),
                              notes: notes + [note(.noteNothingToCompare, Evaluator.heading(dim.name))])
        }
        let excluded: Set<String> = [dim.name, valueColumn.name, "file", "line", "derived"]
        let keys = f.columns.filter { c in
            guard !excluded.contains(c.name), c.type == .text || c.type == .integer || c.type == .bool else { return false }
            var seen: [Int: Value] = [:]
            for p in rows {
                let d = index[dim.value(Int(p))]!, v = c.value(Int(p))
                if let s = seen[d], s != v { return true }
                seen[d] = v
            }
            // The item labels the row even when it is the only one compared
            // (`where statement = "收支总计" | compare year`), as long as it is the same throughout.
            return c.name == "item" && Set(seen.values).count == 1
        }
        let (gid, first, groupCount) = try assignGroups(rows, keys)
        let n = dimValues.count
        var cells = [Amount?](repeating: nil, count: groupCount * n)
        var members = [[Int32]](repeating: [], count: groupCount)
        var derivedIn = Set<Int>()
        let derived = f.columnIndex("derived").map { f.columns[$0] }
        // A figure the report states wins over one fiscal derived for the same cell (a 2019
        //决算 loaded beside a 2020 决算 that gives 2019 values from stated changes).
        var cellIsDerived = [Bool](repeating: false, count: groupCount * n)
        var cellMembers = [[Int32]](repeating: [], count: groupCount * n)
        for (r, p32) in rows.enumerated() {
            let p = Int(p32), g = Int(gid[r]), d = index[dim.value(p)]!
            let isDerived = derived?.value(p) == .bool(true)
            let cell = g * n + d
            if cells[cell] != nil && cellIsDerived[cell] != isDerived {
                if isDerived { continue }
                cells[cell] = nil
                cellMembers[cell] = []
            }
            cellIsDerived[cell] = isDerived
            cellMembers[cell].append(p32)
            guard let a = valueColumn.value(p).amountValue else { continue }
            let sum = cells[cell] ?? .zero
            cells[cell] = try Evaluator.exactly(Message(.whatSumOf, valueColumn.name), at: span) { () throws(AmountOverflow) in try sum.adding(a) }
        }
        for cell in cells.indices where cellIsDerived[cell] && cells[cell] != nil { derivedIn.insert(cell % n) }
        for g in 0..<groupCount { members[g] = (0..<n).flatMap { cellMembers[g * n + $0] } }
        var columns = keys.map { $0.gathered(first) }
        let names = Set(columns.map(\.name))
        for (d, v) in dimValues.enumerated() {
            let name = names.contains(v.description) ? "\(dim.name) \(v)" : v.description
            columns.append(FrameColumn.make(name, .amount, (0..<groupCount).map { g in cells[g * n + d].map(Value.amount) ?? .null }))
        }
        if n >= 2 {
            let firstValues = (0..<groupCount).map { cells[$0 * n] }
            let lastValues = (0..<groupCount).map { cells[$0 * n + n - 1] }
            var deltas: [Value] = [], pcts: [Value] = []
            for g in 0..<groupCount {
                guard let a = firstValues[g], let b = lastValues[g] else { deltas.append(.null); pcts.append(.null); continue }
                let delta = try Evaluator.exactly(Message(.columnDelta), at: span) { () throws(AmountOverflow) in try b.subtracting(a) }
                deltas.append(.amount(delta))
                pcts.append(a.isZero ? .null : .percent(try Evaluator.exactly(Message(.columnPct), at: span) { () throws(AmountOverflow) in try Ratio.exact(delta, a) }))
            }
            columns.append(FrameColumn.make("delta", .amount, deltas))
            columns.append(FrameColumn.make("pct", .percent, pcts))
            if dim.name == "phase", let b = index[.text(Phase.budget.rawValue)], let fi = index[.text(Phase.final.rawValue)] {
                var rates: [Value] = []
                for g in 0..<groupCount {
                    guard let budget = cells[g * n + b], let final = cells[g * n + fi], !budget.isZero else { rates.append(.null); continue }
                    rates.append(.percent(try Evaluator.exactly(Message(.columnRate), at: span) { () throws(AmountOverflow) in try Ratio.exact(final, budget) }))
                }
                columns.append(FrameColumn.make("rate", .percent, rates))
            }
        }
        if !derivedIn.isEmpty {
            notes.append(note(.noteDerivedColumns, list(derivedIn.sorted().map { dimValues[$0].description }), derivedIn.count))
        }
        return Frame(columns: columns, selection: nil, physicalCount: groupCount,
                     provenance: f.combinedProvenance(members), notes: notes)
    }

    /// `compare phase`: a 决算 states its budget as 年初预算, 调整预算 or 全年预算 (a 预算 fact),
    /// its outcome as the total; when the rows hold one kind of budget, it lines up with the
    /// total so that `rate` is the execution rate (a note names it).
    func lineUpBudgets(_ f: inout Frame, _ rows: [Int32], notes: inout [String]) {
        guard let mi = f.columnIndex("measure"), case .text(let ids, var dictionary) = f.columns[mi].storage,
              let pi = f.columnIndex("phase") else { return }
        let budgetIDs = Set(rows.map { ids[Int($0)] }.filter { $0 >= 0 && Measure(rawValue: dictionary[Int($0)]).isBudget })
        guard budgetIDs.count == 1, let budget = budgetIDs.first else { return }
        let total: Int32
        if let t = dictionary.firstIndex(of: Measure.total.rawValue) {
            total = Int32(t)
        } else {
            total = Int32(dictionary.count)
            dictionary.append(Measure.total.rawValue)
        }
        var mapped = ids
        for p in rows where ids[Int(p)] == budget && f.columns[pi].value(Int(p)) == .text(Phase.budget.rawValue) {
            mapped[Int(p)] = total
        }
        f.columns[mi].storage = .text(ids: mapped, dictionary: dictionary)
        notes.append(note(.noteBudgetLinedUp, dictionary[Int(budget)]))
    }
}
