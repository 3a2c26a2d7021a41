import FiscalModel

/// Reads the summary tables of a 部门预算 by name: 收支预算总表 / 财务收支预算总表 (收入 on the
/// left; 支出 by function, the 类, and in Jiangsu by use, 基本支出 / 项目支出 / 单位预留机动经费)
/// and 财政拨款收支预算总表 (the funds on the left; 支出 by use, or by 类 with a column per
/// fund). No code is printed: items are found by the names the templates print
/// (``SummaryVocabulary``) and their figures as ``NamedCells`` finds them.
///
/// Whose a figure is rests on the reading order, which a wrapped cell upsets (Jiangsu 2018
/// l.`三、单位预留机` / `三、国防支出 1685.72` / `动经费`: the figure is the 单位预留机动经费's, its
/// cell centred on the line of 国防支出). So the table's sums decide (``SummaryVocabulary/relations``):
/// when they all hold the figures are certain readings by name; when moving one figure to an
/// item without one on its line or the lines beside makes them all hold, and only one such
/// move does, it is moved and read as unsure, with a warning; otherwise every figure of the
/// table is read as unsure and a warning gives the sum that fails. A table with no sum to
/// check is read as unsure too.
struct BudgetSummaryTable {
    var section: TableSection

    func read(into context: inout TableContext) {
        let kind = section.kind
        var entries = SummaryVocabulary.cells.entries(section.lines, source: context.source)
        entries.removeAll { $0.figures.isEmpty && SummaryVocabulary.item($0.label) == nil && SummaryVocabulary.classCode($0.label) == nil }
        guard entries.contains(where: { !$0.figures.isEmpty }) else { return }
        let relations = SummaryVocabulary.relations.filter { $0.kinds.contains(kind) }
        var moved: Int?
        var certain = false
        // The 类 among the names, resolved once.
        let classes = Set(entries.map { $0.label }.filter { SummaryVocabulary.classCode($0) != nil })
        var failing = BudgetSummaryTable.failures(entries, relations, classes: classes)
        let applied = BudgetSummaryTable.applicable(entries, relations, classes: classes)
        if applied.isEmpty {
            context.warn("unchecked-table", Message(.tabNamedUnchecked, section.title, entries.filter { !$0.figures.isEmpty }.count), line: section.titleLine)
        } else if failing.isEmpty {
            certain = true
        } else if let (from, to) = BudgetSummaryTable.repair(entries, relations, classes: classes) {
            let figure = entries[from].figures.removeFirst()
            entries[to].figures = [figure]
            moved = to
            certain = true
            context.warn("moved-figure", Message(.tabFigureMoved, section.title, figure.amount, entries[from].label, entries[to].label), line: figure.span.line)
            failing = []
        } else if let f = failing.first {
            context.warn("rows-misaligned", Message(.tabNamedUnbalanced, section.title, f.total, "\(f.stated)", "\(f.sum)",
                                                    entries.filter { !$0.figures.isEmpty }.count), line: f.line)
        }
        // 财政拨款收支预算总表: the fund columns of the 支出 side are those the income side uses.
        var usedFunds: [Fund] = []
        if kind == .appropriation {
            for e in entries {
                if let fund = SummaryVocabulary.item(e.label)?.fund, e.figures.contains(where: { !$0.amount.isZero }), !usedFunds.contains(fund) {
                    usedFunds.append(fund)
                }
            }
        }
        var appropriation: String?  // 收支总表: the 财政拨款 line the fund lines break down
        for (i, e) in entries.enumerated() {
            let item = SummaryVocabulary.item(e.label)
            if kind == .totals, item?.fund == nil, e.label.hasPrefix("财政拨款") { appropriation = e.label }
            guard let first = e.figures.first else { continue }
            let unsure = !certain || i == moved
            let code = SummaryVocabulary.classCode(e.label)
            let side = item?.side ?? (code != nil || e.label.hasSuffix("支出") ? .expenditure : .income)
            if kind == .totals, let fund = item?.fund, let parent = appropriation {
                // `1. 一般公共预算` under `一、财政拨款`: that fund's part of it.
                context.add(kind, item: parent, fund: fund, column: fund.rawValue + "财政拨款", figure: first, inferred: unsure, byName: true)
            } else if kind == .appropriation, side == .expenditure, e.figures.count > 1 {
                context.add(kind, item: e.label, code: code, column: "合计", figure: first, inferred: unsure, byName: true)
                let rest = Array(e.figures.dropFirst())
                let known = usedFunds.count == rest.count
                let funds = known ? usedFunds : Array([Fund.generalBudget, .governmentFund, .stateCapital].prefix(rest.count))
                if !known {
                    context.warn("ambiguous-column", Message(.tabFundColumns, e.label, "\(rest.count)", funds.map { $0.rawValue }.joined(separator: ", ")), line: e.line)
                }
                for (fund, figure) in zip(funds, rest) {
                    context.add(kind, item: e.label, code: code, fund: fund, column: fund.rawValue + "财政拨款", figure: figure,
                                inferred: unsure || !known, byName: true)
                }
            } else {
                if e.figures.count > 1 {
                    context.warn("extra-figure", Message(.tabOneFigure, e.label, "\(e.figures.count)"), line: e.line)
                }
                context.add(kind, item: e.label, code: code, fund: kind == .appropriation ? item?.fund : nil, column: nil, figure: first,
                            inferred: unsure, byName: true)
            }
        }
    }

