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
        guard !context.breakdowns.isEmpty || items.contains(where: { $0.contains("：") }) else { return }
        let statements = factColumn("statement", f)
        let codes = factColumn("code", f)
        let classes = BreakdownMasks(items: items, statements: statements?.dictionary ?? [], codes: codes?.dictionary ?? [],
                                     context: context)
        let ancestors = classes.ancestors
        var brokenDown = [Bool](repeating: false, count: items.count)
        for a in ancestors { for i in a { brokenDown[Int(i)] = true } }
        let economic = classes.economicBits == 0 ? nil : factColumn("econ_code", f)
        // Before looking at any row: when the masks rows could have all share a breakdown and no item
        // breaks another down, no row can conflict with another, and the rows need not be read
        // (a query over millions of facts pays nothing).
        if !classes.breaksDown, !classes.canConflict(economicCodes: !(economic?.dictionary.isEmpty ?? true)) { return }
        func mask(_ p: Int32) -> UInt32 {
            classes.mask(item: itemIDs[Int(p)], statement: statements?.ids[Int(p)] ?? -1, code: codes?.ids[Int(p)] ?? -1,
                         economic: (economic?.ids[Int(p)] ?? -1) >= 0)
        }
        // Cheap first: whether the rows could conflict at all (masks with no breakdown in common),
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
        let conflicting = BreakdownMasks.noCommonBreakdown(masks)
        guard conflicting || broken else { return }
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
            guard conflicting, m != 0 else { continue }
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
