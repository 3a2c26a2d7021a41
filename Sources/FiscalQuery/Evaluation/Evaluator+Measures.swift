import FiscalModel

/// Additivity: what a sum (or a share's total) may add together. docs/LANGUAGE.md, "Not
/// counting money twice", states the rules.
extension Evaluator {
    /// The interned column of `name` for the frame's physical rows: the frame's own, or for a
    /// frame still over the fact store (`select item, amount` dropped it), the store's.
    func factColumn(_ name: String, _ f: Frame) -> (ids: IDColumn, dictionary: [String])? {
        if let i = f.columnIndex(name), case .text(let ids, let d) = f.columns[i].storage { return (ids, d) }
        if case .base = f.provenance, let i = store.columns.firstIndex(where: { $0.name == name }),
           case .text(let ids, let d) = store.columns[i].storage {
            return (ids, d)
        }
        return nil
    }

    /// Never adds two measures: in each group whose rows hold several measures, the rows of the
    /// total measure (合计) are kept and the others left out, with a note; a group with several
    /// measures and no total is an error naming them.
    func keepOneMeasure(_ f: Frame, _ rows: inout [Int32], gid: inout [Int32], groupCount: Int, what: Message,
                        span: QuerySpan?, notes: inout [String]) throws(QueryError) {
        guard let (ids, dictionary) = factColumn("measure", f), dictionary.count > 1 else { return }
        let total = dictionary.firstIndex(of: Measure.total.rawValue).map(Int32.init) ?? Int32.min
        var seen = [[Int32]](repeating: [], count: groupCount)
        for (r, p) in rows.enumerated() {
            let m = ids[Int(p)], g = Int(gid[r])
            if !seen[g].contains(m) { seen[g].append(m) }
        }
        func names(_ ms: [Int32]) -> [String] { ms.filter { $0 >= 0 }.map { dictionary[Int($0)] }.sorted() }
        var dropped = Set<Int32>()
        for g in 0..<groupCount where seen[g].count > 1 {
            if seen[g].contains(total) {
                for m in seen[g] where m != total { dropped.insert(m) }
            } else {
                let mixed = names(seen[g])
                throw QueryError(Message(.evalMixedMeasures, mixed.joined(separator: ", "), what), at: span, hint: Message(.hintPickMeasure, mixed[0]))
            }
        }
        guard !dropped.isEmpty else { return }
        var keptRows: [Int32] = [], keptGid: [Int32] = []
        keptRows.reserveCapacity(rows.count)
        keptGid.reserveCapacity(rows.count)
        for (r, p) in rows.enumerated() {
            let g = Int(gid[r])
            if seen[g].count > 1 && ids[Int(p)] != total { continue }
            keptRows.append(p)
            keptGid.append(gid[r])
        }
        rows = keptRows
        gid = keptGid
        let others = names(Array(dropped))
        notes.append(note(.noteTotalMeasureOnly, what, list(others)))
    }

