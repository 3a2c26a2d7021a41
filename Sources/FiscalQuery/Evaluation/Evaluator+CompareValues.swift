import FiscalModel

extension Evaluator {
    /// The values `compare` sets side by side: the ones listed (names matched as
    /// ``compareValue(_:_:_:_:_:notes:)`` says), else every value of the rows in order — phases
    /// 预算 before 决算, budget measures (年初预算, 调整预算, 全年预算) before the total, the rest
    /// ascending.
    func compareValues(_ spec: CompareSpec, _ dim: FrameColumn, _ rows: [Int32], _ f: Frame,
                       notes: inout [String]) throws(QueryError) -> [Value] {
        guard spec.values.isEmpty else {
            var values: [Value] = []
            for e in spec.values { values.append(try compareValue(e, spec.dimension, dim, rows, f, notes: &notes)) }
            return values
        }
        var values = Evaluator.distinctValues(dim, rows).filter { $0 != .null }
        switch dim.name {
        case "phase":
            values.sort { a, b in (Phase(name: a.description) ?? .final) < (Phase(name: b.description) ?? .final) }
        case "measure":
            let budgets = [Measure.initialBudget, .adjustedBudget, .fullYearBudget, .total].map(\.rawValue)
            func order(_ v: Value) -> Int { budgets.firstIndex(of: v.description) ?? budgets.count }
            values.sort { a, b in (order(a), a) < (order(b), b) }
        default:
            values.sort(by: <)
        }
        return values
    }

    /// The distinct values of `column` at `rows`, in no particular order: interned text and
    /// integers are told apart by their ids and numbers, and each made into a value once.
    static func distinctValues(_ column: FrameColumn, _ rows: [Int32]) -> [Value] {
        var first: [Int32] = []
        switch column.storage {
        case .text(let ids, let dictionary):
            return distinctIDs(ids, rows, dictionarySize: dictionary.count).map { $0 < 0 ? .null : .text(dictionary[Int($0)]) }
        case .integer(let xs):
            var seen = Set<Int>()
            var last: Int?
            for p in rows {
                let x = xs[Int(p)]
                if x == last { continue }  // a run of one value (a report's rows) is looked up once
                last = x
                if seen.insert(x).inserted { first.append(p) }
            }
        case .amount, .values:
            return Array(Set(rows.map { column.value(Int($0)) }))
        }
        return Array(Set(first.map { column.value(Int($0)) }))
    }

    /// One value as written after `compare DIM` or `base`. For a text column, a word that is not
    /// a column's name is a value (`compare entity 财政局 规划`), and a value names the one value
    /// of the rows that is equal to it, else starts with it, else contains it (a measure also by
    /// any of its names: `决算数`, `initial-budget`). Several matches are an error listing them; no
    /// match leaves the value as written (its column shows as missing) and a note names the
    /// values there are.
    func compareValue(_ e: Expr, _ dimension: Expr, _ dim: FrameColumn, _ rows: [Int32], _ f: Frame,
                      notes: inout [String]) throws(QueryError) -> Value {
        var word: String?
        if dim.type == .text {
            switch e {
            case .text(let s, _): word = s
            case .field(let n) where (try? column(n, in: f)) == nil: word = n.text
            default: break
            }
        }
        guard let word else {
            let c = try compile(e, f)
            if let t = c.type, !(t == dim.type || (t.isNumeric && dim.type.isNumeric)) {
                throw QueryError(Message(.evalCannotCompare, describe(dimension, dim.type), describe(e, t)), at: e.span)
            }
            return try c.eval(0)
        }
        let present = Set(rows.compactMap { p -> String? in
            if case .text(let s) = dim.value(Int(p)) { return s }
            return nil
        })
        if present.contains(word) { return .text(word) }
        if dim.name == "measure" {
            let named = Measure(named: word) ?? Measure(printed: word, phase: .final)
            if present.contains(named.rawValue) { return .text(named.rawValue) }
        }
        for matches in [present.filter { $0.hasPrefix(word) }, present.filter { $0.contains(word) }] where !matches.isEmpty {
            guard matches.count == 1 else {
                throw QueryError(Message(.compareNameAmbiguous, word, dim.name, matches.sorted().joined(separator: ", ")), at: e.span,
                                 hint: Message(.hintTypeMoreOfName))
            }
            return .text(matches.first!)
        }
        let there = present.sorted()
        let shown = there.count <= 8 ? list(there) : list(there.prefix(8)) + " …"
        notes.append(note(.noteCompareNoMatch, Evaluator.heading(dim.name), word, shown))
        return .text(word)
    }
}
