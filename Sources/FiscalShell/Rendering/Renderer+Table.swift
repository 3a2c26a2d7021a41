import FiscalModel

extension Renderer {
    /// Aligned columns: text left, numbers right with their decimal points lined up, a tree
    /// column indented by depth; a table wider than `maxWidth` is fitted by ``TableFit``.
    static func renderTable(_ table: ResultTable, _ options: RenderOptions) -> Output {
        let language = options.language
        var notes = table.notes.map { TerminalText.escaped($0, keepNewlines: true) }
        var rows = table.rows
        if let limit = options.maxRows, rows.count > limit {
            let left = rows.count - limit
            rows = Array(rows.prefix(limit))
            notes.append(Message(.rowsNotShown, left).text(language))
        }
        var cells = cellTexts(table, rows: rows, options)
        let headings = table.columns.map { heading($0.name, language) }
        var widths = naturalWidths(headings, cells)
        var shown = Array(table.columns.indices)
        if let maxWidth = options.maxWidth {
            let fit = TableFit.fit(widths: widths, columns: table.columns, into: maxWidth)
            widths = fit.widths
            shown = fit.shown
            if let note = fit.note(headings: headings, maxWidth: maxWidth, language: language) { notes.append(note) }
            for r in cells.indices {
                for c in shown where DisplayWidth.of(cells[r][c]) > widths[c] {
                    cells[r][c] = DisplayWidth.truncate(cells[r][c], to: widths[c])
                }
            }
        }
        let bold = options.color ? "\u{1B}[1m" : ""
        let dim = options.color ? "\u{1B}[2m" : ""
        let reset = options.color ? "\u{1B}[0m" : ""
        func line(_ values: [String]) -> String {
            let padded = shown.map { c in
                let cut = DisplayWidth.truncate(values[c], to: widths[c])
                return DisplayWidth.pad(cut, to: widths[c], alignRight: isNumeric(table.columns[c].type))
            }
            return padded.joined(separator: "  ").trailingSpacesRemoved
        }
        var out = bold + line(headings) + reset + "\n"
        out += shown.map { String(repeating: "─", count: widths[$0]) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row) + "\n" }
        out += dim + rowCount(table.rows.count, language) + reset + "\n"
        return Output(body: out, notes: notes)
    }

    /// The display text of every cell: tree depth indented, decimal points lined up.
    static func cellTexts(_ table: ResultTable, rows: [[Value]], _ options: RenderOptions) -> [[String]] {
        let tree = treeColumn(table)
        var cells: [[String]] = rows.enumerated().map { r, row in
            row.enumerated().map { c, value in
                let text = displayText(value, options)
                if c == tree, r < table.depths.count, table.depths[r] > 0 {
                    return String(repeating: "  ", count: table.depths[r]) + text
                }
                return text
            }
        }
        // Line up decimal points in numeric columns: pad each fraction to the column's widest.
        for (c, column) in table.columns.enumerated() where isNumeric(column.type) {
            let fractions = cells.map { row -> Int in
                let s = row[c]
                guard let dot = s.firstIndex(of: ".") else { return 0 }
                return s.distance(from: dot, to: s.endIndex)  // includes the point
            }
            let widest = fractions.max() ?? 0
            for r in cells.indices where cells[r][c] != options.nullText {
                cells[r][c] += String(repeating: " ", count: widest - fractions[r])
            }
        }
        return cells
    }

    static func naturalWidths(_ headings: [String], _ cells: [[String]]) -> [Int] {
        headings.indices.map { c in
            max(DisplayWidth.of(headings[c]), cells.map { DisplayWidth.of($0[c]) }.max() ?? 0)
        }
    }

    /// The width a table takes with its natural column widths.
    static func naturalWidth(_ table: ResultTable, _ options: RenderOptions) -> Int {
        let rows = options.maxRows.map { Array(table.rows.prefix($0)) } ?? table.rows
        let widths = naturalWidths(table.columns.map { heading($0.name, options.language) }, cellTexts(table, rows: rows, options))
        return widths.reduce(0, +) + 2 * max(0, widths.count - 1)
    }
}

