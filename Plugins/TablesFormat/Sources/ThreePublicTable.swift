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
            context.warn("ambiguous-column", Message(.tabThreePublicNoArrangement, "\(figures.count)"), line: firstLine)
        } else if cells.count < figures.count {
            let open = figures.indices.filter { n in !arrangements.allSatisfy { $0[n] == arrangements[0][n] } }
            let options = open.map { n in
                Set(arrangements.map { $0[n] }).sorted().map(ThreePublicTable.cellName)
            }
            context.warn("ambiguous-column", Message(.tabThreePublicCells, figures.count,
                                                     Message.joined(zip(open, options).map { Message(.tabFigureIsOneOf, figures[$0].amount, ThreePublicTable.either($1)) }, separator: "; ")),
                         line: firstLine)
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

/// Reads the 预算 三公 table: one row of figures under a header of 三公经费 columns, each
/// cell an item (合计, 因公出国（境）费, …). Templates differ in which columns they print and in
/// what order (Jiangsu adds 会议费 and 培训费 and a grand total first; Shanghai 2026 puts
/// 公务接待费 before the cars and adds 机关运行经费), so the layouts are data
/// (``layouts``), the one whose columns the header names most and whose identities the
/// figures satisfy is taken, and empty cells are placed by the identities
/// (``ColumnIdentity``): cells every placement that holds agrees on are read, the rest are not
/// (a warning names them).
struct BudgetThreePublicTable {
    var section: TableSection

    /// The item of each column, in print order; `statement` overrides the table's.
    struct Layout {
        var columns: [String]
        /// Words of the header that name this layout's columns (for choosing a layout).
        var headerWords: [String]
    }

    static let layouts: [Layout] = [
        // Jiangsu 2017–2018: 合计 | “三公”经费 小计, 因公出国（境）费, 公务用车 小计/购置费/运行维护费, 公务接待费 | 会议费 | 培训费.
        Layout(columns: ["三公经费、会议费、培训费合计", "合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费", "会议费", "培训费"],
               headerWords: ["会议费", "培训费", "会议", "公务接待费"]),
        // Shanghai 2026: 合计, 因公出国(境)费, 公务接待费, 公务用车 小计/购置费/运行费 | 机关运行经费.
        Layout(columns: ["合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "机关运行经费"],
               headerWords: ["机关运行经费", "运行费", "公务接待费"]),
    ]

    /// 合计 = its parts, by item name.
    static let identities: [ColumnIdentity] = [
        ColumnIdentity(terms: [("三公经费、会议费、培训费合计", 1), ("合计", -1), ("会议费", -1), ("培训费", -1)]),
        ColumnIdentity(terms: [("合计", 1), ("因公出国（境）费", -1), ("公务用车购置及运行维护费", -1), ("公务接待费", -1)]),
        ColumnIdentity(terms: [("公务用车购置及运行维护费", 1), ("公务用车购置费", -1), ("公务用车运行维护费", -1)]),
    ]

    func read(into context: inout TableContext) {
        var figures: [Figure] = []
        var header = ""
        var firstLine = section.titleLine
        for line in section.lines {
            let here = line.tokens.compactMap { t in t.amount.map { Figure(amount: $0, span: context.source.span(line, t)) } }
            if here.isEmpty, figures.isEmpty { header += line.compact; continue }
            if figures.isEmpty {
                firstLine = line.number
                figures = here
            } else if !here.isEmpty {
                // A figure the extraction displaced below the row: its cell is unknown.
                context.warn("displaced-figure", Message(.tabDisplaced, section.title, here.map { "\($0.amount)" }.joined(separator: " ")), line: line.number)
            }
        }
        guard !figures.isEmpty else { return }
        let values = figures.map(\.amount)
        // Layouts whose identities hold for some placement, the header's words deciding between them.
        let fitting = BudgetThreePublicTable.layouts.compactMap { layout -> (Layout, [[Int]], Int)? in
            let terms = ColumnIdentity.of(layout.columns, identities: BudgetThreePublicTable.identities)
            let options = ColumnIdentity.placements(values, columns: layout.columns.count, identities: terms)
            let words = layout.headerWords.filter { header.contains($0) }.count
            return options.isEmpty ? nil : (layout, options, words)
        }
        guard let (layout, options, _) = fitting.max(by: { $0.2 < $1.2 }) else {
            context.warn("ambiguous-column", Message(.tabThreePublicNoLayout, "\(section.title)", "\(figures.count)"), line: firstLine)
            return
        }
        var open: [Int] = []
        for (n, cell) in options[0].enumerated() {
            guard options.allSatisfy({ $0[n] == cell }) else { open.append(n); continue }
            let item = layout.columns[cell]
            if item == "机关运行经费" {
                context.add(.operatingCosts, item: item, column: nil, figure: figures[n])
            } else {
                context.add(.threePublic, item: item, column: nil, figure: figures[n])
            }
        }
        if !open.isEmpty {
            let names = open.map { n in
                Message(.tabFigureIsOneOf, figures[n].amount, ThreePublicTable.either(Set(options.map { layout.columns[$0[n]] }).sorted()))
            }
            context.warn("ambiguous-column", Message(.tabLayoutCells, section.title, figures.count, layout.columns.count, Message.joined(names, separator: "; ")),
                         line: firstLine)
        }
    }
}

extension ThreePublicTable {
    /// `a or b or c` (`a 或 b 或 c`): the cells a figure may be in.
    static func either(_ names: [String]) -> Message {
        Message.joined(Array(names.map { [Message.literal($0)] }.joined(separator: [Message(.wordOr)])), separator: "")
    }
}
