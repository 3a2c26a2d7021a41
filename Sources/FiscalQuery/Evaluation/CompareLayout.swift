import FiscalModel

/// The columns a comparison shows, made from its cells: side by side (one column per value,
/// the changes between them) or ranked (one row per entity).
struct CompareLayout {
    /// The language of the notes.
    var language: Language
    var spec: CompareSpec
    var dimension: FrameColumn
    var values: [Value]
    var baseIndex: Int
    /// The name of the compared amount column (`amount`, `sum_amount` …).
    var valueName: String
    /// The key columns, one row per group.
    var keys: [FrameColumn]
    var groupCount: Int
    var cells: CompareCells

    /// What a layout makes: the columns, each output row's cells' rows, notes.
    struct Made {
        var columns: [FrameColumn]
        var members: [[Int32]]
        var notes: [String]
    }

    var n: Int { values.count }

    func note(_ key: MessageKey, _ arguments: any MessageArgument...) -> String {
        Message.key(key, arguments.map(\.asMessage)).text(language)
    }
    var span: QuerySpan { spec.span }

    /// One amount column per value; the changes; `rate` for phases and measures; `cagr`.
    func sideBySide() throws(QueryError) -> Made {
        var columns = keys
        var notes: [String] = []
        let names = Set(columns.map(\.name))
        for (d, v) in values.enumerated() {
            let name = names.contains(v.description) ? "\(dimension.name) \(v)" : v.description
            columns.append(FrameColumn.make(name, .amount, (0..<groupCount).map { g in cells[g, d].map(Value.amount) ?? .null }))
        }
        if n >= 3 {
            for d in 1..<n {
                let (delta, pct) = try change(from: d - 1, to: d)
                columns.append(FrameColumn.make("delta \(values[d])", .amount, delta))
                columns.append(FrameColumn.make("pct \(values[d])", .percent, pct))
            }
        }
        if n == 2 || (n >= 3 && spec.overall) {
            let (delta, pct) = try change(from: 0, to: n - 1)
            columns.append(FrameColumn.make("delta", .amount, delta))
            columns.append(FrameColumn.make("pct", .percent, pct))
        }
        if n >= 3 && spec.overall {
            notes.append(note(.noteCompareSteps, values[0].description, values[n - 1].description))
        }
        if spec.cagr, n >= 2 {
            columns.append(FrameColumn.make("cagr", .percent, try averageRates(&notes)))
        }
        columns += try rates(&notes)
        if !cells.derivedIn.isEmpty {
            let which = cells.derivedIn.sorted().map { values[$0].description }
            notes.append(note(.noteDerivedColumns, which.joinedAsList(in: language), which.count))
        }
        let members = (0..<groupCount).map { g in (0..<n).flatMap { cells.members[g * n + $0] } }
        return Made(columns: columns, members: members, notes: notes)
    }

    /// Per group: the change from value `a` to value `b` and its rate (missing when either is).
    func change(from a: Int, to b: Int) throws(QueryError) -> (delta: [Value], pct: [Value]) {
        var deltas: [Value] = [], pcts: [Value] = []
        for g in 0..<groupCount {
            guard let x = cells[g, a], let y = cells[g, b] else { deltas.append(.null); pcts.append(.null); continue }
            let delta = try Evaluator.exactly(Message(.columnDelta), at: span) { () throws(AmountOverflow) in try y.subtracting(x) }
            deltas.append(.amount(delta))
            pcts.append(x.isZero ? .null : .percent(try Evaluator.exactly(Message(.columnPct), at: span) { () throws(AmountOverflow) in try Ratio.exact(delta, x) }))
        }
        return (deltas, pcts)
    }

    /// `cagr`: (last / first)^(1 / years) − 1 per group, correctly rounded when printed
    /// (``CompoundRate``); missing where either end is missing, or not positive.
    func averageRates(_ notes: inout [String]) throws(QueryError) -> [Value] {
        guard case .integer(let y0) = values[0], case .integer(let y1) = values[n - 1], y1 > y0 else {
            throw QueryError(Message(.compareCagrNeedsYears, dimension.name), at: span)
        }
        let years = y1 - y0
        var undefined = 0
        let rates = (0..<groupCount).map { g -> Value in
            guard let a = cells[g, 0], let b = cells[g, n - 1] else { return .null }
            guard let r = CompoundRate.average(from: a, to: b, periods: years) else {
                undefined += 1
                return .null
            }
            return .percent(r)
        }
        notes.append(note(.noteCagr, y0, y1, years, CompoundRate.digits))
        if undefined > 0 { notes.append(note(.noteCagrUndefined, undefined, CompoundRate.maximumYears)) }
        return rates
    }

