import FiscalModel

/// Reads the 政府采购(支出)预算表 by name and level: its 合计 and the 采购品目大类 numbered under
/// it (`一、货物A 59.00`, `三、服务 C 2,555.80`: 货物, 工程, 服务 with the letter of the 政府采购品目
/// 分类目录). The rows below a 大类 (专项, 经济科目, 采购物品, 采购组织形式) are projects and items
/// without a fixed name and are not read. The figures are certain when the 大类 add up to 合计;
/// otherwise they are read as unsure and a warning says so.
struct ProcurementTable {
    var section: TableSection

    /// The 采购品目大类 and the letter each is printed with: template data.
    static let categories: [(name: String, letter: String)] = [("货物", "A"), ("工程", "B"), ("服务", "C")]

    /// The total's name.
    static let total = "合计"

    private struct Row {
        var item: String
        var figure: Figure
        var line: Int
    }

    func read(into context: inout TableContext) {
        var total: Row?
        var awaitingTotal: Int?  // the 合计 line, its figure on the next line (pdfplumber)
        var rows: [Row] = []
        for line in section.lines {
            let tokens = line.tokens
            guard let first = tokens.first else { continue }
            let figures = tokens.compactMap { t in t.amount.map { Figure(amount: $0, span: context.source.span(line, t)) } }
            if let at = awaitingTotal {
                awaitingTotal = nil
                if figures.count == tokens.count, let f = figures.first, total == nil { total = Row(item: ProcurementTable.total, figure: f, line: at) }
            }
            if first.text == ProcurementTable.total, total == nil {
                if let f = figures.first { total = Row(item: ProcurementTable.total, figure: f, line: line.number) } else { awaitingTotal = line.number }
                continue
            }
            // `一、货物A`, or `一、货物` `A`.
            let (rest, numbered) = NamedCells.strippingOrdinal(String(first.text))
            guard numbered, let f = figures.first else { continue }
            var name = String(rest)
            if tokens.count > 2, tokens[1].amount == nil, tokens[1].text.count == 1 { name += tokens[1].text }
            guard let category = ProcurementTable.categories.first(where: { name == $0.name || name == $0.name + $0.letter }) else { continue }
            rows.append(Row(item: category.name, figure: f, line: line.number))
        }
        guard !rows.isEmpty || total != nil else { return }
        var certain = false
        if let total {
            let sum = Amount.sum(rows.map(\.figure.amount))
            certain = ClassifiedTable.addsUp(total.figure.amount, rows.map(\.figure.amount))
            if !certain {
                context.warn("rows-misaligned", Message(.tabNamedUnbalanced, section.title, total.item, "\(total.figure.amount)", "\(sum)", rows.count + 1), line: total.line)
            }
        } else {
            context.warn("unchecked-table", Message(.tabNamedUnchecked, section.title, rows.count), line: section.titleLine)
        }
        for row in (total.map { [$0] } ?? []) + rows {
            context.add(.procurement, item: row.item, column: nil, figure: row.figure, inferred: !certain, byName: true)
        }
    }
}
