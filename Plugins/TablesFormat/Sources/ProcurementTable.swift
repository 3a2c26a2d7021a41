import FiscalModel

/// Reads the 政府采购(支出)预算表 by name and level: its 合计, the 采购品目大类 numbered under
/// it (`一、货物A 59.00`, `三、服务 C 2,555.80`: 货物, 工程, 服务 with the letter of the 政府采购品目
/// 分类目录), and the rows below a 大类 (``Detail``): a 专项 with its 经济科目 (`办公设备购置费 办公设备购置
/// 59.00`), and under it the 采购物品 with their 采购组织形式 (`台式计算机（20万以下） 分散自行组织 8.00`).
/// A row's item names its parents, `货物：办公设备购置费 办公设备购置：台式计算机（20万以下）`, so that a
/// sum never adds a 大类 or a 专项 to its own rows (the engine refuses `X` with `X：…`).
///
/// The figures are certain when the 大类 add up to 合计, each 大类's 专项 to the 大类 and each
/// 专项's 物品 to the 专项; otherwise the figures the failing sum rests on are read as unsure and a
/// warning names the line. Names are read as printed: a cell wrapped around its figure's line
/// (`常委会会议经费及省人大工` / `会议费 229.00` / `作会议经费`) is joined back from the lines before and
/// after it, as many after as before; which column a wrapped cell is, the text does not say, so
/// the wrapped words come first.
struct ProcurementTable {
    var section: TableSection

    /// The 采购品目大类 and the letter each is printed with: template data.
    static let categories: [(name: String, letter: String)] = [("货物", "A"), ("工程", "B"), ("服务", "C")]

    /// The 采购组织形式 a 物品 row prints (the table's note lists them): template data.
    static let organisationForms: Set<String> = [
        "分散自行组织", "分散委托代理", "政府集中采购", "部门集中采购", "集中采购", "分散采购", "自行采购", "委托代理",
    ]

    /// The total's name.
    static let total = "合计"

    /// How a narrative names the table's rows (`拟采购货物支出59万元`, `拟购买服务 2555.8 万元`,
    /// `政府采购支出预算总额 2064.25 万元`): words around a 大类's name or a total that say only
    /// that it is bought or budgeted. Template data: a province that words it otherwise extends it.
    static let narrativePrefixes = ["拟", "政府", "采购", "购买"]
    static let narrativeSuffixes = ["支出", "预算", "采购金额", "金额", "采购", "类"]
    static let narrativeTotals = ["总额", "总金额", "合计", "总计"]

    /// The row of the table a narrative's 政府采购 figure names: a 大类 (`采购货物支出` is 货物) or
    /// the 合计 (`政府采购支出总额`); `nil` for any other figure (`授予中小企业合同金额`).
    static func row(namedBy item: String) -> String? {
        var s = Substring(item.filter { !$0.isWhitespace })
        var changed = true
        while changed {
            changed = false
            for p in narrativePrefixes where s.hasPrefix(p) && s.count > p.count { s = s.dropFirst(p.count); changed = true }
            for x in narrativeSuffixes where s.hasSuffix(x) && s.count > x.count { s = s.dropLast(x.count); changed = true }
        }
        if let c = categories.first(where: { s == $0.name }) { return c.name }
        for t in narrativeTotals where s.hasSuffix(t) {
            var head = s.dropLast(t.count)
            changed = true
            while changed {
                changed = false
                for x in narrativeSuffixes + narrativePrefixes where head.hasSuffix(x) { head = head.dropLast(x.count); changed = true }
            }
            if head.isEmpty { return total }
        }
        return nil
    }

    private struct Row {
        var item: String
        var figure: Figure
        var line: Int
    }

