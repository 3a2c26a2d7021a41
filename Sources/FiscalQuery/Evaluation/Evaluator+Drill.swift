import FiscalModel

extension Evaluator {
    /// `drill [code] [depth n]`: the parts of a code, added up from the finest level stated.
    ///
    /// Scope, so that nothing counts twice: one statement (`支出` if stated, else
    /// `一般公共预算财政拨款支出`, else the one with most coded facts), one column (the
    /// unnamed or 合计 one) and one year and phase (the latest, 决算 before 预算); each choice
    /// made by default is said in a note. A stated total that differs from the sum of its
    /// parts is shown in a `stated` column and a note.
    func drill(_ f: Frame, _ spec: DrillSpec) throws(QueryError) -> Frame {
        var spec = spec
        if let name = spec.name, spec.code == nil { spec.code = try code(named: name) }
        guard let ci = f.columnIndex("code"), case .text(let codeIDs, let codes) = f.columns[ci].storage,
            let ai = f.columnIndex("amount"), case .amount(let ms, let ss) = f.columns[ai].storage
        else {
            throw QueryError(Message(.evalDrillNeedsColumns, f.columns.map(\.name).joined(separator: ", ")),
                             at: spec.span, hint: Message(.hintDrillFacts))
        }
        var notes = f.notes
        var rows = f.physicalRows.filter { codeIDs[Int($0)] >= 0 }
        let preferred = ["支出", Statement.generalBudgetExpenditure.rawValue, Statement.fiscalAppropriation.rawValue]
        let all = rows
        narrow(&rows, f, "statement", notes: &notes) { values in
            preferred.first { values.contains($0) } ?? values.max { a, b in
                all.filter { self.text(f, "statement", $0) == a }.count < all.filter { self.text(f, "statement", $0) == b }.count
            } ?? nil
        }
        narrow(&rows, f, "measure", notes: &notes) { values in
            values.contains(nil) ? nil : (values.contains("合计") ? "合计" : values.compactMap { $0 }.min())
        }
        narrowToLatest(&rows, f, notes: &notes)
        if let ui = f.columnIndex("unit"), case .text(let uids, let units) = f.columns[ui].storage {
            let distinct = Set(rows.map { uids[Int($0)] })
            if distinct.count > 1 {
                let names = distinct.filter { $0 >= 0 }.map { units[Int($0)] }.sorted()
                throw QueryError(Message(.evalDrillUnits, names.joined(separator: ", ")),
                                 at: spec.span, hint: Message(.hintFilterUnitDrill, names[0]))
            }
        }
        if let ei = f.columnIndex("entity"), case .text(let eids, _) = f.columns[ei].storage, Set(rows.map { eids[Int($0)] }).count > 1 {
            notes.append(note(.noteDrillEntities, Set(rows.map { eids[Int($0)] }).count))
        }
        var scoped = f
        scoped.selection = rows
        let totals = statedTotals(scoped)
        // Roll the leaves up to every ancestor; keep what each code states itself.
        var rolled: [ClassificationCode: (Amount, [Int32])] = [:]
        var stated: [ClassificationCode: Amount] = [:]
        for p32 in rows {
            let p = Int(p32)
            guard let code = ClassificationCode(rawValue: codes[Int(codeIDs[p])]), ss[p] >= 0 else { continue }
            let amount = Amount(mantissa: ms[p], scale: Int(ss[p]))
            let sum = { (a: Amount) throws(QueryError) -> Amount in
                try Evaluator.exactly(Message(.whatSumUnder, code.rawValue), at: spec.span) { () throws(AmountOverflow) in try a.adding(amount) }
            }
            stated[code] = try sum(stated[code] ?? .zero)
            if totals[p] { continue }
            for node in code.lineage {
                var entry = rolled[node] ?? (.zero, [])
                entry.0 = try sum(entry.0)
                entry.1.append(p32)
                rolled[node] = entry
            }
        }
        func children(_ node: ClassificationCode?) -> [ClassificationCode] {
            rolled.keys.filter { node == nil ? $0.level == .lei : $0.parent == node }.sorted()
        }
        var out: [(ClassificationCode, Int, Amount)] = []  // code, depth, parent total
        func walk(_ node: ClassificationCode?, _ depth: Int, _ parentTotal: Amount) {
            for child in children(node) {
                out.append((child, depth, parentTotal))
                if depth + 1 < spec.depth { walk(child, depth + 1, rolled[child]!.0) }
            }
        }
        let rootTotal: Amount
        if let stated = spec.code.flatMap({ rolled[$0]?.0 }) { rootTotal = stated } else {
            let parts = children(nil).map { rolled[$0]!.0 }
            rootTotal = try Evaluator.exactly(Message(.whatDrillTotal), at: spec.span) { () throws(AmountOverflow) in try Amount.checkedSum(parts) }
        }
        walk(spec.code, 0, rootTotal)
        if let root = spec.code {
            if rolled[root] == nil {
                notes.append(note(.noteNoFactsUnder, root.rawValue))
            } else if out.isEmpty {
                notes.append(note(.noteStatedWithoutParts, root.rawValue))
            }
        }
        var differs = false
        for node in (spec.code.map { [$0] } ?? []) + out.map(\.0) {
            guard let s = stated[node], let r = rolled[node]?.0, s != r else { continue }
            differs = differs || node != spec.code
            notes.append(note(.notePartsDiffer, node.rawValue, name(of: node) ?? "", s, r,
                              (try? r.subtracting(s)).map { Message.literal($0.description) } ?? Message(.tooLargeToShow)))
        }
        var columns: [ResultTable.Column] = [.init("code", .text), .init("name", .text), .init("amount", .amount), .init("share", .percent)]
        if differs { columns.append(.init("stated", .amount)) }
        var values: [[Value]] = []
        for (code, _, parentTotal) in out {
            let amount = rolled[code]!.0
            let share = parentTotal.isZero ? Value.null : .percent(try Evaluator.exactly(Message(.whatShareOfCode, code.rawValue), at: spec.span) { () throws(AmountOverflow) in
                try Ratio.exact(amount, parentTotal)
            })
            var row: [Value] = [.text(code.rawValue), name(of: code).map(Value.text) ?? .null, .amount(amount), share]
            if differs { row.append(stated[code].flatMap { $0 != amount ? Value.amount($0) : nil } ?? .null) }
            values.append(row)
        }
        var frame = Frame.make(columns: columns, rows: values,
                               provenance: f.combinedProvenance(out.map { rolled[$0.0]!.1 }), notes: notes)
        if spec.depth > 1 { frame.depths = out.map(\.1) }
        return frame
    }

