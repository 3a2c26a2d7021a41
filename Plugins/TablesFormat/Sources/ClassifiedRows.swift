import FiscalModel

/// A row of a table keyed by functional code, put back together from the extracted lines.
struct ClassifiedRow {
    var name: String
    /// `nil` for the 合计 row.
    var code: ClassificationCode?
    /// The figures in reading order (not necessarily column order, see ``ClassifiedTable``).
    var figures: [Figure]
    /// The line of the code (or of 合计).
    var line: Int

    var isTotal: Bool { code == nil }
}

extension TableSection {
    /// Whether the extraction put names on their own line before the code line (pdfplumber)
    /// rather than after the code on the same line (pypdf): some code line has no name.
    var namesBeforeCodes: Bool {
        lines.contains { line in
            guard let (_, used) = line.leadingCode else { return false }
            return line.tokens.dropFirst(used).allSatisfy { $0.amount != nil }
        }
    }

    /// The rows of a table keyed by functional code: code, name and figures per row.
    func classifiedRows(_ context: TableContext) -> [ClassifiedRow] {
        let namesFirst = namesBeforeCodes
        var rows: [ClassifiedRow] = []
        var nameLine: TextLine?  // pdfplumber: the name line waiting for its code line
        for line in lines {
            let figures = { (tokens: ArraySlice<TextLine.Token>) in
                tokens.compactMap { t in t.amount.map { Figure(amount: $0, span: context.source.span(line, t)) } }
            }
            let words = { (tokens: ArraySlice<TextLine.Token>) in
                tokens.filter { $0.amount == nil }.map(\.text).joined()
            }
            if let at = line.tokens.firstIndex(where: { $0.text == "合计" }) {
                rows.append(ClassifiedRow(name: "合计", code: nil, figures: figures(line.tokens[(at + 1)...]), line: line.number))
                nameLine = nil
            } else if let (code, used) = line.leadingCode {
                let rest = line.tokens[used...]
                var row = ClassifiedRow(name: words(rest), code: code, figures: figures(rest), line: line.number)
                if namesFirst, let previous = nameLine {
                    row.name = words(previous.tokens[...]) + row.name
                    row.figures = figures(previous.tokens[...]) + row.figures
                }
                rows.append(row)
                nameLine = nil
            } else if line.tokens.allSatisfy({ $0.amount != nil }) {
                // Figures pushed to a line of their own belong to the row above.
                if !rows.isEmpty { rows[rows.count - 1].figures += figures(line.tokens[...]) }
            } else if namesFirst {
                nameLine = line
            } else if !rows.isEmpty, !rows[rows.count - 1].isTotal {
                // pypdf: a name wrapped onto the next line.
                rows[rows.count - 1].name += words(line.tokens[...])
                rows[rows.count - 1].figures += figures(line.tokens[...])
            }
        }
        // A header cell named 合计 makes an empty total row; keep the one with figures.
        if rows.contains(where: { $0.isTotal && !$0.figures.isEmpty }) {
            rows.removeAll { $0.isTotal && $0.figures.isEmpty }
        }
        return rows
    }
}
