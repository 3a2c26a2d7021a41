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
        var rows = physicalRows(f).filter { codeIDs[Int($0)] >= 0 }
        narrow(&rows, f, "statement", notes: &notes, choose: DrillScope.statement)
        narrow(&rows, f, "measure", notes: &notes, choose: DrillScope.measure)
        narrowToLatest(&rows, f, notes: &notes)
        if let ui = f.columnIndex("unit"), case .text(let uids, let units) = f.columns[ui].storage {
            let distinct = Evaluator.distinctIDs(uids, rows, dictionarySize: units.count)
            if distinct.count > 1 {
                let names = distinct.filter { $0 >= 0 }.map { units[Int($0)] }.sorted()
                throw QueryError(Message(.evalDrillUnits, names.joined(separator: ", ")),
                                 at: spec.span, hint: Message(.hintFilterUnitDrill, names[0]))
            }
        }
        if let ei = f.columnIndex("entity"), case .text(let eids, let entities) = f.columns[ei].storage {
            let n = Evaluator.distinctIDs(eids, rows, dictionarySize: entities.count).count
            if n > 1 { notes.append(DrillScope.entitiesNote(n, language: context.language)) }
        }
        var scoped = f
        scoped.selection = rows
        let totals = statedTotals(scoped)
        // Roll the leaves up to every ancestor; keep what each code states itself. Codes are
        // nodes of the parsed hierarchy, sums kept per node in arrays.
        let hierarchy = store.analysis.codes(codes, store)
        var tree = DrillTree(hierarchy, span: spec.span)
        // Below a drilled code that has figures, only the figures under it reach the rows, shares
        // and notes: the others (eight 类 of nine, for `drill 201`) are not added up.
        let under: [Bool]? = spec.code.flatMap { hierarchy.node[$0] }.map { root in hierarchy.lineage.map { $0.contains(root) } }
        for p32 in rows {
            let p = Int(p32)
            guard ss[p] >= 0 else { continue }
            if let under, !under[Int(codeIDs[p])] { continue }
            try tree.add(code: Int(codeIDs[p]), amount: Amount(mantissa: ms[p], scale: Int(ss[p])), total: totals[p], member: p32)
        }
        let made = try tree.table(spec, name: { name(of: $0) }, language: context.language)
        var frame = Frame.make(columns: made.columns, rows: made.rows, provenance: f.combinedProvenance(made.members),
                               notes: notes + made.notes)
        frame.depths = made.depths ?? []
        return frame
    }

    /// The distinct ids of `ids` at `rows`, in increasing order (-1, a missing value, first):
    /// marked in an array as long as the dictionary, not hashed per row.
    static func distinctIDs(_ ids: IDColumn, _ rows: [Int32], dictionarySize: Int) -> [Int32] {
        var seen = [Bool](repeating: false, count: dictionarySize + 1)
        for p in rows { seen[Int(ids[Int(p)]) + 1] = true }
        return seen.indices.filter { seen[$0] }.map { Int32($0 - 1) }
    }

    /// Keeps the rows whose `column` is the one `choose` picks (given how many rows hold each
    /// value), when the rows hold several.
    func narrow(_ rows: inout [Int32], _ f: Frame, _ column: String, notes: inout [String],
                choose: ([String?: Int]) -> String?) {
        guard let ci = f.columnIndex(column) else { return }
        let (ids, texts) = textIDs(f, ci, rows)
        guard texts.count > 1 else { return }
        var counts = [Int](repeating: 0, count: texts.count)
        for id in ids { counts[Int(id)] += 1 }
        let pick = choose(Dictionary(uniqueKeysWithValues: zip(texts, counts)))
        let keep = texts.map { $0 == pick }
        rows = zip(rows, ids).filter { keep[Int($0.1)] }.map(\.0)
        notes.append(DrillScope.countsNote(column, pick: pick, values: Set(texts), language: context.language))
    }

    /// The text of column `column` at each of `rows` as a small id, and the distinct texts by
    /// id (`nil` for a missing or non-text value): interned text is looked at once per string.
    func textIDs(_ f: Frame, _ column: Int, _ rows: [Int32]) -> (ids: [Int32], texts: [String?]) {
        let c = f.columns[column]
        var index: [String?: Int32] = [:]
        var texts: [String?] = []
        func id(_ s: String?) -> Int32 {
            if let i = index[s] { return i }
            let i = Int32(texts.count)
            index[s] = i
            texts.append(s)
            return i
        }
        var ids: [Int32] = []
        ids.reserveCapacity(rows.count)
        if case .text(let stored, let dictionary) = c.storage {
            var map = [Int32](repeating: -1, count: dictionary.count + 1)  // slot 0: missing
            for p in rows {
                let d = Int(stored[Int(p)]) + 1
                if map[d] < 0 { map[d] = id(d == 0 ? nil : dictionary[d - 1]) }
                ids.append(map[d])
            }
        } else {
            for p in rows {
                if case .text(let s) = c.value(Int(p)) { ids.append(id(s)) } else { ids.append(id(nil)) }
            }
        }
        return (ids, texts)
    }

    /// Keeps the latest year, and 决算 over 预算 within it, when the rows hold several.
    func narrowToLatest(_ rows: inout [Int32], _ f: Frame, notes: inout [String]) {
        guard let yi = f.columnIndex("year") else { return }
        let years = f.columns[yi]
        let phases = f.columnIndex("phase").map { textIDs(f, $0, rows) }
        let isFinalText = phases.map { phase in phase.texts.map { text in text == Phase.final.rawValue } }
        var keyOf: [Int] = []
        keyOf.reserveCapacity(rows.count)
        for (r, p) in rows.enumerated() {
            let y: Int
            if case .integer(let xs) = years.storage, years.type != .bool {
                y = xs[Int(p)]
            } else if case .integer(let v) = years.value(Int(p)) {
                y = v
            } else {
                y = Int.min
            }
            let isFinal = phases.map { phase in isFinalText![Int(phase.ids[r])] } ?? false
            keyOf.append(y * 2 + (isFinal ? 1 : 0))
        }
        let keys = Set(keyOf)
        guard keys.count > 1, let latest = keys.max() else { return }
        rows = zip(rows, keyOf).filter { $0.1 == latest }.map(\.0)
        notes.append(DrillScope.latestNote(year: latest / 2, final: latest % 2 == 1, of: keys.count, language: context.language))
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
