import FiscalModel

/// The sums the 决算 summary tables (收入支出决算总表, 财政拨款收入支出决算总表) print, as the
/// national template defines them (附件2 部门决算模板): 本年收入合计 is the numbered 收入 lines,
/// 本年支出合计 the numbered 支出 lines (the 类), per column; the 收入 side's 总计 is 本年收入合计
/// + 使用非财政拨款结余 + 年初结转和结余, the 支出 side's 本年支出合计 + 结余分配 + 年末结转和结余
/// (per column); the two 总计 are equal; 年初财政拨款结转和结余 is the sum of its lines by fund; and
/// in the 财政拨款 table each 支出 line's 合计 is the sum of its fund columns. A table whose figures
/// fail one of them was read with figures beside the wrong items (or the report is wrong: `check`
/// says which when it compares certain readings), so its figures are read as unsure.
extension SummaryTable {
    /// The names of the totals and balances: template data a new template extends.
    enum Sums {
        static let incomeTotal: Set<String> = ["本年收入合计"]
        static let expenditureTotal: Set<String> = ["本年支出合计"]
        static let grandTotal: Set<String> = ["总计"]
        /// Added to 本年收入合计 to make the 收入 side's 总计.
        static let incomeBalances: Set<String> = ["使用非财政拨款结余（含专用结余）", "使用非财政拨款结余", "年初结转和结余", "年初财政拨款结转和结余"]
        /// Added to 本年支出合计 to make the 支出 side's 总计.
        static let expenditureBalances: Set<String> = ["结余分配", "年末结转和结余", "年末财政拨款结转和结余"]
    }

    /// A sum of the table that does not hold.
    struct SumFailure: Equatable {
        var total: String
        var line: Int
        var stated: Amount
        var sum: Amount
        /// The two 总计 differ (`sum` is the 支出 side's).
        var sides = false

        func message(_ table: String, figures: Int) -> Message {
            sides ? Message(.tabSidesDiffer, table, "\(stated)", "\(sum)", figures)
                : Message(.tabNamedUnbalanced, table, total, "\(stated)", "\(sum)", figures)
        }
    }

    /// The sums of `entries` that fail, within the rounding of the printed figures. A sum
    /// applies when its total is printed and at least one of its parts; an empty cell is zero.
    static func failures(_ entries: [Entry]) -> [SumFailure] {
        var incomeParts: [Entry] = [], expenditureParts: [Entry] = []
        var incomeTotal: Entry?, expenditureTotal: Entry?
        var incomeBalances: [Entry] = [], expenditureBalances: [Entry] = []
        var grand: [Entry] = []
        var broken: [String: [Entry]] = [:]
        for e in entries {
            if let under = e.under { broken[under, default: []].append(e); continue }
            if Sums.grandTotal.contains(e.label) { grand.append(e) }
            else if Sums.incomeTotal.contains(e.label) { incomeTotal = e }
            else if Sums.expenditureTotal.contains(e.label) { expenditureTotal = e }
            else if Sums.incomeBalances.contains(e.label) { incomeBalances.append(e) }
            else if Sums.expenditureBalances.contains(e.label) { expenditureBalances.append(e) }
            else if e.label.hasSuffix("支出") { expenditureParts.append(e) }
            else { incomeParts.append(e) }
        }
        var out: [SumFailure] = []
        /// `total` = Σ `parts`, column by column (the total's columns).
        func check(_ total: Entry?, _ parts: [Entry]) {
            guard let total, !total.figures.isEmpty, parts.contains(where: { !$0.figures.isEmpty }) else { return }
            for column in total.figures.indices {
                // Only printed figures: the rounding allowed grows with the figures added, not the blank cells.
                let printed = parts.compactMap { column < $0.figures.count ? $0.figures[column].amount : nil }
                let values = printed.isEmpty ? [Amount.zero] : printed
                if !ClassifiedTable.addsUp(total.figures[column].amount, values) {
                    out.append(SumFailure(total: total.label, line: total.figures[column].span.line, stated: total.figures[column].amount,
                                          sum: Amount.sum(values)))
                }
            }
        }
        check(incomeTotal, incomeParts)
        check(expenditureTotal, expenditureParts)
        // The 总计: the 收入 side's first, then the 支出 side's.
        let incomeGrand = grand.first, expenditureGrand = grand.count > 1 ? grand[1] : nil
        check(incomeGrand, incomeTotal.map { [$0] + incomeBalances } ?? [])
        check(expenditureGrand, expenditureTotal.map { [$0] + expenditureBalances } ?? [])
        if let i = incomeGrand?.figures.first, let o = expenditureGrand?.figures.first, !ClassifiedTable.addsUp(i.amount, [o.amount]) {
            out.append(SumFailure(total: "总计", line: o.span.line, stated: i.amount, sum: o.amount, sides: true))
        }
        for (label, lines) in broken.sorted(by: { $0.key < $1.key }) {
            check(entries.first { $0.label == label && $0.under == nil }, lines)
        }
        // A 支出 line with fund columns: its 合计 is their sum.
        for e in expenditureParts + [expenditureTotal, expenditureGrand].compactMap({ $0 }) + expenditureBalances where e.figures.count > 1 {
            let funds = e.figures.dropFirst().map(\.amount)
            if !ClassifiedTable.addsUp(e.figures[0].amount, funds) {
                out.append(SumFailure(total: e.label, line: e.figures[0].span.line, stated: e.figures[0].amount, sum: Amount.sum(funds)))
            }
        }
        return out
    }
}