    /// A row below a 大类.
    private struct Detail {
        var category: Int
        /// A 物品 row (it prints a 采购组织形式); else a 专项 row.
        var isItem: Bool
        /// The words of its cells wrapped onto the lines before and after its figure's line.
        var wrapped: [String]
        /// The words on its figure's line.
        var words: [String]
        var figure: Figure
        /// How many lines of wrapped words before the figure's line (as many come after).
        var before: Int
        /// The row's name cells as printed, from the top: the wrapped lines before, its figure's
        /// line, the wrapped lines after, each line's pieces.
        var block: [[String]] {
            wrapped.prefix(before).map(Self.pieces) + (words.isEmpty ? [] : [words]) + wrapped.dropFirst(before).map(Self.pieces)
        }

        /// A wrapped line's pieces (its cells' text, split where the extraction put a space).
        static func pieces(_ line: String) -> [String] { line.split(separator: " ").map(String.init) }

        /// Where a piece of the row's name cells is printed, against its figure's line.
        enum Place { case above, on, below }

        /// The pieces of the row's name cells, from the top, each with its place, without its
        /// 采购组织形式 (whole or wrapped).
        var namePieces: [(place: Place, piece: String)] {
            let pieces = wrapped.prefix(before).flatMap(Self.pieces).map { (place: Place.above, piece: $0) }
                + words.map { (place: Place.on, piece: $0) }
                + wrapped.dropFirst(before).flatMap(Self.pieces).map { (place: Place.below, piece: $0) }
            let forms = ProcurementTable.wrappedFormPieces(pieces.map(\.piece))
            return pieces.indices.filter { !forms.contains($0) && !ProcurementTable.organisationForms.contains(pieces[$0].piece) }
                .map { pieces[$0] }
        }

        var name: String {
            if isItem, let joined = ProcurementTable.withoutWrappedForms(block.flatMap { $0 }) {
                // `台式计算机` / `部门集中采` / `（20万以 27.00` / `购` / `上）`: the 物品 and its 采购组织形式
                // both wrapped, line by line in turn; the form's pieces out, the 物品's rest joined.
                return joined
            }
            if !isItem, !ProcurementTable.isEconomicName(words.joined()) {
                // The 经济科目 is a 款 of the economic classification: the reading of the wrapped cells
                // that makes it one is the one printed.
                if words.isEmpty, wrapped.contains(where: { $0.contains(" ") }) {
                    // Both cells wrapped around a figure that stands alone (`网络、电子检务、实` /
                    // `验室、机要通道、档 信息网络及软件` / `112.00` / `案数字化系统运行 购置更新` / `维护费`): a
                    // line of two pieces holds one of each, a line of one the 专项's (the longer cell).
                    var first = "", second = ""
                    for line in wrapped {
                        let pieces = line.split(separator: " ", maxSplits: 1)
                        first += pieces.first ?? ""
                        if pieces.count > 1 { second += pieces[1] }
                    }
                    if ProcurementTable.isEconomicName(second) { return first + " " + second }
                }
                // Both cells wrapped, each a line in turn (`网络、电子检务、实验` / `信息网络及软件购` /
                // `室、机要通道、档案数 60.00` / `置更新` / `字化系统运行维护费`).
                let lines = block.map { $0.joined(separator: " ") }
                let first = stride(from: 0, to: lines.count, by: 2).map { lines[$0] }.joined()
                let second = stride(from: 1, to: lines.count, by: 2).map { lines[$0] }.joined()
                if lines.count >= 3, ProcurementTable.isEconomicName(second) { return first + " " + second }
            }
            let joined = [wrapped.joined(), words.joined(separator: " ")].filter { !$0.isEmpty }
            return joined.isEmpty ? "l.\(figure.span.line)" : joined.joined(separator: " ")
        }
    }

    /// The names of the economic classification's 款 (the 经济科目 column).
    static let economicNames: Set<String> = Set(ClassificationCatalog.economic.entries.filter { $0.level == .kuan }
        .flatMap { [$0.name] + $0.formerNames }.map { ClassificationCatalog.normalizedName($0) })

    static func isEconomicName(_ s: String) -> Bool { economicNames.contains(ClassificationCatalog.normalizedName(s)) }

    /// Whether `piece` is the start of a 采购组织形式 wrapped in its cell (`部门集中采`).
    static func isFormStart(_ piece: String) -> Bool {
        piece.count >= 3 && organisationForms.contains { $0.count > piece.count && $0.hasPrefix(piece) }
    }

