import FiscalModel

extension Renderer {
    /// Whether `table` is shown one field per line: `:set expanded on`, or `auto` and the
    /// table is wider than the screen.
    static func useExpanded(_ table: ResultTable, _ options: RenderOptions) -> Bool {
        switch options.expanded {
        case .off: return false
        case .on: return !table.columns.isEmpty
        case .auto:
            guard let maxWidth = options.maxWidth, !table.rows.isEmpty else { return false }
            return naturalWidth(table, options) > maxWidth
        }
    }

    /// psql's expanded display (`\x`): a rule naming each row, then one line per field,
    /// `heading  value`, values cut to the screen.
    static func renderExpanded(_ table: ResultTable, _ options: RenderOptions) -> Output {
        let language = options.language
        var notes = table.notes
        var rows = table.rows
        if let limit = options.maxRows, rows.count > limit {
            notes.append(Message(.rowsNotShown, rows.count - limit).text(language))
            rows = Array(rows.prefix(limit))
        }
        let headings = table.columns.map { heading($0.name, language) }
        let labelWidth = headings.map { DisplayWidth.of($0) }.max() ?? 0
        let bold = options.color ? "\u{1B}[1m" : ""
        let reset = options.color ? "\u{1B}[0m" : ""
        let ruleWidth = options.maxWidth ?? 40
        var out = ""
        for (r, row) in rows.enumerated() {
            let title = "─[ " + Message(.expandedRecord, r + 1).text(language) + " ]"
            out += bold + title + String(repeating: "─", count: max(3, min(ruleWidth, 40) - DisplayWidth.of(title))) + reset + "\n"
            for (c, value) in row.enumerated() {
                var text = displayText(value, options).replacingAll("\n", with: " ")
                if let maxWidth = options.maxWidth {
                    text = DisplayWidth.truncate(text, to: max(4, maxWidth - labelWidth - 3))
                }
                out += (DisplayWidth.pad(headings[c], to: labelWidth) + " │ " + text).trailingSpacesRemoved + "\n"
            }
        }
        out += rowCount(table.rows.count, language) + "\n"
        return Output(body: out, notes: notes)
    }
}
