import FiscalModel

extension Chart {
    /// Left-aligned eighths of a cell, from one eighth to seven.
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    /// Fills that tell the parts of a 100% bar apart without colour (and in print).
    static let fills: [Character] = ["█", "▓", "▒", "░", "▚", "▞", "▙", "▟", "▜", "▛"]

    /// The chart as terminal text `width` columns wide: a title line, one line per bar (labels
    /// padded by display width, values beside the bars), a source line, then the notes.
    /// `color` adds the palette's colours (ANSI 256) and a bold title.
    public func terminalText(width: Int, color: Bool = false) -> String {
        let width = max(width, 30)
        let bold = color ? "\u{1B}[1m" : "", dim = color ? "\u{1B}[2m" : "", reset = color ? "\u{1B}[0m" : ""
        var out = Chart.wrap(title + (unit.map { "（\($0)）" } ?? ""), columns: width).map { bold + $0 + reset + "\n" }.joined()
        switch kind {
        case .bars: out += barLines(width: width, color: color)
        case .structure: out += structureLines(width: width, color: color)
        }
        if let source { out += Chart.wrap(Message(.chartSource, source).text(language), columns: width).map { dim + $0 + reset + "\n" }.joined() }
        // Titles, labels and series names come from queries and reports: escape what a terminal
        // would act on, keeping the colours drawn here.
        return TerminalText.guarded(out + notes.map { Message(.notePrefix, $0).text(language) + "\n" }.joined())
    }

    func colored(_ text: String, series: Int, _ color: Bool) -> String {
        color ? "\u{1B}[38;5;\(Palette.ansi256[series % Palette.ansi256.count])m" + text + "\u{1B}[0m" : text
    }

    /// Horizontal bars: `label  [series] ▏negative│positive value`.
    func barLines(width: Int, color: Bool) -> String {
        let grouped = series.count > 1
        let labelWidth = min(categories.map { DisplayWidth.of($0) }.max() ?? 0, width / 3)
        let seriesWidth = grouped ? series.map { DisplayWidth.of($0.name) }.max() ?? 0 : 0
        let valueWidth = series.flatMap { $0.points.map { DisplayWidth.of($0.text) } }.max() ?? 1
        let fixed = labelWidth + 2 + (grouped ? seriesWidth + 1 : 0) + 1 + valueWidth
        let area = max(8, width - fixed)
        let largest = largestMagnitude
        let negatives = series.flatMap { $0.points.compactMap { $0.value } }.filter(\.isNegative).map(\.magnitude).max()
        // With negatives, the area splits at an axis in proportion to the largest bar on each side.
        var negativeWidth = 0
        if let negatives {
            let positives = series.flatMap { $0.points.compactMap { $0.value } }.filter { !$0.isNegative }.max() ?? .zero
            negativeWidth = max(1, Chart.scaled(negatives, of: negatives + positives, units: area - 1))
        }
        let positiveWidth = negatives == nil ? area : area - 1 - negativeWidth
        let negativeLargest = negatives ?? .zero
        let positiveLargest = negatives == nil ? largest : (series.flatMap { $0.points.compactMap { $0.value } }.filter { !$0.isNegative }.max() ?? .zero)
        var out = ""
        for (row, category) in categories.enumerated() {
            for (s, serie) in series.enumerated() {
                let point = serie.points[row]
                var line = DisplayWidth.pad(s == 0 ? DisplayWidth.truncate(category, to: labelWidth) : "", to: labelWidth) + "  "
                if grouped { line += DisplayWidth.pad(serie.name, to: seriesWidth) + " " }
                guard let value = point.value else {
                    line += String(repeating: " ", count: negativeWidth + (negatives == nil ? 0 : 1)) + point.text
                    out += line.trailingSpacesRemoved + "\n"
                    continue
                }
                if negatives != nil {
                    if value.isNegative {
                        // Leftward bars end at the axis: whole cells, and a right half cell (▐).
                        let halves = Chart.scaled(value.magnitude, of: negativeLargest, units: negativeWidth * 2)
                        let bar = (halves % 2 == 1 ? "▐" : "") + String(repeating: "█", count: halves / 2)
                        line += String(repeating: " ", count: max(0, negativeWidth - DisplayWidth.of(bar)))
                        line += colored(bar, series: s, color) + "│ " + point.text
                        out += line + "\n"
                        continue
                    }
                    line += String(repeating: " ", count: negativeWidth) + "│"
                }
                let units = Chart.scaled(value.magnitude, of: positiveLargest, units: positiveWidth * 8)
                var bar = String(repeating: "█", count: units / 8)
                if units % 8 > 0 { bar.append(Chart.eighths[units % 8 - 1]) }
                line += colored(bar, series: s, color) + (bar.isEmpty ? "" : " ") + point.text
                out += line + "\n"
            }
        }
        return out
    }

    /// A 100% bar split into the parts (largest remainder, so the parts fill it exactly), then
    /// a legend: fill, label, value, share.
    func structureLines(width: Int, color: Bool) -> String {
        guard let first = series.first else { return "" }
        let shares = self.shares
        let barWidth = min(width, 100)
        // Cells per part by largest remainder over exact shares.
        let total = Amount.sum(first.points.compactMap(\.value))
        var cells = [Int](repeating: 0, count: categories.count)
        var remainders: [(Int, Ratio)] = []
        for (i, p) in first.points.enumerated() {
            guard let v = p.value, !total.isZero else { continue }
            let exact = (v / total) * Amount(barWidth)
            let whole = exact.rounded(toDigits: 0).map { Int($0.mantissa) } ?? 0
            let floor = (Ratio(numerator: Amount(whole), denominator: 1) > exact) ? whole - 1 : whole
            cells[i] = max(0, floor)
            remainders.append((i, Ratio(numerator: exact.numerator - Amount(floor) * exact.denominator, denominator: exact.denominator)))
        }
        var left = barWidth - cells.reduce(0, +)
        for (i, _) in remainders.sorted(by: { $0.1 > $1.1 }) where left > 0 {
            cells[i] += 1
            left -= 1
        }
        var out = ""
        var drawn = 0
        for (i, n) in cells.enumerated() where n > 0 {
            let fill = color ? "█" : String(Chart.fills[drawn % Chart.fills.count])
            out += colored(String(repeating: fill, count: n), series: drawn, color)
            drawn += 1
        }
        out += "\n"
        let valueWidth = first.points.map { DisplayWidth.of($0.text) }.max() ?? 1
        let labelWidth = min(categories.map { DisplayWidth.of($0) }.max() ?? 0, max(8, width - valueWidth - 13))
        drawn = 0
        for (i, category) in categories.enumerated() {
            var key = " "
            if cells[i] > 0 {
                key = colored(color ? "█" : String(Chart.fills[drawn % Chart.fills.count]), series: drawn, color)
                drawn += 1
            }
            let share = shares[i].flatMap { $0.percent(digits: 2) }.map { "\($0.rescaled(to: 2))%" } ?? "—"
            let line = key + " " + DisplayWidth.pad(DisplayWidth.truncate(category, to: labelWidth), to: labelWidth) + "  "
                + DisplayWidth.pad(first.points[i].text, to: valueWidth, alignRight: true) + "  "
                + DisplayWidth.pad(share, to: 7, alignRight: true)
            out += line.trailingSpacesRemoved + "\n"
        }
        return out
    }
}