    /// The pieces of a 物品 row without those of a wrapped 采购组织形式 (`分散自行组` … `织`), joined;
    /// `nil` when no form is wrapped among them.
    static func withoutWrappedForms(_ pieces: [String]) -> String? {
        let removed = wrappedFormPieces(pieces)
        guard !removed.isEmpty else { return nil }
        return pieces.indices.filter { !removed.contains($0) }.map { pieces[$0] }.joined()
    }

    /// The places of the pieces that are a 采购组织形式 wrapped in its cell: each start (`分散自行组`)
    /// with the first later piece that completes it (`织`).
    static func wrappedFormPieces(_ pieces: [String]) -> Set<Int> {
        var removed = Set<Int>()
        for i in pieces.indices where isFormStart(pieces[i]) && !removed.contains(i) {
            if let j = pieces.indices.first(where: { $0 > i && !removed.contains($0) && organisationForms.contains(pieces[i] + pieces[$0]) }) {
                removed.formUnion([i, j])
            }
        }
        return removed
    }

    func read(into context: inout TableContext) {
        var total: Row?
        var awaitingTotal: Int?  // the 合计 line, its figure on the next line (pdfplumber)
        var rows: [Row] = []
        var details: [Detail] = []
        var pending: [String] = []  // wrapped words since the last row, a line each
        var owed = 0  // lines of wrapped words the last detail row still takes
        for line in section.lines {
            let tokens = line.tokens
            guard let first = tokens.first else { continue }
            let figures = tokens.compactMap { t in t.amount.map { Figure(amount: $0, span: context.source.span(line, t)) } }
            if let at = awaitingTotal {
                awaitingTotal = nil
                if figures.count == tokens.count, let f = figures.first, total == nil {
                    total = Row(item: ProcurementTable.total, figure: f, line: at)
                    continue
                }
            }
            if first.text == ProcurementTable.total, total == nil {
                if let f = figures.first { total = Row(item: ProcurementTable.total, figure: f, line: line.number) } else { awaitingTotal = line.number }
                continue
            }
            // `一、货物A`, or `一、货物` `A`.
            let (rest, numbered) = NamedCells.strippingOrdinal(String(first.text))
            if numbered, first.amount == nil, let f = figures.first {
                var name = String(rest)
                if tokens.count > 2, tokens[1].amount == nil, tokens[1].text.count == 1 { name += tokens[1].text }
                if let category = ProcurementTable.categories.first(where: { name == $0.name || name == $0.name + $0.letter }) {
                    rows.append(Row(item: category.name, figure: f, line: line.number))
                    pending = []
                    owed = 0
                }
                continue
            }
            guard !rows.isEmpty else { continue }
            let words = tokens.filter { $0.amount == nil }.map { String($0.text) }
            guard let f = figures.first else {
                let text = words.joined(separator: " ")
                if owed > 0, !details.isEmpty {
                    details[details.count - 1].wrapped.append(text)
                    owed -= 1
                } else {
                    pending.append(text)
                }
                continue
            }
            let isItem = words.contains { ProcurementTable.organisationForms.contains($0) || ProcurementTable.isFormStart($0) }
                || pending.contains { $0.split(separator: " ").contains { ProcurementTable.isFormStart(String($0)) } }
            let names = words.filter { !ProcurementTable.organisationForms.contains($0) }
            details.append(Detail(category: rows.count - 1, isItem: isItem, wrapped: pending,
                                  words: names, figure: f, before: pending.count))
            // A figure with no name on its line or above has it on the line below (`30.00` /
            // `机要及电子政务业务费 办公设备购置`: a merged cell's text printed lower down).
            owed = pending.isEmpty && names.isEmpty ? 1 : pending.count
            pending = []
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
        addDetails(details, rows, certain: certain, &context)
    }

    /// The rows' names (``Detail/name``), but for a 物品 cell merged over two 物品 rows of one 专项
    /// (one 物品 bought in two 采购组织形式): its text is printed across the rows' boundary, so the
    /// first row's name pieces all lie below its figure's line and the second row's all above its
    /// own (`部门集中采` / `330.00` / `物业管理服 购` / `务 分散自行组` / `20.00` / `织`), where a cell of one
    /// row prints its pieces around or on its figure's line. Both rows are named by the whole cell
    /// (`物业管理服务`; the second path then gets its ordinal).
    private static func names(of details: [Detail], parent: [Int?]) -> [String] {
        var names = details.map(\.name)
        let pieces = details.map(\.namePieces)
        for i in details.indices.dropLast() {
            let j = i + 1
            guard details[i].isItem, details[j].isItem, details[j].category == details[i].category, parent[j] == parent[i],
                  !pieces[i].isEmpty, pieces[i].allSatisfy({ $0.place == .below }),
                  !pieces[j].isEmpty, pieces[j].allSatisfy({ $0.place == .above }) else { continue }
            let whole = (pieces[i] + pieces[j]).map(\.piece).joined()
            names[i] = whole
            names[j] = whole
        }
        return names
    }

    /// The rows below each 大类, named after their parents; unsure where the 大类's or their
    /// 专项's sum fails (or the 合计's did).
    private func addDetails(_ details: [Detail], _ rows: [Row], certain: Bool, _ context: inout TableContext) {
        // Each detail's parent 专项 (the last 专项 row of its 大类 before it), and its item.
        var parent = [Int?](repeating: nil, count: details.count)
        var lastProject: Int?
        for (i, d) in details.enumerated() {
            if i > 0, details[i - 1].category != d.category { lastProject = nil }
            if d.isItem { parent[i] = lastProject } else { lastProject = i }
        }
        var unsure = [Bool](repeating: !certain, count: details.count)
        func fails(_ stated: Figure, _ parts: [Int]) -> Bool {
            !parts.isEmpty && !ClassifiedTable.addsUp(stated.amount, parts.map { details[$0].figure.amount })
        }
        for (c, row) in rows.enumerated() {
            let members = details.indices.filter { details[$0].category == c }
            let projects = members.filter { !details[$0].isItem }
            let top = projects.isEmpty ? members : members.filter { parent[$0] == nil }
            if fails(row.figure, top) {
                context.warn("rows-misaligned", Message(.tabNamedUnbalanced, section.title, row.item, "\(row.figure.amount)",
                                                        "\(Amount.sum(top.map { details[$0].figure.amount }))", members.count), line: row.line)
                for m in members { unsure[m] = true }
            }
            for p in projects {
                let items = members.filter { parent[$0] == p }
                if fails(details[p].figure, items) {
                    context.warn("rows-misaligned", Message(.tabNamedUnbalanced, section.title, details[p].name, "\(details[p].figure.amount)",
                                                            "\(Amount.sum(items.map { details[$0].figure.amount }))", items.count + 1),
                                 line: details[p].figure.span.line)
                    for m in items + [p] { unsure[m] = true }
                }
            }
        }
        let names = Self.names(of: details, parent: parent)
        // Items as the rows' paths; a path printed twice (the same 物品 in one 专项) gets its ordinal.
        var seen: [String: Int] = [:]
        var paths = [String](repeating: "", count: details.count)
        for (i, d) in details.enumerated() {
            var name = names[i]
            if d.isItem, let p = parent[i], name.hasPrefix(details[p].name + " ") {
                // `机要及电子政务业务费 办公设备购置 打印设备（20万以下） 政府集中采购 3.00`: the 专项's merged
                // cells print their text on a row of their 物品, in the middle of the block.
                name.removeFirst(details[p].name.count + 1)
            }
            // Under its 专项's own path, so that the rows of a second 专项 of the same name (`租赁费（2）`) say so.
            var path = (parent[i].map { paths[$0] } ?? rows[d.category].item) + "：" + name
            seen[path, default: 0] += 1
            if let n = seen[path], n > 1 { path += "（\(n)）" }
            paths[i] = path
            context.add(.procurement, item: path, column: nil, figure: d.figure, inferred: unsure[i], byName: true)
        }
    }
}