    /// `rate` for `compare phase` (决算 / 预算) and `compare measure` (the total over each
    /// budget measure compared with it).
    func rates(_ notes: inout [String]) throws(QueryError) -> [FrameColumn] {
        var pairs: [(name: String, budget: Int, outcome: Int)] = []
        let index = Dictionary(values.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        if dimension.name == "phase", let b = index[.text(Phase.budget.rawValue)], let o = index[.text(Phase.final.rawValue)] {
            pairs = [("rate", b, o)]
        } else if dimension.name == "measure", let o = index[.text(Measure.total.rawValue)] {
            let budgets = values.indices.filter { Measure(rawValue: values[$0].description).isBudget }
            pairs = budgets.map { (budgets.count == 1 ? "rate" : "rate \(values[$0])", $0, o) }
            if !pairs.isEmpty {
                notes.append(note(.noteMeasureRate, pairs.map { values[$0.budget].description }.joinedAsList(in: language)))
            }
        }
        return try pairs.map { (name, b, o) throws(QueryError) in
            var rates: [Value] = []
            for g in 0..<groupCount {
                guard let budget = cells[g, b], let outcome = cells[g, o], !budget.isZero else { rates.append(.null); continue }
                rates.append(.percent(try Evaluator.exactly(Message(.columnRate), at: span) { () throws(AmountOverflow) in try Ratio.exact(outcome, budget) }))
            }
            return FrameColumn.make(name, .percent, rates)
        }
    }

    /// One row per group and entity, the entities of a group ranked by amount (1 is the
    /// largest; equal amounts share a rank; a missing amount has none and comes last), with
    /// `delta` and `pct` from the base entity's amount.
    func ranked() throws(QueryError) -> Made {
        var out: [(g: Int, d: Int)] = []
        var rank: [Value] = [], delta: [Value] = [], pct: [Value] = []
        for g in 0..<groupCount {
            let order = (0..<n).sorted { a, b in
                switch (cells[g, a], cells[g, b]) {
                case (let x?, let y?): return y < x || (x == y && a < b)
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return a < b
                }
            }
            let base = cells[g, baseIndex]
            for d in order {
                out.append((g, d))
                guard let a = cells[g, d] else { rank.append(.null); delta.append(.null); pct.append(.null); continue }
                rank.append(.integer(1 + (0..<n).filter { e in cells[g, e].map { a < $0 } ?? false }.count))
                guard let base else { delta.append(.null); pct.append(.null); continue }
                let dv = try Evaluator.exactly(Message(.columnDelta), at: span) { () throws(AmountOverflow) in try a.subtracting(base) }
                delta.append(.amount(dv))
                pct.append(base.isZero ? .null : .percent(try Evaluator.exactly(Message(.columnPct), at: span) { () throws(AmountOverflow) in try Ratio.exact(dv, base) }))
            }
        }
        var columns = keys.map { k in FrameColumn.make(k.name, k.type, out.map { k.value($0.g) }) }
        columns.append(FrameColumn.make(dimension.name, dimension.type, out.map { values[$0.d] }))
        columns.append(FrameColumn.make(valueName, .amount, out.map { cells[$0.g, $0.d].map(Value.amount) ?? .null }))
        columns.append(FrameColumn.make("rank", .integer, rank))
        columns.append(FrameColumn.make("delta", .amount, delta))
        columns.append(FrameColumn.make("pct", .percent, pct))
        var notes = [note(.noteRanked, valueName, values[baseIndex].description)]
        if !cells.derivedIn.isEmpty {
            notes.append(note(.noteRankedDerived))
        }
        return Made(columns: columns, members: out.map { cells.members[$0.g * n + $0.d] }, notes: notes)
    }
}
