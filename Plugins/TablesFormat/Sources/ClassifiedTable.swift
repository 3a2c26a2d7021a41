import FiscalModel

/// Reads a table keyed by functional code (收入决算表, 支出决算表, 一般公共预算财政拨款支出
/// 决算表, 政府性基金/国有资本经营 tables) and puts each figure back in its column.
///
/// Empty cells leave no trace in the extracted text, so `201 06 02 一般行政管理事务 10.00
/// 10.00` only says that 合计 is 10.00 and one other column is 10.00. The columns are
/// recovered by arithmetic: in each row 合计 is the largest figure and the sum of the
/// others; the 合计 row's other figures go to the columns the 收入支出决算总表 shows as used
/// (else the leftmost); and each row's figures go to the columns that make its siblings add
/// up to their parent, column by column. When the arithmetic leaves a choice or does not add
/// up, a warning names the line.
struct ClassifiedTable {
    var section: TableSection
    /// The classification the table's codes belong to: functional (2xx) or economic (3xx).
    var catalog: ClassificationCatalog = .functional

    /// A row with its figures in columns (index into the table's columns).
    private struct Placed {
        var row: ClassifiedRow
        var cells: [Int: Figure]
        /// Whether the columns of the row's parts were chosen among several that fit (or none
        /// fitted): those cells are uncertain readings.
        var inferred = false
        /// Whether the row itself is in doubt, its total too: it stands in a table whose rows do
        /// not add up to their parents in many places (``ClassifiedTable/misaligned(failing:groups:)``).
        var doubtful = false
    }

    func read(into context: inout TableContext) {
        let kind = section.kind
        let rows = section.classifiedRows(context, catalog: catalog)
        guard !rows.isEmpty else { return }
        var placed: [Placed]
        let columns = section.columns
        if section.firstColumnIsTotal {
            placed = rows.map { Placed(row: $0, cells: [:]) }
            solve(&placed, context: &context)
        } else {
            let identities = ColumnIdentity.of(columns)
            placed = rows.map { row in
                guard row.figures.count != columns.count, !row.figures.isEmpty else {
                    return Placed(row: row, cells: Dictionary(uniqueKeysWithValues: zip(0..., row.figures).map { ($0, $1) }))
                }
                // Fewer figures than columns: the empty cells left no trace. The placements
                // (figures in order) under which the columns' identities hold decide; cells they
                // disagree on are not read.
                let options = ColumnIdentity.placements(row.figures.map(\.amount), columns: columns.count, identities: identities)
                var cells: [Int: Figure] = [:]
                if let first = options.first {
                    for (n, cell) in first.enumerated() where options.allSatisfy({ $0[n] == cell }) { cells[cell] = row.figures[n] }
                }
                if cells.count < row.figures.count {
                    context.warn("ambiguous-column", Message(.tabRowFigures, columns.count, section.title, row.figures.count,
                                                             options.isEmpty ? Message(.tabNoPlacement) : Message(.tabPlacements, options.count),
                                                             row.figures.count - cells.count), line: row.line)
                }
                return Placed(row: row, cells: cells)
            }
        }
        for p in placed {
            for (column, figure) in p.cells.sorted(by: { $0.key < $1.key }) {
                let economic = catalog.scheme == .economic
                // A table of one column (金额) states the item's amount.
                context.add(kind, item: p.row.name, code: economic ? nil : p.row.code, econCode: economic ? p.row.code : nil,
                            column: columns.count == 1 ? nil : columns[column], figure: figure,
                            inferred: p.doubtful || (p.inferred && column != 0))
            }
        }
    }

