import FiscalModel

extension Evaluator {
    /// `compare dim [v …] [base v] [overall] [cagr]`: one amount column per value of `dim` (all
    /// values in order, or the ones listed) and the changes between them:
    ///
    /// - two values: `delta` (second − first) and `pct` (delta / first, a percentage);
    /// - three or more: for each value after the first, `delta V` and `pct V`, the change from
    ///   the value before it; `overall` adds `delta` and `pct` from the first to the last;
    /// - `cagr` (years only): the average annual rate from the first year to the last;
    /// - `phase`: `rate`, 决算 / 预算 (the execution rate); `measure`: `rate`, the total (合计)
    ///   over the budget measure (年初预算, 调整预算 or 全年预算) listed with it;
    /// - `entity`: one row per entity instead of one column, ranked by amount, with each one's
    ///   `delta` and `pct` from the base (the first entity, or `base NAME`).
    ///
    /// Rows are matched on the other text, integer and boolean columns (not `file`, `line`,
    /// `derived`, `disputed`), leaving out the ones the compared value decides by itself (comparing years
    /// of one entity does not split rows by entity; when each year has one phase, phase does
    /// not split them either). A missing value is shown as missing, never as zero. A cell never
    /// adds the same figure twice: a figure the report states wins over one lined up from a
    /// 决算's budget column, which wins over one fiscal derived, and rows of two files for one
    /// cell are the same figure stated twice (one is kept, a note says so).
    func compare(_ f: Frame, _ spec: CompareSpec) throws(QueryError) -> Frame {
        let dimension = spec.dimension, span = spec.span
        guard case .field(let dn) = dimension else {
            throw QueryError(Message(.evalCompareNeedsColumn), at: dimension.span)
        }
        let dim = try column(dn, in: f)
        guard let vi = f.columnIndex("amount").flatMap({ f.columns[$0].type == .amount ? $0 : nil })
            ?? f.columns.lastIndex(where: { $0.type == .amount && $0.name != dim.name })
        else {
            throw QueryError(Message(.evalCompareNeedsAmount, f.columns.map(\.name).joined(separator: ", ")), at: span)
        }
        if spec.cagr && dim.type != .integer {
            throw QueryError(Message(.compareCagrNeedsYears, dim.name), at: span)
        }
        if spec.base != nil && dim.name != "entity" {
            throw QueryError(Message(.compareBaseNeedsEntity, dim.name), at: spec.base!.span)
        }
        let valueColumn = f.columns[vi]
        var rows = physicalRows(f)
        var notes = f.notes
        var dimValues = try compareValues(spec, dim, rows, f, notes: &notes)
        var baseIndex = 0
        if let b = spec.base {
            let v = try compareValue(b, dimension, dim, rows, f, notes: &notes)
            if let i = dimValues.firstIndex(of: v) { baseIndex = i } else { dimValues.insert(v, at: 0) }
        }
        var index: [Value: Int] = [:]
        for (i, v) in dimValues.enumerated() where index[v] == nil { index[v] = i }
        let indexOf = Evaluator.valueIndex(dim, index)
        rows = rows.filter { indexOf(Int($0)) >= 0 }
        var f = f
        var linedUp = Set<Int32>()
        if dim.name == "phase" { linedUp = lineUpBudgets(&f, rows, notes: &notes) }
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
        // Where and how a figure was read is not what it is: a disputed figure still lines up
        // with its partners (the note under the result names it).
        let excluded: Set<String> = [dim.name, valueColumn.name, "file", "line", "derived", "disputed"]
        // Only what names a report (its entity, year and phase) and the fund (which a report
        // states in one place and leaves unsaid in another: a 三公 table and its sentence) may be
        // decided by the compared value; any other column that varies (item, code, statement,
        // measure, unit …) tells different figures apart, even when each value holds one of them.
        let reportColumns: Set<String> = ["entity", "year", "phase", "fund"]
        // Each row's value index, looked up once.
        let valueIndex = rows.map { indexOf(Int($0)) }
        var keys = f.columns.filter { c in
            guard !excluded.contains(c.name), c.type == .text || c.type == .integer || c.type == .bool else { return false }
            let variation: Variation
            switch c.storage {
            case .text(let ids, _):
                // Interned: equal ids are equal texts.
                variation = Evaluator.variation(rows, valueIndex, n: dimValues.count) { Int(ids[Int($0)]) }
            case .integer(let xs):
                variation = Evaluator.variation(rows, valueIndex, n: dimValues.count) { xs[Int($0)] }
            default:
                var seen: [Int: Value] = [:]
                var within = false
                for (r, p) in rows.enumerated() {
                    let d = valueIndex[r], v = c.value(Int(p))
                    if let s = seen[d], s != v { within = true; break }
                    seen[d] = v
                }
                variation = within ? .withinValue : Set(seen.values).count > 1 ? .acrossValues : .constant
            }
            switch variation {
            case .withinValue: return true
            case .acrossValues: return !reportColumns.contains(c.name)
            // The item labels the row even when it is the only one compared
            // (`where statement = "收支总计" | compare year`), as long as it is the same throughout.
            case .constant: return c.name == "item"
            }
        }
        labelByCode(&keys, rows)
        let (gid, first, groupCount) = try assignGroups(rows, keys)
        let n = dimValues.count
        let cells = try compareCells(f, rows, gid: gid, groupCount: groupCount, index: indexOf, n: n,
                                     value: valueColumn, linedUp: linedUp, span: span, notes: &notes)
        let layout = CompareLayout(language: context.language, spec: spec, dimension: dim, values: dimValues, baseIndex: baseIndex, valueName: valueColumn.name,
                                   keys: keys.map { $0.gathered(first) }, groupCount: groupCount, cells: cells)
        let made = dim.name == "entity" ? try layout.ranked() : try layout.sideBySide()
        return Frame(columns: made.columns, selection: nil, physicalCount: made.members.count,
                     provenance: f.combinedProvenance(made.members), notes: notes + made.notes)
    }

