import FiscalModel

/// Reads the 财政拨款"三公"经费支出决算表: one row of twelve cells, 预算数 and 决算数 of
/// 合计, 因公出国（境）费, 公务用车购置及运行维护费 (小计, 购置费, 运行维护费) and 公务接待费.
struct ThreePublicTable {
    var section: TableSection

    static let items = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]

    func read(into context: inout TableContext) {
        var figures: [Figure] = []
        var firstLine = section.titleLine
        for line in section.lines {
            for token in line.tokens {
                if let amount = token.amount {
                    if figures.isEmpty { firstLine = line.number }
                    figures.append(Figure(amount: amount, span: context.source.span(line, token)))
                }
            }
        }
        if figures.isEmpty { return }
        var cells = figures
        if figures.count != 12 {
            // Only the 合计 pair can be placed with confidence: 预算数 first.
            context.warn("ambiguous-column", "三公经费: expected 12 figures (预算数 and 决算数 of six items), found \(figures.count); only the first taken, as 合计 预算数", line: firstLine)
            cells = [figures[0]]
        }
        for (n, figure) in cells.enumerated() {
            let column = n % 2 == 0 ? "预算数" : "决算数"
            context.add(.threePublic, item: ThreePublicTable.items[n / 2], column: column, figure: figure)
            if n % 2 == 0 { context.facts[context.facts.count - 1].phase = .budget }
        }
    }
}
