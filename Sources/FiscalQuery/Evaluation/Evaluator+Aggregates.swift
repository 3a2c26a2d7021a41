import FiscalModel

/// The aggregates of a group: exact sums on every core, counts, min and max, and the checks
/// that a sum adds one unit and one statement.
extension Evaluator {
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
        // Every physical row in order: a row is its own index, not read from the identity array.
        let identity = store.analysis.isIdentity(rows)
        // Through buffer pointers: the indices are checked where they are made (rows and gid
        // index the columns and the groups), and this loop is most of a grouped sum's time.
        let parts = Parallel.map(ranges.count, threads: context.threads) { k -> (sums: [Int128], counts: [Int])? in
            var acc = [Int128](repeating: 0, count: groupCount)
            var counts = [Int](repeating: 0, count: groupCount)
            let done = rows.withUnsafeBufferPointer { rb in
                gid.withUnsafeBufferPointer { gb in
                    ms.withUnsafeBufferPointer { mb in
                        ss.withUnsafeBufferPointer { sb in
                            acc.withUnsafeMutableBufferPointer { ab in
                                counts.withUnsafeMutableBufferPointer { cb in
                                    // A run of rows of one group (a report's rows, in load order) is
                                    // added up in a register and then into the group's sum: adding
                                    // each row to the group's sum in memory waited on the row before.
                                    var runGroup = -1, run: Int128 = 0, runCount = 0
                                    func flush() -> Bool {
                                        guard runGroup >= 0 else { return true }
                                        let (sum, o) = ab[runGroup].addingReportingOverflow(run)
                                        if o { return false }
                                        ab[runGroup] = sum
                                        cb[runGroup] += runCount
                                        return true
                                    }
                                    for r in ranges[k] {
                                        let p = identity ? r : Int(rb[r])
                                        let s = sb[p]
                                        if s < 0 { continue }
                                        let g = Int(gb[r])
                                        var term = Int128(mb[p]), o1 = false
                                        if s != scale { (term, o1) = term.multipliedReportingOverflow(by: powers[Int(scale - s)]) }
                                        if o1 { return false }
                                        if g == runGroup {
                                            let (sum, o2) = run.addingReportingOverflow(term)
                                            if o2 { return false }
                                            run = sum
                                            runCount += 1
                                        } else {
                                            guard flush() else { return false }
                                            (runGroup, run, runCount) = (g, term, 1)
                                        }
                                    }
                                    return flush()
                                }
                            }
                        }
                    }
                }
            }
            return done ? (acc, counts) : nil
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
            // The common scale: the most decimals among the rows (each range on its thread).
            let ranges = context.rowRanges(rows.count)
            let scale = Parallel.map(ranges.count, threads: context.threads) { k -> Int8 in
                rows.withUnsafeBufferPointer { rb in
                    ss.withUnsafeBufferPointer { sb in
                        var high: Int8 = 0
                        for r in ranges[k] { high = max(high, sb[Int(rb[r])]) }
                        return high
                    }
                }
            }.max() ?? 0
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
        // One value in the whole column: nothing to mix, and no row need be read.
        guard let c = source, case .text(let ids, let dictionary) = c.storage, dictionary.count > 1 else { return }
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