    /// Places the figures of tables whose first column is the total of the others.
    private func solve(_ placed: inout [Placed], context: inout TableContext) {
        let columns = section.columns
        let components = Array(1..<columns.count)
        let loose = section.namesBeforeCodes
        var rests: [[Figure]] = []
        for i in placed.indices {
            var figures = placed[i].row.figures
            guard let top = figures.indices.max(by: { figures[$0].amount < figures[$1].amount || (figures[$0].amount == figures[$1].amount && $0 > $1) }) else {
                rests.append([])
                continue
            }
            placed[i].cells[0] = figures.remove(at: top)
            rests.append(figures)
            let sum = Amount.sum(figures.map(\.amount))
            if !figures.isEmpty, sum != placed[i].cells[0]!.amount {
                context.warn("row-sum", Message(.tabRowSum, "\(placed[i].row.name)", "\(columns[0])", "\(placed[i].cells[0]!.amount)", "\(sum)"), line: placed[i].row.line)
            }
        }
        // The 合计 row: columns from the totals table where it says, else the leftmost.
        let totalIndex = placed.firstIndex { $0.row.isTotal }
        if let t = totalIndex {
            let rest = rests[t]
            let hinted = hintedColumns(context).filter { components.contains($0) }
            let chosen: [Int]
            if hinted.count == rest.count {
                chosen = hinted
            } else {
                chosen = Array(components.prefix(rest.count))
                if rest.count < components.count, rest.count > 0 {
                    placed[t].inferred = true
                    context.warn("ambiguous-column", Message(.tabTotalColumns, section.title, rest.count, components.count, chosen.map { columns[$0] }.joined(separator: ", ")), line: placed[t].row.line)
                }
            }
            for (c, f) in zip(chosen, rest) { placed[t].cells[c] = f }
        }
        // Parents before children: 合计 → 类 → 款 → 项.
        let codes = placed.map(\.row.code)
        let parents: [Int?] = codes.map { code in
            guard let code else { return nil }
            if let parentCode = code.parent, let p = codes.firstIndex(where: { $0 == parentCode }) { return p }
            return totalIndex
        }
        var order: [Int?] = [totalIndex]
        for level in ClassificationCode.Level.allCases {
            order += placed.indices.filter { placed[$0].row.code?.level == level }.map { Optional($0) }
        }
        var groups = 0
        var failing: [Int] = []  // the parents whose rows do not add up
        for case let parent? in order {
            let children = placed.indices.filter { parents[$0] == parent }
            guard !children.isEmpty else { continue }
            let active = placed[parent].cells.keys.filter { $0 != 0 }.sorted()
            let candidates = children.map { ClassifiedTable.candidates(rests[$0].count, columns: active, loose: loose) }
            let target = Dictionary(uniqueKeysWithValues: active.map { ($0, placed[parent].cells[$0]!.amount) })
            let (best, perfect, count) = ClassifiedTable.search(
                candidates: candidates, values: children.map { rests[$0].map(\.amount) }, target: target)
            for (k, child) in children.enumerated() {
                let choice = best[k]
                for (slot, column) in choice.enumerated() where slot < rests[child].count {
                    placed[child].cells[column] = rests[child][choice.order[slot]]
                }
            }
            let name = placed[parent].row.name
            if !perfect || count > 1 {
                for child in children where !rests[child].isEmpty { placed[child].inferred = true }
            }
            if !perfect {
                context.warn("children-sum", Message(.tabChildrenOff, "\(name)", "\(section.title)"), line: placed[parent].row.line)
            } else if count > 1 {
                context.warn("ambiguous-column", Message(.tabChildrenAmbiguous, "\(name)", "\(section.title)"), line: placed[parent].row.line)
            }
            let parts = children.compactMap { placed[$0].cells[0]?.amount }
            let totals = Amount.sum(parts)
            if let p = placed[parent].cells[0]?.amount {
                groups += 1
                if totals != p {
                    context.warn("children-sum", Message(.tabParentSum, "\(name)", "\(section.title)", "\(columns[0])", "\(p)", "\(totals)"), line: placed[parent].row.line)
                }
                if !ClassifiedTable.addsUp(p, parts) { failing.append(parent) }
            }
        }
        if ClassifiedTable.misaligned(failing: failing.count, groups: groups) {
            // The figures stand beside the wrong rows (an extraction that shifted the amounts
            // against the codes, a code column of another table). A shift carries parent and
            // child together, so a group that adds up is no proof: every row is a guess, its
            // 合计 too.
            for i in placed.indices { placed[i].doubtful = true }
            let first = failing.map { placed[$0].row.line }.min() ?? section.titleLine
            context.warn("rows-misaligned", Message(.tabRowsMisaligned, "\(section.title)", "\(failing.count)", "\(groups)", "\(columns[0])", "\(placed.count)"), line: first)
        }
    }

