import FiscalModel

/// Reads the 财政拨款"三公"经费支出决算表: one row of twelve cells, 预算数 and 决算数 of
/// 合计, 因公出国（境）费, 公务用车购置及运行维护费 (小计, 购置费, 运行维护费) and 公务接待费.
///
/// Empty cells leave no trace, so fewer than twelve figures are placed by the arithmetic:
/// the figures keep their order; 合计 = 因公出国 + 公务用车小计 + 公务接待, 小计 = 购置 +
/// 运行维护, for 预算数 and 决算数 alike; an empty cell is zero. The cells every arrangement
/// that adds up agrees on are read; a warning names the figures that stay ambiguous.
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
        let arrangements = ThreePublicTable.arrangements(figures.map(\.amount))
        // The cells (0…11) that get the same figure in every arrangement that adds up.
        var cells: [(cell: Int, figure: Figure)] = []
        if let first = arrangements.first {
            for (n, cell) in first.enumerated() where arrangements.allSatisfy({ $0[n] == cell }) {
                cells.append((cell, figures[n]))
            }
        }
        if arrangements.isEmpty {
            context.warn("ambiguous-column", "三公经费: no arrangement of the \(figures.count) figures in the twelve cells adds up; none read", line: firstLine)
        } else if cells.count < figures.count {
            let open = figures.indices.filter { n in !arrangements.allSatisfy { $0[n] == arrangements[0][n] } }
            let options = open.map { n in
                Set(arrangements.map { $0[n] }).sorted().map(ThreePublicTable.cellName).joined(separator: " or ")
            }
            context.warn("ambiguous-column", "三公经费: \(figures.count) figures for twelve cells; " + zip(open, options).map { "\(figures[$0].amount) is \($1)" }.joined(separator: "; ") + "; not read", line: firstLine)
        }
        for (cell, figure) in cells {
            context.add(.threePublic, item: ThreePublicTable.items[cell / 2], column: cell % 2 == 0 ? "预算数" : "决算数", figure: figure)
            if cell % 2 == 0 { context.facts[context.facts.count - 1].phase = .budget }
        }
    }

    static func cellName(_ cell: Int) -> String { "\(items[cell / 2]) \(cell % 2 == 0 ? "预算数" : "决算数")" }

    /// Every way to put `values` in order into the twelve cells so that the sums hold.
    static func arrangements(_ values: [Amount]) -> [[Int]] {
        guard values.count <= 12 else { return [] }
        var out: [[Int]] = []
        func visit(_ n: Int, _ from: Int, _ chosen: [Int]) {
            if n == values.count {
                var cells = Array(repeating: Amount.zero, count: 12)
                for (k, c) in chosen.enumerated() { cells[c] = values[k] }
                let holds = (0...1).allSatisfy { (p: Int) -> Bool in
                    let parts: Amount = cells[2 + p] + cells[4 + p] + cells[10 + p]
                    let car: Amount = cells[6 + p] + cells[8 + p]
                    return cells[p] == parts && cells[4 + p] == car
                }
                if holds { out.append(chosen) }
                return
            }
            guard from < 12 else { return }
            for c in from..<12 where 12 - c >= values.count - n { visit(n + 1, c + 1, chosen + [c]) }
        }
        visit(0, 0, [])
        return out
    }
}
