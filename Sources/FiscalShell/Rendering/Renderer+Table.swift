import FiscalModel

extension Renderer {
    /// Aligned columns: text left, numbers right with their decimal points lined up, a tree
    /// column indented by depth, wide text cut to fit `maxWidth`.
    static func renderTable(_ table: ResultTable, _ options: RenderOptions) -> Output {
        var notes = table.notes.map { TerminalText.escaped($0, keepNewlines: true) }
        var rows = table.rows
        if let limit = options.maxRows, rows.count > limit {
            let left = rows.count - limit
            rows = Array(rows.prefix(limit))
            notes.append("\(left) more row\(left == 1 ? "" : "s") not shown; `:set rows all` shows every row, `-o csv` or `:save FILE` writes them all")
        }
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
            for r in cells.indices where cells[r][c] != "—" {
                cells[r][c] += String(repeating: " ", count: widest - fractions[r])
            }
        }
        var widths = table.columns.indices.map { c in
            max(DisplayWidth.of(TerminalText.escaped(table.columns[c].name)), cells.map { DisplayWidth.of($0[c]) }.max() ?? 0)
        }
        if let maxWidth = options.maxWidth {
            fit(&widths, into: maxWidth, table: table)
            for r in cells.indices {
                for c in cells[r].indices where DisplayWidth.of(cells[r][c]) > widths[c] {
                    cells[r][c] = DisplayWidth.truncate(cells[r][c], to: widths[c])
                }
            }
        }
        let bold = options.color ? "\u{1B}[1m" : ""
        let dim = options.color ? "\u{1B}[2m" : ""
        let reset = options.color ? "\u{1B}[0m" : ""
        func line(_ values: [String]) -> String {
            let padded = values.enumerated().map { c, text in
                let cut = DisplayWidth.truncate(text, to: widths[c])
                return DisplayWidth.pad(cut, to: widths[c], alignRight: isNumeric(table.columns[c].type))
            }
            return padded.joined(separator: "  ").trailingSpacesRemoved
        }
        var out = bold + line(table.columns.map { TerminalText.escaped($0.name) }) + reset + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row) + "\n" }
        let count = table.rows.count
        out += dim + "(\(count) row\(count == 1 ? "" : "s"))" + reset + "\n"
        return Output(body: out, notes: notes)
    }

    /// Shrinks the widest text columns until the table fits `maxWidth` (never below 6 columns each).
    static func fit(_ widths: inout [Int], into maxWidth: Int, table: ResultTable) {
        func total() -> Int { widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
        while total() > maxWidth {
            guard let c = widths.indices.filter({ !isNumeric(table.columns[$0].type) && widths[$0] > 6 })
                .max(by: { widths[$0] < widths[$1] }) else { return }
            widths[c] -= 1
        }
    }
}

extension String {
    var trailingSpacesRemoved: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