    /// Refuses a sum whose group holds a stated total together with its own parts: a 类 with
    /// its 款 or 项 (same entity, year, phase, statement, fund and measure), or a 合计 row with
    /// the rows it adds up.
    func refuseTotalsWithParts(_ f: Frame, rows: [Int32], gid: [Int32], span: QuerySpan?, keys: [Expr]) throws(QueryError) {
        guard !rows.isEmpty else { return }
        // By code: a code and one of its descendants in one group and context, functional
        // (201 and 20101) or economic (301 and 30101).
        for column in ["code", "econ_code"] {
            guard let (codeIDs, codes) = factColumn(column, f) else { continue }
            let hierarchy = store.analysis.codes(codes, store)
            let ancestors = hierarchy.ancestors
            guard hierarchy.hasAncestors else { continue }
            let c = contexts(f)
            struct Key: Hashable { var group: Int32, context: Int32, code: Int32 }
            var parts: [Key: Int32] = [:]
            for (r, p) in rows.enumerated() {
                let code = codeIDs[Int(p)]
                guard code >= 0 else { continue }
                for a in ancestors[Int(code)] { parts[Key(group: gid[r], context: c.ids[Int(p)], code: a), default: code] = code }
            }
            for (r, p) in rows.enumerated() {
                let code = codeIDs[Int(p)]
                guard code >= 0, let part = parts[Key(group: gid[r], context: c.ids[Int(p)], code: code)] else { continue }
                let total = codes[Int(code)], child = codes[Int(part)]
                throw QueryError(Message(.evalTotalWithPartsCode, total, describeCode(total), child, describeCode(child)),
                                 at: span, hint: Message(column == "code" ? .hintFinestLevel : .hintFinestEconomicLevel, total))
            }
        }
        // By label: a 合计/总计 row (or the row named after its statement) with other rows of
        // its statement.
        guard let (itemIDs, items) = factColumn("item", f) else { return }
        let statements = factColumn("statement", f)
        let statementNames = (statements?.dictionary ?? []).map(FactKey.normalize)
        // Per item: a total by its wording (合计 …); per item and statement: the statement's own
        // total (一般公共预算财政拨款支出 in 一般公共预算财政拨款支出, 一般公共预算财政拨款基本支出 in 基本支出).
        let labelTotal = items.map { Evaluator.isTotalLabel($0) }
        let normalizedItems = items.map(FactKey.normalize)
        var totalOf: [Int: Bool] = [:]
        for (i, item) in normalizedItems.enumerated() {
            for (s, name) in statementNames.enumerated() where Evaluator.isStatementTotal(item, of: name) {
                totalOf[i * statementNames.count + s] = true
            }
        }
        // Per item: the named totals it is the total of, and those it is a part of.
        var named: [(totalOf: [Int], partOf: [Int])] = []
        if !context.namedTotals.isEmpty {
            var totalStem: [String: [Int]] = [:], partStem: [String: [Int]] = [:]
            for (n, t) in context.namedTotals.enumerated() {
                for label in t.totals { totalStem[NamedTotal.stem(label), default: []].append(n) }
                for label in t.parts { partStem[NamedTotal.stem(label), default: []].append(n) }
            }
            named = items.map { item in
                let stem = NamedTotal.stem(item)
                return (totalStem[stem] ?? [], partStem[stem] ?? [])
            }
        }
        let hasNamed = named.contains { !$0.totalOf.isEmpty }
        guard labelTotal.contains(true) || !totalOf.isEmpty || hasNamed else { return }
        let namesStatement: (Int32, Int) -> Bool = { item, p in
            guard !totalOf.isEmpty, let st = statements else { return false }
            let s = st.ids[p]
            return s >= 0 && totalOf[Int(item) * statementNames.count + Int(s)] == true
        }
        let contextOf = labelContexts(f, rows: rows)
        struct Place: Hashable { var group: Int32, context: Int32 }
        var totalRow: [Place: Int32] = [:], otherRow: [Place: Int32] = [:]
        struct NamedPlace: Hashable { var place: Place, total: Int }
        var namedTotalRow: [NamedPlace: Int32] = [:], namedPartRow: [NamedPlace: Int32] = [:]
        for (r, p) in rows.enumerated() {
            let item = itemIDs[Int(p)]
            guard item >= 0 else { continue }
            if hasNamed {
                let place = Place(group: gid[r], context: contextOf(p))
                let statement = statements.flatMap { $0.ids[Int(p)] >= 0 ? $0.dictionary[Int($0.ids[Int(p)])] : nil }
                func applies(_ n: Int) -> Bool { context.namedTotals[n].statement.map { $0 == statement } ?? true }
                for n in named[Int(item)].totalOf where applies(n) { namedTotalRow[NamedPlace(place: place, total: n)] = item }
                for n in named[Int(item)].partOf where applies(n) { namedPartRow[NamedPlace(place: place, total: n)] = item }
                for n in named[Int(item)].totalOf + named[Int(item)].partOf where applies(n) {
                    let key = NamedPlace(place: place, total: n)
                    if let t = namedTotalRow[key], let o = namedPartRow[key] {
                        throw totalWithParts(items[Int(t)], .literal("`\(items[Int(o)])`"), at: span)
                    }
                }
            }
            let isTotal = labelTotal[Int(item)] || namesStatement(item, Int(p))
            let place = Place(group: gid[r], context: contextOf(p))
            if isTotal {
                if totalRow[place] == nil { totalRow[place] = item }
            } else if otherRow[place] == nil {
                otherRow[place] = item
            }
            if let t = totalRow[place], let o = otherRow[place] {
                throw totalWithParts(items[Int(t)], Message(.rowsSuchAs, items[Int(o)]), at: span)
            }
        }
    }

    /// Per physical row among `rows`, the context within which a labelled total and its parts
    /// are compared: entity, year, phase, statement and measure. A 合计 row's parts may each
    /// have their own fund (本年收入合计 and 一般公共预算财政拨款收入): the context leaves the fund out.
    func labelContexts(_ f: Frame, rows: [Int32]) -> (Int32) -> Int32 {
        if case .base = f.provenance {
            let ids = store.analysis.labelContexts(store).ids
            return { ids[Int($0)] }
        }
        let names = ["entity", "year", "phase", "statement", "measure"]
        let columns: [FrameColumn] = names.compactMap { name in
            if let i = f.columnIndex(name) { return f.columns[i] }
            if case .base = f.provenance { return store.columns.first { $0.name == name } }
            return nil
        }
        var seen: [[Value]: Int32] = [:]
        var ids: [Int32: Int32] = [:]
        for p in rows {
            let key = columns.map { $0.value(Int(p)) }
            let id = seen[key] ?? Int32(seen.count)
            seen[key] = id
            ids[p] = id
        }
        return { ids[$0]! }
    }

    /// The error for a sum holding the item `total` and its `parts` (as the message names them).
    func totalWithParts(_ total: String, _ parts: Message, at span: QuerySpan?) -> QueryError {
        QueryError(Message(.evalTotalWithPartsItem, total, parts), at: span, hint: Message(.hintLeaveTotalOut, total))
    }

    /// The name of a code for a message.
    func describeCode(_ raw: String) -> String {
        ClassificationCode(rawValue: raw).flatMap { name(of: $0) } ?? ""
    }

    /// Whether an item names a total by its wording: 合计, 总计, 小计, 总额, or a name ending in
    /// them (本年支出合计, 收入支出总计, 政府采购支出总额).
    public static func isTotalLabel(_ item: String) -> Bool {
        let n = FactKey.normalize(item)
        return ["合计", "总计", "小计", "总额"].contains { n.hasSuffix($0) }
    }

    /// Whether a (normalised) item is the total of the statement named `statement`: its name,
    /// or a name ending in it when the name says more than 收入/支出 (一般公共预算财政拨款基本支出
    /// in 基本支出).
    public static func isStatementTotal(_ item: String, of statement: String) -> Bool {
        item == statement || (statement.count >= 4 && item.hasSuffix(statement))
    }
}
