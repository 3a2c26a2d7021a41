import FiscalFormat
import FiscalModel

/// The items of a table keyed by printed names (no codes: the summary tables 收支预算总表 and
/// 财政拨款收支预算总表, the Jiangsu 收入预算总表) and the figures beside them, put back
/// together from the extracted lines.
///
/// PDF extraction keeps the cells of a row on one line in reading order, but a name that
/// wraps in its cell comes out in pieces on the lines above and below (`一、财政` /
/// `13,649.07 …` / `拨款`), letter-spaced (`当 年 收 入`), or with its figure on a line of its
/// own (pdfplumber: `收入总计` / `20,849.45`). The names a template prints (``names``) decide:
/// a piece continues the earliest unfinished name it extends into a known one, else starts
/// an item when it is numbered (`一、`, `1.`) or begins a known name; any other word (a header's)
/// is no item. A figure goes to the item it follows on its line; figures before any item of
/// their line go, one each, to the items of the last line that started items and still have
/// none (the last of them taking the rest). Which figure is whose is then for the table's
/// arithmetic to confirm (``BudgetSummaryTable``, ``IncomeSourceTable``).
struct NamedCells {
    /// An item and the figures found for it.
    struct Entry {
        /// The name, numbering removed, pieces joined, spaces removed (``NamedCells/normalized(_:)``).
        var label: String
        var figures: [Figure] = []
        /// The line the item's name starts on.
        var line: Int
        /// Whether the item takes figures (a group's name spanning rows takes none).
        var takesFigures: Bool
    }

    /// Every name the template prints, normalised.
    let names: Set<String>
    /// Every non-empty prefix of every name.
    private let prefixes: Set<String>
    /// Names that span rows and take no figure (the groups of the 收入预算总表).
    let groups: Set<String>
    /// Every prefix of a name that is no group's.
    private let rowPrefixes: Set<String>

    init(names: some Sequence<String>, groups: some Sequence<String> = [String]()) {
        let all = Set(names.map(NamedCells.normalized))
        let groupNames = Set(groups.map(NamedCells.normalized))
        self.names = all.union(groupNames)
        var prefixes = Set<String>()
        for name in self.names {
            var p = ""
            for c in name { p.append(c); prefixes.insert(p) }
        }
        self.prefixes = prefixes
        self.groups = groupNames
        var rowPrefixes = Set<String>()
        for name in all {
            var p = ""
            for c in name { p.append(c); rowPrefixes.insert(p) }
        }
        self.rowPrefixes = rowPrefixes
    }

    /// Whether an item named `label` (so far) takes figures: not when it can only grow into a
    /// group's name (`一般公共预` of 一般公共预算资金).
    func takesFigures(_ label: String) -> Bool {
        rowPrefixes.contains(label) || !(groups.contains(label) || prefixes.contains(label))
    }

    /// A name as compared: no spaces or quotation marks, full-width brackets.
    static func normalized(_ s: some StringProtocol) -> String {
        var out = ""
        for c in s {
            switch c {
            case " ", "\u{3000}", "\t", "“", "”", "\"": continue
            case "(": out.append("（")
            case ")": out.append("）")
            default: out.append(c)
            }
        }
        return out
    }

    /// A printed item's numbering (`一、`, `二十、`, `1.`, `2．`, `3、`, `（一）`) split off:
    /// the rest, and whether there was one.
    static func strippingOrdinal(_ s: String) -> (rest: Substring, numbered: Bool) {
        var t = Substring(s)
        if t.first == "（" || t.first == "(" {
            let inner = t.dropFirst().prefix { TableTitle.numerals.contains($0) }
            let after = t.dropFirst(1 + inner.count)
            if !inner.isEmpty, inner.count <= 3, after.first == "）" || after.first == ")" { return (after.dropFirst(), true) }
        }
        let chinese = t.prefix { TableTitle.numerals.contains($0) }
        if !chinese.isEmpty, chinese.count <= 3, t.dropFirst(chinese.count).first == "、" { return (t.dropFirst(chinese.count + 1), true) }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 2, let mark = t.dropFirst(digits.count).first, ".．、".contains(mark) {
            t = t.dropFirst(digits.count + 1)
            return (t, true)
        }
        return (t, false)
    }

