import FiscalModel

/// The one place a ``ResultTable`` becomes text.
public enum Renderer {
    /// What rendering produced: the body for standard output, and remarks (already in the
    /// reader's language) that a caller writes after it (table, markdown, html) or to
    /// standard error (csv, json, so that the output stays machine-readable).
    public struct Output: Sendable {
        public var body: String
        public var notes: [String]
    }

    /// Renders `table` as the options ask. In a script, ``StatementRunner`` puts Markdown and
    /// HTML results together into one document (``MarkdownDocument``, ``HTMLDocument``).
    public static func render(_ table: ResultTable, _ options: RenderOptions) -> Output {
        switch options.mode {
        case .table:
            if useExpanded(table, options) { return renderExpanded(table, options) }
            return renderTable(table, options)
        case .csv: return Output(body: renderCSV(table, options), notes: table.notes)
        case .json: return Output(body: renderJSON(table, options), notes: table.notes)
        case .markdown: return Output(body: renderMarkdown(table, options), notes: table.notes)
        case .html: return Output(body: HTMLDocument.page([.table(table, notes: table.notes)], options), notes: [])
        case .svg: return ChartOutput.svg(table, options)
        }
    }

    /// A column's heading for people: the catalogue's name for the field in the reader's
    /// language (`year` → `年度`), else the name as it is.
    /// A column name can come from a query (`derive "x" = …`): control characters are escaped.
    public static func heading(_ name: String, _ language: Language) -> String {
        guard language != .english else { return TerminalText.escaped(name) }
        // A step of `compare` (`delta 2020`, `pct 2020`, `rate 年初预算`): the field's name, then the value.
        if MessageKey(rawValue: "column." + name) == nil, let space = name.firstIndex(of: " "),
           let key = MessageKey(rawValue: "column." + name[..<space]) {
            return Message(key).text(language) + TerminalText.escaped(String(name[space...]))
        }
        guard let key = MessageKey(rawValue: "column." + name) else { return TerminalText.escaped(name) }
        return Message(key).text(language)
    }

    /// The text of one cell for humans: percentages with `%`, missing as the null text,
    /// amounts with the decimals and separators asked for.
    static func displayText(_ value: Value, _ options: RenderOptions) -> String {
        switch value {
        case .null: return options.nullText
        case .text(let s): return TerminalText.escaped(s)
        case .percent: return value.formatted(ratioDigits: options.ratioDigits, percentDigits: options.percentDigits) + "%"
        case .amount(let a):
            let shown = options.decimals.map { a.rounded(toDigits: $0) } ?? a
            return options.thousands ? groupThousands(shown.description) : shown.description
        case .bool(let b):
            return options.language == .english ? (b ? "true" : "false") : Message(b ? .valueTrue : .valueFalse).text(options.language)
        default: return value.formatted(ratioDigits: options.ratioDigits, percentDigits: options.percentDigits)
        }
    }

    /// `1234567.5` → `1,234,567.5`.
    static func groupThousands(_ number: String) -> String {
        let negative = number.hasPrefix("-")
        let body = negative ? number.dropFirst() : Substring(number)
        let whole = body.prefix { $0 != "." }
        let fraction = body.dropFirst(whole.count)
        var grouped = ""
        for (i, digit) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + fraction
    }

    /// The text of one cell for machines: numbers plain and exact, missing empty.
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

    /// `(3 rows)` in the reader's language.
    static func rowCount(_ n: Int, _ language: Language) -> String {
        Message(.rowCount, n).text(language)
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

    /// A GitHub-flavoured table; notes follow as quotes (`> note: …`).
    static func renderMarkdown(_ table: ResultTable, _ options: RenderOptions) -> String {
        // Backslash escapes keep cell text literal: no HTML, emphasis, code or links from a report's strings.
        func escape(_ s: String) -> String {
            var out = ""
            for c in s {
                switch c {
                case "\\", "|", "<", ">", "*", "_", "`", "[", "]", "&": out += "\\" + String(c)
                case "\n", "\r": out += " "
                default: out.append(c)
                }
            }
            return TerminalText.escaped(out)
        }
        let language = options.language
        var out = "| " + table.columns.map { escape(heading($0.name, language)) }.joined(separator: " | ") + " |\n"
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
