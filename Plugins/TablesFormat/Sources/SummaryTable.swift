import FiscalModel

/// Reads the two-sided summary tables (收入支出决算总表, 财政拨款收入支出决算总表): income
/// items on the left, expenditure items on the right, figures after each item (pypdf) or on
/// the next line (pdfplumber).
struct SummaryTable {
    var section: TableSection

    /// An item of the table and the figures found for it.
    struct Entry {
        var label: String
        var figures: [Figure] = []
        var line: Int
        /// Set when the item is a breakdown of 年初(财政拨款)结转和结余.
        var under: String?
    }

    private static let standalone: Set<String> = [
        "本年收入合计", "本年支出合计", "使用非财政拨款结余（含专用结余）", "使用非财政拨款结余", "结余分配", "年初结转和结余", "年末结转和结余",
        "年初财政拨款结转和结余", "年末财政拨款结转和结余", "总计",
    ]

    func read(into context: inout TableContext) {
        let entries = self.entries(&context)
        let kind = section.kind
        // The table's own sums decide whether its figures stand beside the right items.
        let failures = SummaryTable.failures(entries)
        let unsure = !failures.isEmpty
        let count = entries.reduce(0) { $0 + $1.figures.count }
        for f in failures {
            context.warn("rows-misaligned", f.message(section.title, figures: count), line: f.line)
        }
        let incomeFunds: [Fund] = [.generalBudget, .governmentFund, .stateCapital]
        // 财政拨款总表: which fund columns are used, from the income side.
        var usedFunds: [Fund] = []
        if kind == .appropriation {
            for e in entries where e.under == nil {
                if let f = SummaryTable.fund(of: e.label), e.figures.contains(where: { !$0.amount.isZero }) { usedFunds.append(f) }
            }
            usedFunds = incomeFunds.filter(usedFunds.contains)
        }
        for e in entries where !e.figures.isEmpty {
            let item = e.under.map { "\($0)：\(e.label)" } ?? e.label
            // The expenditure side lists 类 (一般公共服务支出): they get their code.
            let code = e.under == nil && e.label.hasSuffix("支出") ? ClassificationCatalog.functional.resolve(e.label, level: .lei) : nil
            let expenditureSide = e.label.hasSuffix("支出") || e.label.hasPrefix("年末") || e.label == "本年支出合计"
            if kind == .appropriation, e.figures.count > 1 || expenditureSide {
                context.add(kind, item: item, code: code, column: "合计", figure: e.figures[0], inferred: unsure)
                let rest = Array(e.figures.dropFirst())
                var funds = usedFunds.count == rest.count ? usedFunds : Array(incomeFunds.prefix(rest.count))
                if usedFunds.count != rest.count, !rest.isEmpty {
                    context.warn("ambiguous-column", Message(.tabFundColumns, "\(item)", "\(rest.count)", "\(funds.map(\.rawValue).joined(separator: ", "))"), line: e.line)
                }
                funds = Array(funds.prefix(rest.count))
                for (fund, figure) in zip(funds, rest) {
                    context.add(kind, item: item, code: code, fund: fund, column: fund.rawValue + "财政拨款", figure: figure,
                                inferred: unsure || usedFunds.count != rest.count)
                }
            } else {
                if e.figures.count > 1 {
                    context.warn("extra-figure", Message(.tabOneFigure, "\(item)", "\(e.figures.count)"), line: e.line)
                }
                context.add(kind, item: item, code: code, fund: kind == .appropriation ? SummaryTable.fund(of: e.label) : nil, column: nil, figure: e.figures[0],
                            inferred: unsure)
            }
        }
    }

    /// The fund an income line of the 财政拨款总表 names.
    static func fund(of label: String) -> Fund? {
        if label.hasPrefix("一般公共预算财政拨款") { return .generalBudget }
        if label.hasPrefix("政府性基金预算财政拨款") { return .governmentFund }
        if label.hasPrefix("国有资本经营预算财政拨款") { return .stateCapital }
        return nil
    }

    /// The items in order with their figures.
    private func entries(_ context: inout TableContext) -> [Entry] {
        var entries: [Entry] = []
        var lastLabelLine: [Int] = []  // the entries started on the last line with items
        var under: String?
        for line in section.lines {
            var startedHere: [Int] = []
            var pending: [Figure] = []
            let figuresOnly = line.tokens.allSatisfy { $0.amount != nil }
            for token in line.tokens {
                if let amount = token.amount {
                    let figure = Figure(amount: amount, span: context.source.span(line, token))
                    if figuresOnly { pending.append(figure) } else if !entries.isEmpty { entries[entries.count - 1].figures.append(figure) }
                    continue
                }
                let text = String(token.text)
                if let label = SummaryTable.label(text) {
                    if label.hasPrefix("年初") && label.hasSuffix("结转和结余") { under = label }
                    if label == "本年收入合计" || label == "总计" { under = nil }
                    let isBreakdown = under != nil && SummaryTable.fund(of: label) != nil
                    entries.append(Entry(label: label, line: line.number, under: isBreakdown ? under : nil))
                    startedHere.append(entries.count - 1)
                } else if let open = entries.indices.last(where: { !SummaryTable.isComplete(entries[$0].label) }),
                    entries.count - open <= 3
                {
                    // A wrapped item: the words go to the latest item left unfinished.
                    entries[open].label += text
                }
            }
            if figuresOnly { distribute(pending, &entries, among: lastLabelLine, &context) }
            if !startedHere.isEmpty { lastLabelLine = startedHere }
        }
        return entries
    }

    /// Figures on a line of their own: one per item of the line above still without figures,
    /// the last item taking the rest (the expenditure side has several columns).
    private func distribute(_ figures: [Figure], _ entries: inout [Entry], among indexes: [Int], _ context: inout TableContext) {
        var figures = figures
        let open = indexes.filter { entries[$0].figures.isEmpty }
        guard !open.isEmpty else {
            if let last = indexes.last ?? entries.indices.last { entries[last].figures += figures }
            return
        }
        if figures.count < open.count {
            context.warn("ambiguous-column", Message(.tabGivenToFirst, "\(figures.count)", "\(open.count)"), line: entries[open[0]].line)
        }
        for (n, index) in open.enumerated() where !figures.isEmpty {
            if n == open.count - 1 { entries[index].figures += figures; figures = [] } else { entries[index].figures.append(figures.removeFirst()) }
        }
    }

    /// Whether an item's name is whole (a wrapped one lacks its end: `…财政拨`, `…等`).
    static func isComplete(_ label: String) -> Bool {
        ["支出", "收入", "拨款", "结余", "合计", "总计", "分配", "）"].contains { label.hasSuffix($0) }
    }

    /// The item a token starts (ordinal stripped), or `nil` for a continuation or header word.
    static func label(_ text: String) -> String? {
        if standalone.contains(text) { return text }
        if let mark = text.firstIndex(of: "、"), text.distance(from: text.startIndex, to: mark) <= 3,
            text[..<mark].allSatisfy({ "一二三四五六七八九十".contains($0) })
        {
            return String(text[text.index(after: mark)...])
        }
        return nil
    }
}
