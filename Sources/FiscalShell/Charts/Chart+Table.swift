import FiscalModel
import FiscalQuery

extension Chart {
    /// Columns whose text names a row best, in order of preference.
    /// How a line that sums the others is named (本年收入合计, 收支总计, 小计).
    static let totalMarkers = ["合计", "总计", "小计", "总额", "Total", "total"]

    static let labelColumns = ["name", "item", "科目", "名称", "subject", "项", "款", "类", "statement", "entity", "term"]

    /// A chart of `table` as `spec` asks (or as fiscal chooses when `spec` leaves it open):
    ///
    /// - the label is the `by` column, else the first of ``labelColumns``, else the first text column;
    /// - the values are the named columns, else a `compare` result's value columns (not
    ///   `delta`/`pct`), else the first amount column, else the first column of numbers;
    /// - `pie` draws a structure; a row equal to the sum of the others is its total and is left
    ///   out with a note, so that a total is never drawn as one of its own parts.
    ///
    /// Returns `nil` with a reason when the table cannot be drawn.
    public static func make(_ table: ResultTable, spec: ChartSpec?, title: String, unit: String? = nil,
                            source: String? = nil, language: Language = .english) -> Result<Chart, ChartError> {
        func say(_ key: MessageKey, _ arguments: any MessageArgument...) -> String {
            Message.key(key, arguments.map(\.asMessage)).text(language)
        }
        func index(_ name: String) -> Int? {
            table.columnIndex(name) ?? table.columnIndex(FieldNames.canonical(name))
        }
        let numeric: Set<ResultTable.ColumnType> = [.amount, .integer, .ratio, .percent]
        // Value columns.
        var valueColumns: [Int] = []
        if let names = spec?.values, !names.isEmpty {
            for n in names {
                guard let i = index(n.text) else { return .failure(ChartError(say(.chartNoColumn, n.text))) }
                valueColumns.append(i)
            }
        } else if let delta = table.columns.firstIndex(where: { $0.name == "delta" || $0.name.hasPrefix("delta ") }) {
            valueColumns = (0..<delta).filter { table.columns[$0].type == .amount }
        }
        if valueColumns.isEmpty, let i = table.columns.firstIndex(where: { $0.type == .amount }) { valueColumns = [i] }
        if valueColumns.isEmpty,
           let i = table.columns.firstIndex(where: { numeric.contains($0.type) && !["year", "line"].contains($0.name) }) {
            valueColumns = [i]
        }
        guard !valueColumns.isEmpty else { return .failure(ChartError(say(.chartNoNumbers))) }
        // Label column.
        if let by = spec?.label, index(by.text) == nil {
            return .failure(ChartError(say(.chartNoLabelColumn, by.text)))
        }
        let labelColumn = Chart.labelColumn(of: table, spec: spec, values: valueColumns)
        let tree = table.depths.count == table.rows.count
        var categories: [String] = table.rows.indices.map { r in
            let text = labelColumn.map { Renderer.displayText(table.rows[r][$0], RenderOptions()) } ?? say(.chartRowLabel, r + 1)
            let indent = tree ? String(repeating: "  ", count: table.depths[r]) : ""
            return indent + TerminalText.sanitized(text)
        }
        var series = valueColumns.map { c in
            Series(name: TerminalText.sanitized(table.columns[c].name), points: table.rows.map { point($0[c]) })
        }
        // Charts add, double and scale the values; beyond 30 digits that could overflow (a
        // derived column), so such a column is refused with a message, never a crash (issue 11).
        let limit = (0..<30).reduce(Int128(1)) { r, _ in r * 10 }
        if let big = series.first(where: { $0.points.contains { p in p.value.map { $0.mantissa >= limit || $0.mantissa <= -limit } ?? false } }) {
            return .failure(ChartError(say(.chartTooManyDigits, big.name)))
        }
        var notes: [String] = []
        var kind = Kind.bars
        if spec?.kind == .pie {
            kind = .structure
            if series.count > 1 {
                notes.append(say(.chartOneColumn, series[0].name, series.dropFirst().map { "`\($0.name)`" }.joinedAsList(in: language)))
                series = [series[0]]
            }
            let values = series[0].points.map(\.value)
            if values.contains(where: { $0?.isNegative ?? false }) {
                kind = .bars
                notes.append(say(.chartNegativeParts))
            } else if values.count > 2 {
                // A total is not one of its own parts: a row named as a total (本年收入合计), or
                // equal to the sum of the others, is left out with a note.
                let total = Amount.sum(values.compactMap { $0 })
                let totals = categories.indices.filter { i in
                    let label = categories[i].trimmedWhitespace
                    if Chart.totalMarkers.contains(where: { label.hasSuffix($0) }) { return true }
                    return values[i].map { $0 + $0 == total && !$0.isZero } ?? false
                }
                let parts = Amount.sum(values.indices.filter { !totals.contains($0) }.compactMap { values[$0] })
                if totals.count == 1, let t = totals.first {
                    var note = say(.chartLeftOutTotal, categories[t], series[0].points[t].text)
                    if let stated = values[t], stated != parts {
                        note += say(.chartPartsDiffer, parts, stated, stated - parts)
                    }
                    notes.append(note)
                } else if !totals.isEmpty {
                    notes.append(say(.chartLeftOutTotals, totals.count, totals.map { "`\(categories[$0])`" }.joinedAsList(in: language), parts))
                }
                for t in totals.reversed() {
                    categories.remove(at: t)
                    series[0].points.remove(at: t)
                }
            }
        }
        var seen: [String: Int] = [:]
        for c in categories { seen[c, default: 0] += 1 }
        let repeated = categories.filter { seen[$0]! > 1 }
        if let first = repeated.first {
            let distinct = Set(repeated).count
            notes.append(distinct > 1 ? say(.chartRepeatedLabels, first, distinct - 1) : say(.chartRepeatedLabel, first))
        }
        let missing = series.reduce(0) { $0 + $1.points.filter { $0.value == nil }.count }
        if missing > 0 { notes.append(say(.chartMissing, missing)) }
        let percentOnly = valueColumns.allSatisfy { table.columns[$0].type == .percent }
        let chartUnit = percentOnly ? "%" : valueColumns.allSatisfy({ table.columns[$0].type == .amount }) ? unit : nil
        var chart = Chart(kind: kind, title: spec?.title ?? title, unit: chartUnit, categories: categories,
                          series: series, source: source, notes: notes)
        chart.language = language
        return .success(chart)
    }

    /// The column whose text labels the bars: the `by` column, else the first of
    /// ``labelColumns``, else the first text column, else an integer column that is not drawn.
    static func labelColumn(of table: ResultTable, spec: ChartSpec?, values: [Int]) -> Int? {
        if let by = spec?.label {
            return table.columnIndex(by.text) ?? table.columnIndex(FieldNames.canonical(by.text))
        }
        return labelColumns.lazy.compactMap { table.columnIndex($0) }.first
            ?? table.columns.firstIndex { $0.type == .text }
            ?? table.columns.indices.first { !values.contains($0) && table.columns[$0].type == .integer }
    }

    /// A cell as a drawable point: amounts and integers as they are, percentages in percent.
    static func point(_ value: Value) -> Point {
        let text = Renderer.displayText(value, RenderOptions())
        switch value {
        case .amount(let a): return Point(value: a, text: text)
        case .integer(let i): return Point(value: Amount(i), text: text)
        case .percent(let r): return Point(value: r.percent(digits: 4), text: text)
        case .ratio(let r): return Point(value: r.rounded(toDigits: 6), text: text)
        default: return Point(value: nil, text: "—")
        }
    }
}

/// Why a result cannot be drawn.
public struct ChartError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