/// How a table wider than the screen is made to fit, in this order:
///
/// 1. **Other columns are shortened**: each text column that is neither a key nor an amount
///    is cut (with `…`) to no less than 10 columns, widest first.
/// 2. **Key columns are shortened** to no less than 16 columns. Keys are the columns that
///    name a row: `item`, `name`, `subject`, `code`, `rule`, `setting`, `stage` (or, without
///    any of them, the first text column).
/// 3. **Other columns are hidden**, rightmost first.
/// 4. **Amount columns** (amounts, percentages, ratios) are hidden, rightmost first, and
///    **key columns** last; the first column always stays.
/// 5. Room that hiding left is **given back** to the cut columns, keys first.
///
/// A note names the columns cut and hidden, and `:set expanded on` shows every field.
public enum TableFit {
    /// The names that make a column a key.
    public static let keyNames: Set<String> = ["item", "name", "subject", "code", "rule", "setting", "stage", "科目", "名称", "编码"]
    static let otherFloor = 10
    static let keyFloor = 16

    public struct Result: Sendable, Hashable {
        public var widths: [Int]
        /// The columns still shown, in order.
        public var shown: [Int]
        public var cut: [Int]
        public var hidden: [Int]

        /// `columns cut to fit 80 columns: entity; hidden: file, line (…)`, or nil when nothing changed.
        func note(headings: [String], maxWidth: Int, language: Language) -> String? {
            guard !cut.isEmpty || !hidden.isEmpty else { return nil }
            let cutNames = cut.map { headings[$0] }.joinedAsList(in: language)
            let hiddenNames = hidden.map { headings[$0] }.joinedAsList(in: language)
            let message: Message
            switch (cut.isEmpty, hidden.isEmpty) {
            case (false, true): message = Message(.fitCut, maxWidth, cutNames)
            case (true, false): message = Message(.fitHidden, maxWidth, hiddenNames)
            default: message = Message(.fitCutAndHidden, maxWidth, cutNames, hiddenNames)
            }
            return message.text(language)
        }
    }

    enum Kind { case key, amount, other }

    static func kinds(_ columns: [ResultTable.Column]) -> [Kind] {
        var kinds: [Kind] = columns.map { column in
            if keyNames.contains(column.name) { return .key }
            switch column.type {
            case .amount, .percent, .ratio: return .amount
            default: return .other
            }
        }
        if !kinds.contains(.key), let first = columns.firstIndex(where: { $0.type == .text }) { kinds[first] = .key }
        return kinds
    }

    /// Fits `widths` (the natural widths of `columns`) into `maxWidth`.
    public static func fit(widths natural: [Int], columns: [ResultTable.Column], into maxWidth: Int) -> Result {
        var widths = natural
        var shown = Array(natural.indices)
        var hidden: [Int] = []
        let kinds = kinds(columns)
        func total() -> Int { shown.map { widths[$0] }.reduce(0, +) + 2 * max(0, shown.count - 1) }
        func shorten(_ kind: Kind, floor: Int) {
            while total() > maxWidth {
                guard let c = shown.filter({ kinds[$0] == kind && columns[$0].type == .text && widths[$0] > floor })
                    .max(by: { widths[$0] < widths[$1] }) else { return }
                widths[c] -= 1
            }
        }
        func hide(_ kind: Kind) {
            while total() > maxWidth, shown.count > 1,
                  let c = shown.dropFirst().last(where: { kinds[$0] == kind }) {
                shown.removeAll { $0 == c }
                hidden.append(c)
            }
        }
        shorten(.other, floor: otherFloor)
        shorten(.key, floor: keyFloor)
        hide(.other)
        hide(.amount)
        hide(.key)
        // Whatever is left wider than the screen: cut the widest text column further.
        shorten(.key, floor: 4)
        shorten(.other, floor: 4)
        // Hiding may have left room: give it back to the cut columns, keys first.
        for kind in [Kind.key, .other] {
            for c in shown where kinds[c] == kind && widths[c] < natural[c] {
                let room = maxWidth - total()
                guard room > 0 else { break }
                widths[c] += min(room, natural[c] - widths[c])
            }
        }
        let cut = shown.filter { widths[$0] < natural[$0] }
        return Result(widths: widths, shown: shown, cut: cut, hidden: hidden.sorted())
    }
}

extension String {
    var trailingSpacesRemoved: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
