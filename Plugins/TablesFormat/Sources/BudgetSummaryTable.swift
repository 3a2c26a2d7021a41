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
        let sums = BudgetSummaryTable.sums(entries, relations, classes: classes)
        var failing = BudgetSummaryTable.failures(entries, sums)
        if sums.isEmpty {
            context.warn("unchecked-table", Message(.tabNamedUnchecked, section.title, entries.filter { !$0.figures.isEmpty }.count), line: section.titleLine)
        } else if failing.isEmpty {
            certain = true
        } else if let (from, to) = BudgetSummaryTable.repair(entries, sums) {
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

    /// A sum the table prints: the entries that are its total (the same name may be printed
    /// more than once) and those that are its parts.
    struct Sum {
        var totals: [Int]
        var parts: [Int]
    }

    /// The relations that apply (a total printed, and one of its parts), as the entries they
    /// name. Found once by name; the checks then work on indices.
    static func sums(_ entries: [NamedCells.Entry], _ relations: [SummaryVocabulary.Relation], classes: Set<String>) -> [Sum] {
        relations.compactMap { r in
            let totals = entries.indices.filter { r.totals.contains(entries[$0].label) }
            let parts = entries.indices.filter { r.parts.contains(entries[$0].label) || (r.classes && classes.contains(entries[$0].label)) }
            return totals.isEmpty || parts.isEmpty ? nil : Sum(totals: totals, parts: parts)
        }
    }

    /// The sums that do not hold, column by column (the columns the total has figures in),
    /// within the rounding of the printed figures. Each sum's parts are added once, so the
    /// cost is linear in the figures however many totals a table repeats.
    static func failures(_ entries: [NamedCells.Entry], _ sums: [Sum]) -> [Failure] {
        var out: [Failure] = []
        for s in sums {
            let columns = s.totals.map { max(entries[$0].figures.count, 1) }.max() ?? 0
            // Per column: the parts' sum and the finest scale among their figures (a part with
            // no figure in the column counts as zero, as printed blank).
            var sum = [Amount](repeating: .zero, count: columns)
            var scale = [Int](repeating: 0, count: columns)
            for part in s.parts {
                for (column, figure) in entries[part].figures.prefix(columns).enumerated() {
                    sum[column] += figure.amount
                    scale[column] = max(scale[column], figure.amount.scale)
                }
            }
            for t in s.totals {
                let total = entries[t]
                for column in 0..<max(total.figures.count, 1) {
                    let stated = column < total.figures.count ? total.figures[column].amount : .zero
                    if !ClassifiedTable.addsUp(stated, sum: sum[column], count: s.parts.count, scale: scale[column]) {
                        out.append(Failure(total: total.label, line: total.line, stated: stated, sum: sum[column]))
                    }
                }
            }
        }
        return out
    }

    /// At most this many moves are considered. A wrapped cell offers a few (the items on the
    /// figure's line and the lines beside it; the Jiangsu tables offer 6 to 29); a table that
    /// offers more is no table with one misplaced figure, and its figures are read as unsure
    /// with the sum that fails.
    static let maximumTrials = 1_000

    /// The one move of a lone figure to an item without one, on its line or the line before
    /// or after, that makes every sum hold; `nil` when none or several do, or when there are
    /// more than ``maximumTrials`` moves to consider. A move changes only the sums its two
    /// items are in, so it is tried only when those are all the sums that fail, and only
    /// they are checked again.
    static func repair(_ entries: [NamedCells.Entry], _ sums: [Sum]) -> (Int, Int)? {
        // The items that could take a figure, by the line their name starts on.
        var receivers: [Int: [Int]] = [:]
        for i in entries.indices where entries[i].figures.isEmpty && entries[i].takesFigures {
            receivers[entries[i].line, default: []].append(i)
        }
        // The sums each entry is in, and those that fail.
        var membership: [Int: Set<Int>] = [:]
        for (k, s) in sums.enumerated() {
            for i in s.totals + s.parts { membership[i, default: []].insert(k) }
        }
        let failing = Set(sums.indices.filter { !failures(entries, [sums[$0]]).isEmpty })
        var found: (Int, Int)?
        var trials = 0
        var trial = entries
        for from in entries.indices where entries[from].figures.count == 1 {
            let line = entries[from].figures[0].span.line
            for neighbour in [line - 1, line, line + 1] {
                for to in receivers[neighbour] ?? [] where to != from {
                    trials += 1
                    if trials > maximumTrials { return nil }
                    let touched = (membership[from] ?? []).union(membership[to] ?? [])
                    guard failing.isSubset(of: touched) else { continue }
                    trial[to].figures = trial[from].figures
                    trial[from].figures = []
                    let holds = failures(trial, touched.map { sums[$0] }).isEmpty
                    trial[from].figures = trial[to].figures
                    trial[to].figures = []
                    if holds {
                        if found != nil { return nil }
                        found = (from, to)
                    }
                }
            }
        }
        return found
    }
}