    /// How a column's values vary over the rows of a comparison.
    enum Variation {
        /// Two rows of one compared value differ.
        case withinValue
        /// Each compared value has one, not the same for all.
        case acrossValues
        /// One value throughout.
        case constant
    }

    /// How `key` (a number per physical row, equal numbers for equal values) varies over `rows`,
    /// whose compared values' indices (below `n`) are `valueIndex`.
    static func variation(_ rows: [Int32], _ valueIndex: [Int], n: Int, _ key: (Int32) -> Int) -> Variation {
        var seen = [Int](repeating: 0, count: n)
        var has = [Bool](repeating: false, count: n)
        for (r, p) in rows.enumerated() {
            let d = valueIndex[r], v = key(p)
            if has[d] {
                if seen[d] != v { return .withinValue }
            } else {
                has[d] = true
                seen[d] = v
            }
        }
        return Set(seen.indices.filter { has[$0] }.map { seen[$0] }).count > 1 ? .acrossValues : .constant
    }

    /// `group keys | compare dim`: sums `amount` per key, per value of `dim`, per `derived` and,
    /// when the rows hold several statements, per statement (the same money is often stated in
    /// several, so adding them would count it twice); no count column, which would split the rows.
    func groupForCompare(_ f: Frame, keys: [Expr], _ spec: CompareSpec, at span: QuerySpan) throws(QueryError) -> Frame {
        var keys = keys
        let written = Set(keys.map { FieldNames.canonical($0.columnName) })
        if !written.contains(FieldNames.canonical(spec.dimension.columnName)) { keys.append(spec.dimension) }
        if !written.contains("statement"), let (ids, _) = factColumn("statement", f),
           Set(f.physicalRows.map { ids[Int($0)] }).count > 1 {
            keys.append(.field(Name("statement", span)))
        }
        // Stated and derived figures stay apart, so that a stated one wins in its cell (a 2018
        // 预算 gives 2017 figures derived from its stated changes; the 2017 预算 states them).
        if !written.contains("derived"), f.columnIndex("derived") != nil { keys.append(.field(Name("derived", span))) }
        guard let i = f.columnIndex("amount"), f.columns[i].type == .amount else {
            return try aggregate(f, keys: keys, specs: defaultAggregates(f, at: span))
        }
        return try aggregate(f, keys: keys, specs: [AggregateSpec(name: "amount", function: .sum, argument: .field(Name("amount", span)), span: span)])
    }

