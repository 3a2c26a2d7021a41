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
        var rows = f.physicalRows
        let sums = specs.contains { $0.function == .sum || $0.function == .avg }
        if onLevel {
            let totals = statedTotals(f)
            let dropped = rows.reduce(0) { $0 + (totals[Int($1)] ? 1 : 0) }
            if onLevel && dropped > 0 {
                rows.removeAll { totals[Int($0)] }
                notes.append(note(.noteGroupLevelTotals, dropped))
            }
        }
        if onLevel, let levelCode = keyColumns.first(where: { $0.name == "code" }), case .text(let ids, _) = levelCode.storage {
            // A fact with no code at that level (三公经费, counts, a 类 total when grouping on 项)
            // has no place in the classification; adding it would mix statements and units.
            let before = rows.count
            rows.removeAll { ids[Int($0)] < 0 }
            let left = before - rows.count
            if left > 0 {
                notes.append(note(.noteGroupNoCode, left))
            }
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
        return Frame(columns: columns, selection: nil, physicalCount: groupCount,
                     provenance: f.combinedProvenance(Evaluator.members(rows, gid: gid, groupCount: groupCount)), notes: notes)
    }

    /// Per group, its rows in order (each group's array made at its final size).
    static func members(_ rows: [Int32], gid: [Int32], groupCount: Int) -> [[Int32]] {
        var counts = [Int](repeating: 0, count: groupCount)
        for g in gid { counts[Int(g)] += 1 }
        var members = counts.map { n -> [Int32] in
            var a: [Int32] = []
            a.reserveCapacity(n)
            return a
        }
        for (r, p) in rows.enumerated() { members[Int(gid[r])].append(p) }
        return members
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

    /// Per row (in `rows` order) its group, the first physical row of each group, and the count.
    func assignGroups(_ rows: [Int32], _ keys: [FrameColumn]) throws(QueryError) -> (gid: [Int32], first: [Int32], count: Int) {
        if keys.isEmpty { return ([Int32](repeating: 0, count: rows.count), [rows.first ?? 0], 1) }
        // Each key as a code per physical row (only `rows` are filled), and its cardinality:
        // interned text by its id (no copy), small ranges of integers (years) by their offset
        // from the smallest, anything else by a dense number per distinct value.
        var codes: [[Int32]] = []
        var plus: [Int32] = []
        var cards: [Int] = []
        for k in keys {
            switch k.storage {
            case .text(let ids, let d):
                codes.append(ids)
                plus.append(1)
                cards.append(d.count + 1)
            case .integer(let xs):
                var low = Int.max, high = Int.min
                for p in rows {
                    let x = xs[Int(p)]
                    if x != Int.min { low = min(low, x); high = max(high, x) }
                }
                var c = [Int32](repeating: 0, count: xs.count)
                if low > high {
                    cards.append(1)
                } else if !high.subtractingReportingOverflow(low).overflow, high - low < 1 << 20 {
                    // 0 is missing; a value is 1 + its offset from the smallest.
                    for p in rows {
                        let x = xs[Int(p)]
                        c[Int(p)] = x == Int.min ? 0 : Int32(x - low + 1)
                    }
                    cards.append(high - low + 2)
                } else {
                    var seen: [Int: Int32] = [:]
                    for p in rows {
                        let x = xs[Int(p)]
                        if let known = seen[x] { c[Int(p)] = known; continue }
                        let n = Int32(seen.count)
                        seen[x] = n
                        c[Int(p)] = n
                    }
                    cards.append(max(1, seen.count))
                }
                codes.append(c)
                plus.append(0)
            default:
                var seen: [Value: Int32] = [:]
                var c = [Int32](repeating: 0, count: k.storageCount)
                for p in rows {
                    let v = k.value(Int(p))
                    if let known = seen[v] { c[Int(p)] = known; continue }
                    let n = Int32(seen.count)
                    seen[v] = n
                    c[Int(p)] = n
                }
                codes.append(c)
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
                for p in rows {
                    let x = codes[i][Int(p)] &+ plus[i]
                    if let known = dense[x] { c[Int(p)] = known; continue }
                    let n = Int32(dense.count)
                    dense[x] = n
                    c[Int(p)] = n
                }
                codes[i] = c
                plus[i] = 0
                cards[i] = max(1, dense.count)
            }
            (product, fits) = combinations()
        }
        var gid = [Int32](repeating: 0, count: rows.count)
        var first: [Int32] = []
        func composite(_ p: Int) -> Int {
            var key = 0
            for (i, c) in codes.enumerated() { key = key &* cards[i] &+ Int(c[p] &+ plus[i]) }
            return key
        }
        let ranges = context.rowRanges(rows.count)
        if fits && product <= 1 << 22 && ranges.count > 1 {
            return try assignGroupsInRanges(rows, ranges, product: product, codes: codes, plus: plus, cards: cards)
        } else if fits && product <= 1 << 22 {
            var table = [Int32](repeating: -1, count: product)
            for (r, p32) in rows.enumerated() {
                if r & 0xFFFF == 0xFFFF { try checkCancelled(at: nil) }
                let key = composite(Int(p32))
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
                let key = codes.indices.map { codes[$0][Int(p32)] &+ plus[$0] }
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

    /// ``assignGroups(_:_:)`` on several threads: each row's composite key is built a key column
    /// at a time (tight loops over flat arrays, no call per row), then each range of rows numbers
    /// the groups it meets in the order of their first row; numbering the ranges' groups range by
    /// range then gives every group the number the serial pass gives it (the order of first rows
    /// overall). `product` ≤ 2²² keeps every composite key within an Int32.
    func assignGroupsInRanges(_ rows: [Int32], _ ranges: [Range<Int>], product: Int, codes: [[Int32]], plus: [Int32], cards: [Int])
        throws(QueryError) -> (gid: [Int32], first: [Int32], count: Int)
    {
        let threads = context.threads
        // gid holds each row's composite key first, then its group within its range, then its group.
        var gid = [Int32](repeating: 0, count: rows.count)
        rows.withUnsafeBufferPointer { rb in
            gid.withUnsafeMutableBufferPointer { out in
                for i in codes.indices {
                    let card = Int32(cards[i]), add = plus[i]
                    codes[i].withUnsafeBufferPointer { cb in
                        _ = Parallel.map(ranges.count, threads: threads) { k in
                            if i == 0 {
                                for r in ranges[k] { out[r] = cb[Int(rb[r])] &+ add }
                            } else {
                                for r in ranges[k] { out[r] = out[r] &* card &+ cb[Int(rb[r])] &+ add }
                            }
                        }
                    }
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
        let identity = maps.map { map in map.indices.allSatisfy { map[$0] == Int32($0) } }
        gid.withUnsafeMutableBufferPointer { out in
            _ = Parallel.map(ranges.count, threads: threads) { k in
                guard !identity[k] else { return }
                maps[k].withUnsafeBufferPointer { map in
                    for r in ranges[k] { out[r] = map[Int(out[r])] }
                }
            }
        }
        return (gid, first, first.count)
    }

    /// Per group, the checked sum of the amounts `ms`/`ss` of `rows` at `scale`, and how many
    /// amounts each holds; `nil` when a sum does not fit 38 digits. Ranges of rows are summed on
    /// their own threads, then the partial sums added (checked too).
    func sumAmounts(_ rows: [Int32], gid: [Int32], groupCount: Int, mantissas: MantissaColumn, scales ss: [Int8], scale: Int8,
                    powers: [Int128]) -> (sums: [Int128], counts: [Int])? {
        // One loop per type the mantissas are held in, without a choice per value.
        mantissas.withValues(
            { ms in sumAmounts(rows, gid: gid, groupCount: groupCount, mantissas: ms, scales: ss, scale: scale, powers: powers) },
            { ms in sumAmounts(rows, gid: gid, groupCount: groupCount, mantissas: ms, scales: ss, scale: scale, powers: powers) })
    }

    func sumAmounts<M: FixedWidthInteger>(_ rows: [Int32], gid: [Int32], groupCount: Int, mantissas ms: [M], scales ss: [Int8],
                                          scale: Int8, powers: [Int128]) -> (sums: [Int128], counts: [Int])? {
        // Many groups: partial sums per thread would cost more than they save.
        let ranges = groupCount * 8 > rows.count ? (rows.isEmpty ? [] : [0..<rows.count]) : context.rowRanges(rows.count)
        let parts = Parallel.map(ranges.count, threads: context.threads) { k -> (sums: [Int128], counts: [Int])? in
            var acc = [Int128](repeating: 0, count: groupCount)
            var counts = [Int](repeating: 0, count: groupCount)
            for r in ranges[k] {
                let p = Int(rows[r])
                let s = ss[p]
                if s < 0 { continue }
                let g = Int(gid[r])
                var term = Int128(ms[p]), o1 = false
                if s != scale { (term, o1) = term.multipliedReportingOverflow(by: powers[Int(scale - s)]) }
                let (sum, o2) = acc[g].addingReportingOverflow(term)
                if o1 || o2 { return nil }
                acc[g] = sum
                counts[g] += 1
            }
            return (acc, counts)
        }
        var acc = [Int128](repeating: 0, count: groupCount)
        var counts = [Int](repeating: 0, count: groupCount)
        for part in parts {
            guard let part else { return nil }
            for g in 0..<groupCount {
                let (sum, o) = acc[g].addingReportingOverflow(part.sums[g])
                if o { return nil }
                acc[g] = sum
                counts[g] += part.counts[g]
            }
        }
        return (acc, counts)
    }

    /// One aggregate over the groups.
    func aggregateColumn(_ spec: AggregateSpec, _ f: Frame, rows: [Int32], gid: [Int32], groupCount: Int,
                         notes: inout [String]) throws(QueryError) -> FrameColumn {
        var counts = [Int](repeating: 0, count: groupCount)
        guard let arg = spec.argument else {
            for g in gid { counts[Int(g)] += 1 }
            return FrameColumn(name: spec.name, type: .integer, storage: .integer(IntegerColumn(counts)))
        }
        var fast: FrameColumn?
        if case .field(let n) = arg { fast = try column(n, in: f) }
        let compiled = try compile(arg, f)
        if spec.function == .sum || spec.function == .avg {
            guard let t = compiled.type, t.isNumeric else {
                throw QueryError(Message(.evalCannotAggregate, spec.function.rawValue, describe(arg, compiled.type)),
                                 at: arg.span, hint: Message(.hintCountRows))
            }
        }
        if spec.function == .sum || spec.function == .avg, case .amount(let ms, let ss)? = fast?.storage {
            var scale: Int8 = 0
            for p in rows where ss[Int(p)] > scale { scale = ss[Int(p)] }
            var powers = [Int128](repeating: 1, count: Int(scale) + 1)
            for i in powers.indices.dropFirst() { powers[i] = powers[i - 1] &* 10 }
            // Checked: a sum that does not fit 38 digits is an error, never a wrapped number.
            let summed = sumAmounts(rows, gid: gid, groupCount: groupCount, mantissas: ms, scales: ss, scale: scale, powers: powers)
            guard let summed else {
                throw QueryError(Message(.evalOverflowAggregate, spec.function.rawValue, arg.sourceText),
                                 at: spec.span, hint: Message(.hintOverflowGroup))
            }
            let acc = summed.sums
            counts = summed.counts
            var values: [Value] = []
            for g in 0..<groupCount {
                guard counts[g] > 0 else { values.append(.null); continue }
                let sum = Amount(mantissa: acc[g], scale: Int(scale))
                values.append(spec.function == .sum ? .amount(sum) : .ratio(try Evaluator.exactly(Message(.whatAggregateOf, "avg", arg.sourceText), at: spec.span) { () throws(AmountOverflow) in
                    try Ratio.exact(sum, Amount(counts[g]))
                }))
            }
            return FrameColumn.make(spec.name, spec.function == .sum ? .amount : .ratio, values)
        }
        var acc = [Value](repeating: .null, count: groupCount)
        // Sums of quotients whose common denominator outgrew 38 digits, by group.
        var wide: [Int: WideRatio] = [:]
        let what = Message(.whatAggregateOf, spec.function.rawValue, arg.sourceText)
        for (r, p32) in rows.enumerated() {
            let v = try compiled.eval(Int(p32))
            if v == .null { continue }
            let g = Int(gid[r])
            counts[g] += 1
            switch spec.function {
            case .count: break
            case .sum, .avg:
                if wide[g] != nil {
                    let term = try Evaluator.exactly(what, at: spec.span) { () throws(AmountOverflow) -> Ratio? in try Arithmetic.exactRatio(v) }
                    if let term { wide[g]!.add(term) }
                    break
                }
                if acc[g] == .null { acc[g] = v; break }
                let sum = acc[g]
                do throws(AmountOverflow) {
                    acc[g] = try Arithmetic.apply(.plus, sum, v)
                } catch {
                    // Quotients with many different denominators (`amount / line`): the sum goes on
                    // exactly in whole numbers of any size. A sum of amounts that overflows is too
                    // large to be money and stays an error.
                    guard sum.isQuotient || v.isQuotient, let a = try? Arithmetic.exactRatio(sum), let b = try? Arithmetic.exactRatio(v) else {
                        throw QueryError(Message(.evalOverflowIn, what), at: spec.span)
                    }
                    var w = WideRatio(a)
                    w.add(b)
                    wide[g] = w
                    acc[g] = .null
                }
            case .min: if acc[g] == .null || (Evaluator.order(v, acc[g]) ?? 0) < 0 || (acc[g] != .null && Evaluator.order(v, acc[g]) == nil && v < acc[g]) { acc[g] = v }
            case .max: if acc[g] == .null || (Evaluator.order(v, acc[g]) ?? 0) > 0 || (acc[g] != .null && Evaluator.order(v, acc[g]) == nil && acc[g] < v) { acc[g] = v }
            }
        }
        // A wide sum's final value: exact where it fits 38-digit terms, else rounded (and said).
        var rounded: (digits: Int, denominator: Int)?
        func finish(_ w: WideRatio) throws(QueryError) -> Value {
            guard let (ratio, digits) = w.value() else {
                throw QueryError(Message(.evalOverflowAggregate, spec.function.rawValue, arg.sourceText),
                                 at: spec.span, hint: Message(.hintOverflowGroup))
            }
            if let digits {
                rounded = (min(digits, rounded?.digits ?? digits), max(w.denominatorDigits, rounded?.denominator ?? 0))
            }
            return .ratio(ratio)
        }
        defer {
            if let rounded {
                notes.append(note(.noteWideSumRounded, spec.function.rawValue, arg.sourceText, rounded.denominator, rounded.digits))
            }
        }
        switch spec.function {
        case .count:
            return FrameColumn(name: spec.name, type: .integer, storage: .integer(IntegerColumn(counts)))
        case .avg:
            var values: [Value] = []
            for g in 0..<groupCount {
                if var w = wide[g] {
                    w.divide(by: counts[g])
                    values.append(try finish(w))
                    continue
                }
                values.append(counts[g] == 0 ? Value.null : try Evaluator.exactly(Message(.whatAggregateOf, "avg", arg.sourceText), at: spec.span) { () throws(AmountOverflow) in
                    try Arithmetic.apply(.divide, acc[g], .integer(counts[g]))
                })
            }
            return FrameColumn.make(spec.name, .ratio, values)
        default:
            for (g, w) in wide { acc[g] = try finish(w) }
            return FrameColumn.make(spec.name, compiled.type ?? .text, acc)
        }
    }

    /// Whether a sum adds up facts of different units (an error) or statements (a note: the
    /// same money appears in several statements).
    func checkMixing(_ f: Frame, rows: [Int32], gid: [Int32], groupCount: Int, column: Int, name: String,
                     grouped: Bool, specs: [AggregateSpec], notes: inout [String]) throws(QueryError) {
        guard !grouped else { return }
        let source: FrameColumn?
        if case .base = f.provenance { source = store.columns[column] } else { source = f.columnIndex(name).map { f.columns[$0] } }
        guard let c = source, case .text(let ids, let dictionary) = c.storage else { return }
        var firstID = [Int32](repeating: -2, count: groupCount)
        var mixed: (Int32, Int32)?
        for (r, p) in rows.enumerated() {
            let id = ids[Int(p)], g = Int(gid[r])
            if firstID[g] == -2 { firstID[g] = id } else if firstID[g] != id && id >= 0 && firstID[g] >= 0 {
                mixed = (firstID[g], id)
                break
            }
        }
        guard let (a, b) = mixed else { return }
        let x = dictionary[Int(a)], y = dictionary[Int(b)]
        let spec = specs.first { $0.function == .sum || $0.function == .avg }!
        if name == "unit" {
            throw QueryError(Message(.evalMixedUnits, x, y, spec.function.rawValue), at: spec.span, hint: Message(.hintFilterUnitOrGroup, x))
        }
        notes.append(note(.noteMixedStatements, x, y))
    }
}