    /// A line's tokens with a figure glued to the words after it (`47,483,458一、社会保障和
    /// 就业支出`) cut in two.
    static func pieces(_ line: TextLine) -> [TextLine.Token] {
        var out: [TextLine.Token] = []
        for token in line.tokens {
            guard token.amount == nil, let lead = token.text.utf8.first, (0x30...0x39).contains(lead) else {
                out.append(token)
                continue
            }
            let head = token.text.prefix { $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }
            let tail = token.text.dropFirst(head.count)
            guard !head.isEmpty, let next = tail.first, !next.isASCII else { out.append(token); continue }
            let figure = TextLine.Token(text: head, start: token.start, end: token.start + head.count)
            guard figure.amount != nil else { out.append(token); continue }
            out.append(figure)
            out.append(TextLine.Token(text: tail, start: token.start + head.count, end: token.end))
        }
        return out
    }

    /// Whether a line starts the rows: it holds a figure, a numbered item, or (with `total`)
    /// that name. The lines before it are the header's.
    func startsRows(_ line: TextLine, total: String? = nil) -> Bool {
        NamedCells.pieces(line).contains { t in
            t.amount != nil || NamedCells.strippingOrdinal(String(t.text)).numbered
                || total.map { NamedCells.normalized(t.text) == $0 } == true
        }
    }

    /// The items of `lines` (the header before the first line that ``startsRows(_:total:)``
    /// left out) with their figures.
    func entries(_ lines: [TextLine], source: SourceText, total: String? = nil) -> [Entry] {
        var entries: [Entry] = []
        var lastLabelLine: [Int] = []
        guard let first = lines.firstIndex(where: { startsRows($0, total: total) }) else { return [] }
        for line in lines[first...] {
            let previous = lastLabelLine
            var startedHere: [Int] = []
            var current: Int?
            var numbered = false
            var leading: [Figure] = []
            for token in NamedCells.pieces(line) {
                if let amount = token.amount {
                    let figure = Figure(amount: amount, span: source.span(line, token))
                    // After a group's name (no figure of its own), as before any item.
                    if let c = current, entries[c].takesFigures { entries[c].figures.append(figure) } else { leading.append(figure) }
                    continue
                }
                let (rest, ordinal) = NamedCells.strippingOrdinal(NamedCells.normalized(token.text))
                let isNumbered = ordinal || numbered
                numbered = false
                if rest.isEmpty { numbered = ordinal; continue }
                if !isNumbered, let open = continuation(of: rest, in: entries) {
                    entries[open].label += rest
                    entries[open].takesFigures = takesFigures(entries[open].label)
                    current = open
                    continue
                }
                if isNumbered || prefixes.contains(String(rest)) {
                    let label = String(rest)
                    entries.append(Entry(label: label, line: line.number, takesFigures: takesFigures(label)))
                    startedHere.append(entries.count - 1)
                    current = entries.count - 1
                }
            }
            if !leading.isEmpty { give(leading, to: previous, &entries) }
            if !startedHere.isEmpty { lastLabelLine = startedHere.filter { entries[$0].takesFigures } }
        }
        return entries
    }

    /// The earliest of the last few unfinished items that `piece` extends into (a prefix of)
    /// a known name.
    private func continuation(of piece: Substring, in entries: [Entry]) -> Int? {
        for i in entries.indices.suffix(8) where !names.contains(entries[i].label) {
            if prefixes.contains(entries[i].label + piece) { return i }
        }
        return nil
    }

    /// Figures before any item of their line: one each to the items of the last line that
    /// started items and have none yet, the last taking the rest; else to the last item.
    private func give(_ figures: [Figure], to indexes: [Int], _ entries: inout [Entry]) {
        let open = indexes.filter { entries[$0].figures.isEmpty }
        guard !open.isEmpty else {
            if let last = entries.indices.last(where: { entries[$0].takesFigures }) { entries[last].figures += figures }
            return
        }
        var rest = figures[...]
        for (n, i) in open.enumerated() where !rest.isEmpty {
            if n == open.count - 1 { entries[i].figures += rest; rest = [] } else { entries[i].figures.append(rest.removeFirst()) }
        }
    }
}