    /// A classification code names its line; the item only labels it, and reports label one code
    /// differently from year to year (其他人大事务支出 / 其他人大事务). Where the keys hold both,
    /// each coded row takes the item of the first row with its code, so the name does not split
    /// the line in two.
    func labelByCode(_ keys: inout [FrameColumn], _ rows: [Int32]) {
        guard let ci = keys.firstIndex(where: { $0.name == "code" }), let ii = keys.firstIndex(where: { $0.name == "item" }),
              case .text(let codes, _) = keys[ci].storage, case .text(let itemIDs, let dictionary) = keys[ii].storage else { return }
        // The item each code is first written with; the column is copied only when a row writes
        // its code with another (a copy of ten million ids for nothing was most of a comparison).
        var first: [Int32: Int32] = [:]
        var relabel: [(row: Int, item: Int32)] = []
        for p in rows {
            let c = codes[Int(p)]
            guard c >= 0 else { continue }
            let item = itemIDs[Int(p)]
            if let i = first[c] {
                if i != item { relabel.append((Int(p), i)) }
            } else {
                first[c] = item
            }
        }
        guard !relabel.isEmpty else { return }
        var items = itemIDs.int32
        for (p, i) in relabel { items[p] = i }
        keys[ii].storage = .text(ids: IDColumn(narrowest: items), dictionary: dictionary)
    }

    /// The amount of each (group, value) cell and the rows it came from, without adding a
    /// figure twice (see ``compare(_:_:)``).
    /// Per physical row, the place of its value of `column` in `index` (-1 when not there): for
    /// interned text and integers the value is made and looked up once per distinct one, not
    /// hashed per row.
    static func valueIndex(_ column: FrameColumn, _ index: [Value: Int]) -> (Int) -> Int {
        switch column.storage {
        case .text(let ids, let dictionary):
            var table = [Int](repeating: -1, count: dictionary.count + 1)  // slot 0: missing
            table[0] = index[.null] ?? -1
            for (d, text) in dictionary.enumerated() { table[d + 1] = index[.text(text)] ?? -1 }
            return { table[Int(ids[$0]) + 1] }
        case .integer(let xs):
            var known: [Int: Int] = [:]
            for (v, i) in index {
                switch v {
                case .integer(let x) where column.type != .bool: known[x] = i
                case .bool(let b) where column.type == .bool: known[b ? 1 : 0] = i
                case .null: known[Int.min] = i
                default: break
                }
            }
            // A bool column holds 0 or 1, any other non-zero value being true.
            if column.type == .bool { return { p in let x = xs[p]; return known[x == Int.min ? x : x != 0 ? 1 : 0] ?? -1 } }
            // Years and other close integers: an array from the smallest to the largest.
            let present = known.keys.filter { $0 != Int.min }
            if let low = present.min(), let high = present.max(), !high.subtractingReportingOverflow(low).overflow, high - low < 1 << 16 {
                var table = [Int](repeating: -1, count: high - low + 1)
                for x in present { table[x - low] = known[x]! }
                let missing = known[Int.min] ?? -1
                return { p in
                    let x = xs[p]
                    if x == Int.min { return missing }
                    return x >= low && x <= high ? table[x - low] : -1
                }
            }
            return { known[xs[$0]] ?? -1 }
        case .amount, .values:
            return { index[column.value($0)] ?? -1 }
        }
    }