    func text(_ f: Frame, _ column: String, _ p: Int32) -> String? {
        guard let i = f.columnIndex(column), case .text(let s) = f.columns[i].value(Int(p)) else { return nil }
        return s
    }

    /// Keeps the rows whose `column` is the one `choose` picks, when the rows hold several.
    func narrow(_ rows: inout [Int32], _ f: Frame, _ column: String, notes: inout [String],
                choose: (Set<String?>) -> String?) {
        guard f.columnIndex(column) != nil else { return }
        let values = Set(rows.map { text(f, column, $0) })
        guard values.count > 1 else { return }
        let pick = choose(values)
        rows = rows.filter { text(f, column, $0) == pick }
        let others = list(values.filter { $0 != pick }.map { $0 ?? "—" }.sorted())
        let heading = Evaluator.heading(column)
        let counted = pick.map { Message(.drillCountsValue, heading, $0) } ?? Message(.drillCountsNone, heading)
        notes.append(note(.noteDrillCounts, counted, heading, others, column))
    }

    /// Keeps the latest year, and 决算 over 预算 within it, when the rows hold several.
    func narrowToLatest(_ rows: inout [Int32], _ f: Frame, notes: inout [String]) {
        guard let yi = f.columnIndex("year") else { return }
        func key(_ p: Int32) -> (Int, Int) {
            let y: Int = if case .integer(let y) = f.columns[yi].value(Int(p)) { y } else { Int.min }
            return (y, text(f, "phase", p) == Phase.final.rawValue ? 1 : 0)
        }
        let keys = Set(rows.map { key($0).0 * 2 + key($0).1 })
        guard keys.count > 1, let latest = keys.max() else { return }
        rows = rows.filter { key($0).0 * 2 + key($0).1 == latest }
        let phase = latest % 2 == 1 ? Phase.final.rawValue : Phase.budget.rawValue
        notes.append(note(.noteDrillLatest, latest / 2, phase, keys.count))
    }

    /// The code a name written after `drill` stands for: the catalog's, else the one code the
    /// loaded facts write that item with.
    func code(named name: Name) throws(QueryError) -> ClassificationCode {
        if let code = context.codeForName(name.text) { return code }
        let matches = Set(store.itemNameByCode.filter { $0.value == name.text }.keys)
        if matches.count == 1, let code = ClassificationCode(rawValue: matches.first!) { return code }
        var candidates = Array(store.itemNameByCode.values)
        for code in store.itemNameByCode.keys.compactMap(ClassificationCode.init(rawValue:)) {
            if let n = context.codeName(code) { candidates.append(n) }
        }
        let hint = Suggestion.nearest(name.text, among: candidates).map { Message(.didYouMean, $0) } ?? Message(.hintDrillTakes)
        let what = matches.count > 1 ? Message(.evalNamesSeveralCodes, name.text, matches.sorted().joined(separator: ", "))
            : Message(.evalNotAClassification, name.text)
        throw QueryError(what, at: name.span, hint: hint)
    }
}