    /// Whether `parts` add up to `total` within the rounding of the printed figures (each part
    /// may be half a unit of its last digit off, so their sum one unit per part).
    static func addsUp(_ total: Amount, _ parts: [Amount]) -> Bool {
        addsUp(total, sum: Amount.sum(parts), count: parts.count, scale: parts.map(\.scale).max() ?? 0)
    }

    /// ``addsUp(_:_:)`` with the parts already summed: `count` parts, the finest of them
    /// printed with `scale` digits after the point.
    static func addsUp(_ total: Amount, sum: Amount, count: Int, scale: Int) -> Bool {
        let difference = (total - sum).magnitude
        return !(Amount(mantissa: Int128(max(count, 1)), scale: max(total.scale, scale)) < difference)
    }

    /// Whether so many parent rows fail to add up that the table's figures, not the report,
    /// are in doubt: a misprinted figure breaks at most the two groups it is part of (as a part,
    /// and as the total of its own parts); a column shifted against the rows breaks most.
    static func misaligned(failing: Int, groups: Int) -> Bool {
        failing >= 3 && failing * 3 >= groups
    }

    /// Which component columns of the 合计 row the 收入支出决算总表 shows as used.
    private func hintedColumns(_ context: TableContext) -> [Int] {
        guard section.kind == .income else { return [] }
        let used = context.facts.filter { $0.statement == .totals && !$0.amount.isZero }.map(\.item)
        return section.columns.indices.dropFirst().filter { c in
            let column = section.columns[c]
            let key = column == "财政拨款收入" ? "财政拨款收入" : column
            return used.contains { $0.hasSuffix(key) }
        }
    }

    /// A way to place a row's figures: `columns[slot]` gets figure `order[slot]`.
    struct Choice {
        var columns: [Int]
        var order: [Int]
        func enumerated() -> EnumeratedSequence<[Int]> { columns.enumerated() }
    }

    /// Every placement of `count` figures into `columns`, leftmost first; figures keep their
    /// reading order unless the extraction is `loose` (names before codes).
    static func candidates(_ count: Int, columns: [Int], loose: Bool) -> [Choice] {
        guard count > 0 else { return [Choice(columns: [], order: [])] }
        guard count <= columns.count else {
            return [Choice(columns: Array(columns.prefix(count)), order: Array(0..<min(count, columns.count)))]
        }
        var result: [Choice] = []
        let orders = loose ? permutations(Array(0..<count)) : [Array(0..<count)]
        for subset in subsets(columns, count) {
            for order in orders { result.append(Choice(columns: subset, order: order)) }
        }
        return result
    }