    func compareCells(_ f: Frame, _ rows: [Int32], gid: [Int32], groupCount: Int, index: (Int) -> Int, n: Int,
                      value valueColumn: FrameColumn, linedUp: Set<Int32>, span: QuerySpan,
                      notes: inout [String]) throws(QueryError) -> CompareCells {
        var cells = CompareCells(n: n, groupCount: groupCount)
        let derived = f.columnIndex("derived").map { f.columns[$0] }
        let file = f.columnIndex("file").map { f.columns[$0] }
        // How each cell's figure was read: 0 stated, 1 a 决算's budget lined up with a 预算's
        // total, 2 derived from a stated change. The best kind in a cell wins.
        var kind = [Int8](repeating: .max, count: groupCount * n)
        var cellFile = [Value?](repeating: nil, count: groupCount * n)
        // Cells whose figure another file states too: the other file's amount, to compare.
        var twice: [Int: [Value: Amount]] = [:]
        // Cells where a 预算 report's own figure won over a 决算's budget column: that column's amount.
        var outranked: [Int: Amount] = [:]
        var derivedIn = Set<Int>()
        for (r, p32) in rows.enumerated() {
            let p = Int(p32), cell = Int(gid[r]) * n + index(p)
            let k: Int8 = derived?.value(p) == .bool(true) ? 2 : linedUp.contains(p32) ? 1 : 0
            if k > kind[cell] {
                if k == 1, let a = valueColumn.value(p).amountValue { outranked[cell] = try Evaluator.exactly(Message(.whatSumOf, valueColumn.name), at: span) { () throws(AmountOverflow) in try (outranked[cell] ?? .zero).adding(a) } }
                continue
            }
            if k < kind[cell] {
                if kind[cell] == 1, let a = cells.amounts[cell] { outranked[cell] = a }
                kind[cell] = k
                cells.amounts[cell] = nil
                cells.members[cell] = []
                cellFile[cell] = file?.value(p)
                twice[cell] = nil
            }
            if let file, let kept = cellFile[cell], file.value(p) != kept {
                if let a = valueColumn.value(p).amountValue {
                    let other = twice[cell, default: [:]][file.value(p)] ?? .zero
                    twice[cell, default: [:]][file.value(p)] = try Evaluator.exactly(Message(.whatSumOf, valueColumn.name), at: span) { () throws(AmountOverflow) in try other.adding(a) }
                }
                continue
            }
            cells.members[cell].append(p32)
            guard let a = valueColumn.value(p).amountValue else { continue }
            let sum = cells.amounts[cell] ?? .zero
            cells.amounts[cell] = try Evaluator.exactly(Message(.whatSumOf, valueColumn.name), at: span) { () throws(AmountOverflow) in try sum.adding(a) }
        }
        for cell in kind.indices where kind[cell] == 2 && cells.amounts[cell] != nil { derivedIn.insert(cell % n) }
        cells.derivedIn = derivedIn
        let differ = outranked.filter { cell, a in kind[cell] == 0 && cells.amounts[cell] != a }.count
        if differ > 0 {
            notes.append(note(.noteCompareBudgetDiffers, differ))
        }
        if !twice.isEmpty {
            let disagree = twice.filter { cell, others in others.values.contains { $0 != cells.amounts[cell] } }.count
            let files = Set(twice.values.flatMap(\.keys)).map(\.description).sorted()
            notes.append(note(.noteCompareTwice, twice.count, list(files)))
            if disagree > 0 { notes.append(note(.noteCompareTwiceDiffer, disagree)) }
        }
        return cells
    }

    /// `compare phase`: a 决算 states its budget as 年初预算, 调整预算 or 全年预算 (a 预算 fact),
    /// its outcome as the total; when the rows hold one kind of budget, it lines up with the
    /// total so that `rate` is the execution rate (a note names it). Returns the rows lined up:
    /// a 预算 report's own total for the same cell wins over them.
    func lineUpBudgets(_ f: inout Frame, _ rows: [Int32], notes: inout [String]) -> Set<Int32> {
        guard let mi = f.columnIndex("measure"), case .text(let ids, var dictionary) = f.columns[mi].storage,
              let pi = f.columnIndex("phase") else { return [] }
        let budgetIDs = Set(rows.map { ids[Int($0)] }.filter { $0 >= 0 && Measure(rawValue: dictionary[Int($0)]).isBudget })
        guard budgetIDs.count == 1, let budget = budgetIDs.first else { return [] }
        let total: Int32
        if let t = dictionary.firstIndex(of: Measure.total.rawValue) {
            total = Int32(t)
        } else {
            total = Int32(dictionary.count)
            dictionary.append(Measure.total.rawValue)
        }
        var mapped = ids.int32
        var linedUp = Set<Int32>()
        for p in rows where ids[Int(p)] == budget && f.columns[pi].value(Int(p)) == .text(Phase.budget.rawValue) {
            mapped[Int(p)] = total
            linedUp.insert(p)
        }
        f.columns[mi].storage = .text(ids: IDColumn(narrowest: mapped), dictionary: dictionary)
        let ownBudget = rows.contains { ids[Int($0)] == total && f.columns[pi].value(Int($0)) == .text(Phase.budget.rawValue) }
        notes.append(note(.noteBudgetLinedUp, dictionary[Int(budget)]))
        if ownBudget { notes.append(note(.noteOwnBudgetShown)) }
        return linedUp
    }
}

/// The cells of a comparison: for group `g` and value `d`, index `g * n + d`.
struct CompareCells {
    var n: Int
    var amounts: [Amount?]
    var members: [[Int32]]
    /// The values (by index) with a cell derived from a stated change.
    var derivedIn = Set<Int>()

    init(n: Int, groupCount: Int) {
        self.n = n
        amounts = [Amount?](repeating: nil, count: groupCount * n)
        members = [[Int32]](repeating: [], count: groupCount * n)
    }

    subscript(g: Int, d: Int) -> Amount? { amounts[g * n + d] }
}
