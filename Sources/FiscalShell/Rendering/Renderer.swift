import FiscalModel

/// The one place a ``ResultTable`` becomes text.
public enum Renderer {
    /// What rendering produced: the body for standard output, and remarks that a caller
    /// writes after it (table, markdown) or to standard error (csv, json, so that the output
    /// stays machine-readable).
    public struct Output: Sendable {
        public var body: String
        public var notes: [String]
    }

    /// Renders `table` as the options ask.
    public static func render(_ table: ResultTable, _ options: RenderOptions) -> Output {
        switch options.mode {
        case .table: renderTable(table, options)
        case .csv: Output(body: renderCSV(table, options), notes: table.notes)
        case .json: Output(body: renderJSON(table, options), notes: table.notes)
        case .markdown: Output(body: renderMarkdown(table, options), notes: table.notes)
        case .svg: ChartOutput.svg(table, options)
        }
    }

    /// The text of one cell for humans: percentages with `%`, missing as `—`.
    static func displayText(_ value: Value, _ options: RenderOptions) -> String {
        switch value {
        case .null: "—"
        case .text(let s): TerminalText.escaped(s)
        case .percent: value.formatted(ratioDigits: options.ratioDigits, percentDigits: options.percentDigits) + "%"
        default: value.formatted(ratioDigits: options.ratioDigits, percentDigits: options.percentDigits)
        }
    }

    /// The text of one cell for machines: numbers plain, missing empty.
    static func plainText(_ value: Value, _ options: RenderOptions) -> String {
        if case .text(let s) = value { return TerminalText.escaped(s) }
        return value.formatted(ratioDigits: options.ratioDigits, percentDigits: options.percentDigits)
    }

    static func isNumeric(_ type: ResultTable.ColumnType) -> Bool {
        switch type {
        case .integer, .amount, .ratio, .percent: true
        case .text, .bool: false
        }
    }

    // MARK: CSV

    static func renderCSV(_ table: ResultTable, _ options: RenderOptions) -> String {
        var out = table.columns.map { CSVText.field(TerminalText.escaped($0.name)) }.joined(separator: ",") + "\n"
        for row in table.rows {
            out += row.map { CSVText.field(plainText($0, options)) }.joined(separator: ",") + "\n"
        }
        return out
    }

    // MARK: JSON

    static func renderJSON(_ table: ResultTable, _ options: RenderOptions) -> String {
        let rows: [JSON] = table.rows.map { row in
            .object(zip(table.columns, row).map { column, value in (column.name, json(value, options)) })
        }
        return JSON.array(rows).text(pretty: true) + "\n"
    }

    static func json(_ value: Value, _ options: RenderOptions) -> JSON {
        switch value {
        case .null: .null
        case .text(let s): .string(s)
        case .integer(let i): .int(i)
        case .amount(let a): .amount(a)
        case .bool(let b): .bool(b)
        // Exact where the decimal ends, else 18 digits: JSON is read by programs, which round
        // for themselves (tables and csv round to the display digits).
        case .ratio(let r): r.decimal().map(JSON.amount) ?? .null
        case .percent(let r): r.percentDecimal().map(JSON.amount) ?? .null
        }
    }

    // MARK: Markdown

    static func renderMarkdown(_ table: ResultTable, _ options: RenderOptions) -> String {
        func escape(_ s: String) -> String {
            TerminalText.escaped(s.replacingAll("|", with: "\\|").replacingAll("\n", with: " "))
        }
        var out = "| " + table.columns.map { escape($0.name) }.joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { isNumeric($0.type) ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for (r, row) in table.rows.enumerated() {
            let cells = row.enumerated().map { (c, value) -> String in
                var text = displayText(value, options)
                if c == treeColumn(table), r < table.depths.count, table.depths[r] > 0 {
                    text = String(repeating: "\u{3000}", count: table.depths[r]) + text
                }
                return escape(text)
            }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// The column a tree (drill-down) indents: the first text column after any code column.
    static func treeColumn(_ table: ResultTable) -> Int? {
        guard !table.depths.isEmpty else { return nil }
        let names = ["name", "item", "科目", "名称"]
        if let i = table.columns.firstIndex(where: { names.contains($0.name) }) { return i }
        return table.columns.firstIndex { $0.type == .text }
    }
}
