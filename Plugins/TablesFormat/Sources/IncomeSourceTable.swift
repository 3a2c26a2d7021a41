import FiscalModel

/// Reads a 收入预算总表 that lists income by source, by name and level, no code printed (the
/// Jiangsu 2017–2018 template): 收入总计, then groups (一般公共预算资金, 政府性基金, 财政专户管理
/// 资金, 其他资金, 上年结转和结余资金), each a 小计 row and the sources under it, a `其中：` row
/// being part of its group's 小计 but no addend.
///
/// The group's name spans its rows, centred, so it stands on any of their lines; the rows'
/// names come in the template's order (``groups``), which places each `小计` in its group. A row
/// is named after its group (`其他资金：小计`, `其他资金：其他收入`): the group's 小计 is a total, and a
/// source is no addend beside its group where the narrative names the group (`其他资金 15 万元`). The
/// figures are ``NamedCells``'s. The readings are certain only when the table adds up
/// (收入总计 = Σ 小计, each 小计 = Σ its sources); otherwise every figure is read as unsure and
/// a warning names the sum that fails.
struct IncomeSourceTable {
    var section: TableSection

    /// The grand total's name.
    static let total = "收入总计"

    /// The groups and their rows in print order: template data a new province extends.
    static let groups: [(name: String, rows: [String])] = [
        ("一般公共预算资金", ["小计", "公共财政拨款（补助）资金", "专项收入"]),
        ("政府性基金", ["小计"]),
        ("财政专户管理资金", ["小计", "专户管理教育收费", "其他非税收入"]),
        ("其他资金", ["小计", "事业收入", "经营收入", "其他收入", "债务资金（银行贷款）"]),
        ("上年结转和结余资金", ["小计", "其中：动用上年结转和结余资金"]),
    ]

    /// The name that starts a row that is part of the row above, not an addend of the group.
    static let ofWhich = "其中："

    static let cells = NamedCells(names: [total] + groups.flatMap { $0.rows }, groups: groups.map { $0.name })

    /// A 收入 table printed without codes that names the grand total.
    static func applies(to section: TableSection) -> Bool {
        section.kind == .income && !section.lines.contains { $0.leadingCode != nil }
            && section.lines.contains { NamedCells.normalized($0.text).contains(total) }
    }

    /// A row placed in the template: its group (`nil` for 收入总计) and name.
    private struct Row {
        var group: Int?
        var name: String
        var figure: Figure
        var line: Int
        var item: String {
            guard let group else { return name }
            let g = IncomeSourceTable.groups[group].name
            return "\(g)：\(name)"
        }
    }

    func read(into context: inout TableContext) {
        let entries = IncomeSourceTable.cells.entries(section.lines, source: context.source, total: IncomeSourceTable.total)
        let template = IncomeSourceTable.groups.enumerated().flatMap { g, group in group.rows.map { (group: g, name: $0) } }
        var consumed = Array(repeating: false, count: template.count)
        var position = 0
        var rows: [Row] = []
        for e in entries where e.takesFigures {
            var slot: Int?
            if e.label != IncomeSourceTable.total {
                // The next row of that name in the template's order; else an earlier one still free.
                slot = (position..<template.count).first { template[$0].name == e.label && !consumed[$0] }
                    ?? (0..<template.count).first { template[$0].name == e.label && !consumed[$0] }
                guard let s = slot else { continue }
                consumed[s] = true
                position = s + 1
            }
            guard let figure = e.figures.first else { continue }
            if e.figures.count > 1 {
                context.warn("extra-figure", Message(.tabOneFigure, e.label, "\(e.figures.count)"), line: e.line)
            }
            rows.append(Row(group: slot.map { template[$0].group }, name: e.label, figure: figure, line: e.line))
        }
        guard !rows.isEmpty else { return }
        var failure: (name: String, line: Int, stated: Amount, sum: Amount)?
        func check(_ total: Row?, _ parts: [Row], name: String) {
            guard failure == nil else { return }
            let stated = total?.figure.amount ?? .zero
            let values = parts.map(\.figure.amount)
            if !ClassifiedTable.addsUp(stated, values) {
                failure = (name, total?.line ?? parts.first?.line ?? section.titleLine, stated, Amount.sum(values))
            }
        }
        let grand = rows.first { $0.group == nil }
        let subtotals = rows.filter { $0.group != nil && $0.name == "小计" }
        if let grand {
            check(grand, subtotals, name: IncomeSourceTable.total)
        } else {
            context.warn("unchecked-table", Message(.tabNamedUnchecked, section.title, rows.count), line: section.titleLine)
        }
        for g in IncomeSourceTable.groups.indices {
            let sources = rows.filter { $0.group == g && $0.name != "小计" && !$0.name.hasPrefix(IncomeSourceTable.ofWhich) }
            let subtotal = subtotals.first { $0.group == g }
            if !sources.isEmpty { check(subtotal, sources, name: "\(IncomeSourceTable.groups[g].name)：小计") }
        }
        if let f = failure {
            context.warn("rows-misaligned", Message(.tabNamedUnbalanced, section.title, f.name, "\(f.stated)", "\(f.sum)", rows.count), line: f.line)
        }
        let certain = grand != nil && failure == nil
        for row in rows {
            context.add(section.kind, item: row.item, column: nil, figure: row.figure, inferred: !certain, byName: true)
        }
    }
}