    /// A sum that does not hold: the total's name and line, the figure stated and the sum of the parts.
    struct Failure {
        var total: String
        var line: Int
        var stated: Amount
        var sum: Amount
    }

    /// The relations that apply: a total printed, and one of its parts.
    static func applicable(_ entries: [NamedCells.Entry], _ relations: [SummaryVocabulary.Relation], classes: Set<String>) -> [SummaryVocabulary.Relation] {
        relations.filter { r in
            entries.contains { r.totals.contains($0.label) }
                && entries.contains { e in r.parts.contains(e.label) || (r.classes && classes.contains(e.label)) }
        }
    }

    /// The sums that do not hold, column by column (the columns the total has figures in),
    /// within the rounding of the printed figures.
    static func failures(_ entries: [NamedCells.Entry], _ relations: [SummaryVocabulary.Relation], classes: Set<String>) -> [Failure] {
        var out: [Failure] = []
        for r in applicable(entries, relations, classes: classes) {
            for total in entries where r.totals.contains(total.label) {
                let parts = entries.filter { e in r.parts.contains(e.label) || (r.classes && classes.contains(e.label)) }
                for column in 0..<max(total.figures.count, 1) {
                    let stated = column < total.figures.count ? total.figures[column].amount : .zero
                    let values = parts.map { column < $0.figures.count ? $0.figures[column].amount : .zero }
                    if !ClassifiedTable.addsUp(stated, values) {
                        out.append(Failure(total: total.label, line: total.line, stated: stated, sum: Amount.sum(values)))
                    }
                }
            }
        }
        return out
    }

    /// The one move of a lone figure to an item without one, on its line or the line before
    /// or after, that makes every sum hold; `nil` when none or several do.
    static func repair(_ entries: [NamedCells.Entry], _ relations: [SummaryVocabulary.Relation], classes: Set<String>) -> (Int, Int)? {
        var found: [(Int, Int)] = []
        for from in entries.indices where entries[from].figures.count == 1 {
            let line = entries[from].figures[0].span.line
            for to in entries.indices where to != from && entries[to].figures.isEmpty && entries[to].takesFigures
                && abs(entries[to].line - line) <= 1
            {
                var trial = entries
                trial[to].figures = trial[from].figures
                trial[from].figures = []
                if failures(trial, relations, classes: classes).isEmpty {
                    found.append((from, to))
                    if found.count > 1 { return nil }
                }
            }
        }
        return found.first
    }
}