    /// The first placement of all rows that makes most columns add up; whether all do; and
    /// how many distinct perfect placements there are (counting stops at 2).
    static func search(candidates: [[Choice]], values: [[Amount]], target: [Int: Amount]) -> ([Choice], Bool, Int) {
        let combinations = candidates.reduce(1) { $0 > 100_000 ? $0 : $0 * max($1.count, 1) }
        if combinations > 100_000 { return (candidates.map { $0[0] }, false, 1) }
        var best: [Choice] = candidates.map { $0[0] }
        var bestScore = -1
        var perfectCount = 0
        var seen = Set<[Int: Amount]>()
        var current: [Choice] = []
        func visit(_ k: Int, _ sums: [Int: Amount]) {
            if k == candidates.count {
                let score = target.filter { sums[$0.key] == $0.value }.count
                if score == target.count, perfectCount < 2 {
                    // Count arrangements that differ in what lands where, not in how equal figures swap.
                    var key: [Int: Amount] = [:]
                    for (i, c) in current.enumerated() { for (s, col) in c.columns.enumerated() { key[i * 100 + col] = values[i][c.order[s]] } }
                    if seen.insert(key).inserted { perfectCount += 1 }
                }
                if score > bestScore { bestScore = score; best = current }
                return
            }
            for choice in candidates[k] {
                var next = sums
                for (slot, column) in choice.columns.enumerated() where slot < values[k].count {
                    next[column, default: .zero] += values[k][choice.order[slot]]
                }
                current.append(choice)
                visit(k + 1, next)
                current.removeLast()
                if perfectCount >= 2 { return }
            }
        }
        visit(0, [:])
        return (best, bestScore == target.count, perfectCount)
    }

    static func subsets(_ items: [Int], _ k: Int) -> [[Int]] {
        if k == 0 { return [[]] }
        if items.count < k { return [] }
        let head = items[0], tail = Array(items.dropFirst())
        return subsets(tail, k - 1).map { [head] + $0 } + subsets(tail, k)
    }

    static func permutations(_ items: [Int]) -> [[Int]] {
        if items.count <= 1 { return [items] }
        var result: [[Int]] = []
        for (i, item) in items.enumerated() {
            var rest = items
            rest.remove(at: i)
            result += permutations(rest).map { [item] + $0 }
        }
        return result
    }
}

/// How the columns of a table relate (本年支出合计 = 基本支出 + 项目支出; 年末结转和结余 =
/// 年初结转和结余 + 本年收入 − 本年支出合计): a sum of signed columns that is zero. Data, by
/// column name, so any table that prints these columns has them.
struct ColumnIdentity {
    /// Column name and sign.
    var terms: [(name: String, sign: Int)]

    static let all: [ColumnIdentity] = [
        ColumnIdentity(terms: [("本年支出合计", 1), ("基本支出", -1), ("项目支出", -1)]),
        ColumnIdentity(terms: [("年末结转和结余", 1), ("年初结转和结余", -1), ("本年收入", -1), ("本年支出合计", 1)]),
    ]

    /// The identities (of `identities`, by default ``all``) whose columns are all in `columns`,
    /// as (index, sign) terms.
    static func of(_ columns: [String], identities: [ColumnIdentity] = all) -> [[(Int, Int)]] {
        identities.compactMap { identity in
            let terms = identity.terms.compactMap { t in columns.firstIndex(of: t.name).map { ($0, t.sign) } }
            return terms.count == identity.terms.count ? terms : nil
        }
    }

    /// Every way to put `values`, in order, into `columns` cells (the others empty, zero) so
    /// that every identity holds. Without identities every placement holds.
    static func placements(_ values: [Amount], columns: Int, identities: [[(Int, Int)]]) -> [[Int]] {
        guard values.count <= columns, columns <= 12 else { return [] }
        var out: [[Int]] = []
        func visit(_ n: Int, _ from: Int, _ chosen: [Int]) {
            if n == values.count {
                var cells = Array(repeating: Amount.zero, count: columns)
                for (k, c) in chosen.enumerated() { cells[c] = values[k] }
                if identities.allSatisfy({ terms in Amount.sum(terms.map { $0.1 > 0 ? cells[$0.0] : Amount.zero - cells[$0.0] }) == .zero }) {
                    out.append(chosen)
                }
                return
            }
            guard from < columns else { return }
            for c in from..<columns where columns - c >= values.count - n { visit(n + 1, c + 1, chosen + [c]) }
        }
        visit(0, 0, [])
        return out
    }
}
