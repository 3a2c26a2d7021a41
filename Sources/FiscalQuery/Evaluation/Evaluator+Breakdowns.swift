import FiscalModel

/// Additivity across breakdowns: one total stated twice, by two breakdowns (``Breakdown``).
extension Evaluator {
    /// Refuses a sum whose group holds rows of two breakdowns of one total in one context
    /// (entity, year, phase, statement, measure): the 收支总表's 收入 by source and its 支出 by
    /// 类, or its 支出 by 类 and again by 基本支出/项目支出. Also a row the reader broke down
    /// (`年初财政拨款结转和结余：一般公共预算财政拨款`) with the row it breaks down.
    /// Rows that are totals themselves (合计, the statement's own total, a named total) belong
    /// to no breakdown: ``refuseTotalsWithParts(_:rows:gid:span:keys:)`` deals with them.
    func refuseTwoBreakdowns(_ f: Frame, rows: [Int32], gid: [Int32], span: QuerySpan?) throws(QueryError) {
        guard !rows.isEmpty, let (itemIDs, items) = factColumn("item", f) else { return }
        let breakdowns = context.breakdowns
        guard !breakdowns.isEmpty || items.contains(where: { $0.contains("：") }) else { return }
        // The statements each named total is a total in (`nil`: any); 基本支出 is the total of
        // 人员经费 + 公用经费 in 基本支出, and a part of the 收支总表's 支出 by use.
        var namedTotals: [String: [String?]] = [:]
        for t in context.namedTotals { for label in t.totals { namedTotals[NamedTotal.stem(label), default: []].append(t.statement) } }
        let statements = factColumn("statement", f)
        let statementNames = (statements?.dictionary ?? []).map(FactKey.normalize)
        // Per item: the breakdowns it belongs to by name (none for a total).
        let normalized = items.map(FactKey.normalize)
        var itemMask = [UInt32](repeating: 0, count: items.count)
        // Per item: the items it breaks down (`货物` and `货物：办公设备购置费` of `货物：办公设备购置费：台式计算机`).
        var ancestors = [[Int32]](repeating: [], count: items.count)
        let index = Dictionary(normalized.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        for (i, n) in normalized.enumerated() {
            for colon in n.indices where n[colon] == "：" {
                if let parent = index[String(n[..<colon])] { ancestors[i].append(parent) }
            }
            if Evaluator.isTotalLabel(n) || namedTotals[NamedTotal.stem(n)]?.contains(nil) == true { continue }
            for (b, breakdown) in breakdowns.enumerated().prefix(32) where breakdown.items.contains(n) { itemMask[i] |= 1 << UInt32(b) }
        }
        var brokenDown = [Bool](repeating: false, count: items.count)
        for a in ancestors { for i in a { brokenDown[Int(i)] = true } }
        // Per code: the breakdowns of coded rows, functional (2…) or economic (3…, 5…).
        func bits(_ belongs: (Breakdown) -> Bool) -> UInt32 {
            breakdowns.enumerated().prefix(32).reduce(UInt32(0)) { $0 | (belongs($1.element) ? 1 << UInt32($1.offset) : 0) }
        }
        let functionalBits = bits(\.functionalCodes), economicBits = bits(\.economicCodes)
        let codes = factColumn("code", f)
        let codeMask: [UInt32] = (codes?.dictionary ?? []).map { c in
            (c.hasPrefix("2") ? functionalBits : 0) | (c.hasPrefix("3") || c.hasPrefix("5") ? economicBits : 0)
        }
        let economic = economicBits == 0 ? nil : factColumn("econ_code", f)
        // A statement's own total (一般公共预算财政拨款基本支出 in 基本支出), or a named total in
        // its statement, is in no breakdown.
        var totalIn: [Int32: [Int32]] = [:]
        for (i, n) in normalized.enumerated() where itemMask[i] != 0 {
            let named = namedTotals[NamedTotal.stem(n)] ?? []
            for (s, name) in statementNames.enumerated()
            where Evaluator.isStatementTotal(n, of: name) || named.contains(statements!.dictionary[s]) {
                totalIn[Int32(i), default: []].append(Int32(s))
            }
        }
        // Before looking at any row: every mask a row can have is an item's (or none) with a
        // code's (or none) and the economic bits (or none). When no two of those possible masks
        // are disjoint and no item breaks another down, no row can conflict with another, and
        // the rows need not be read (a query over millions of facts pays nothing).
        if !ancestors.contains(where: { !$0.isEmpty }) {
            let itemMasks = Set(itemMask).union([0]), codeMasks = Set(codeMask).union([0])
            let economicMasks: Set<UInt32> = (economic?.dictionary.isEmpty ?? true) ? [0] : [0, economicBits]
            var possible = Set<UInt32>()
            for a in itemMasks { for b in codeMasks { for c in economicMasks where a | b | c != 0 { possible.insert(a | b | c) } } }
            let list = Array(possible)
            let canConflict = list.indices.contains { i in list[(i + 1)...].contains { list[i] & $0 == 0 } }
            if !canConflict { return }
        }
        func mask(_ p: Int32) -> UInt32 {
            let item = itemIDs[Int(p)]
            var m = item >= 0 ? itemMask[Int(item)] : 0
            if m != 0, let st = totalIn[item], let statements, st.contains(statements.ids[Int(p)]) { m = 0 }
            if let codes, codes.ids[Int(p)] >= 0 { m |= codeMask[Int(codes.ids[Int(p)])] }
            if let economic, economic.ids[Int(p)] >= 0 { m |= economicBits }
            return m
        }
        // Cheap first: whether two rows could conflict at all (two masks that share nothing),
        // or a broken-down row is here with what it breaks down.
        var masks: [UInt32] = []
        var last: UInt32 = 0
        var broken = false
        for p in rows {
            let m = mask(p)
            if m != 0, m != last, !masks.contains(m) { masks.append(m) }
            last = m
            let item = itemIDs[Int(p)]
            if item >= 0, !ancestors[Int(item)].isEmpty { broken = true }
        }
        let disjoint = masks.indices.contains { i in masks[(i + 1)...].contains { masks[i] & $0 == 0 } }
        guard disjoint || broken else { return }
        let contextOf = labelContexts(f, rows: rows)
        struct Place: Hashable { var group: Int32, context: Int32 }
        // Per place: the breakdowns every row so far belongs to, and rows of its distinct masks.
        var common: [Place: UInt32] = [:]
        var examples: [Place: [Int32]] = [:]
        var itemsAt: [Place: Set<Int32>] = [:]
        for (r, p) in rows.enumerated() {
            let place = Place(group: gid[r], context: contextOf(p))
            let item = itemIDs[Int(p)]
            if broken, item >= 0, brokenDown[Int(item)] || !ancestors[Int(item)].isEmpty {
                itemsAt[place, default: []].insert(item)
                if let parent = ancestors[Int(item)].first(where: { itemsAt[place]!.contains($0) }) {
                    throw totalWithParts(items[Int(parent)], .literal("`\(items[Int(item)])`"), at: span)
                }
                if let child = itemsAt[place]!.first(where: { ancestors[Int($0)].contains(item) }) {
                    throw totalWithParts(items[Int(item)], .literal("`\(items[Int(child)])`"), at: span)
                }
            }
            let m = mask(p)
            guard disjoint, m != 0 else { continue }
            guard let before = common[place] else {
                common[place] = m
                examples[place] = [p]
                continue
            }
            if before & m == 0 {
                let seen = examples[place]!
                let first = seen.first { mask($0) & m == 0 } ?? seen[0]
                throw twoBreakdowns(f, rows: rows, first: first, second: p, mask: mask, at: span)
            }
            common[place] = before & m
            if examples[place]!.count < 8, !examples[place]!.contains(where: { mask($0) == m }) { examples[place]!.append(p) }
        }
    }

    /// The error for rows `first` and `second` of two breakdowns in one sum over `rows`.
    private func twoBreakdowns(_ f: Frame, rows: [Int32], first: Int32, second: Int32, mask: (Int32) -> UInt32,
                               at span: QuerySpan?) -> QueryError {
        let breakdowns = context.breakdowns
        func bit(_ m: UInt32) -> Int { breakdowns.indices.first { m & (1 << UInt32($0)) != 0 } ?? 0 }
        let mFirst = mask(first), mSecond = mask(second)
        let a = bit(mFirst & ~mSecond != 0 ? mFirst & ~mSecond : mFirst)
        let b = bit(mSecond & ~mFirst != 0 ? mSecond & ~mFirst : mSecond)
        let items = factColumn("item", f)
        func item(_ p: Int32) -> String {
            guard let items, items.ids[Int(p)] >= 0 else { return "" }
            return items.dictionary[Int(items.ids[Int(p)])]
        }
        // The filter that keeps breakdown `k`: its codes, or its items among the rows.
        func keeping(_ k: Int) -> String {
            if breakdowns[k].functionalCodes { return "where code != null" }
            if breakdowns[k].economicCodes { return "where econ_code != null" }
            var names: [String] = []
            for p in rows where mask(p) & (1 << UInt32(k)) != 0 {
                let n = item(p)
                if !names.contains(n) { names.append(n) }
            }
            return "where item in [" + names.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        }
        let statement = factColumn("statement", f).flatMap { st in st.ids[Int(first)] >= 0 ? st.dictionary[Int(st.ids[Int(first)])] : nil } ?? ""
        return QueryError(Message(.evalTwoBreakdowns, Message(breakdowns[a].name), item(first), Message(breakdowns[b].name), item(second), statement),
                          at: span, hint: Message(.hintPickBreakdown, keeping(a), keeping(b)))
    }
}
