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
    ///
    /// pdfplumber centres a wrapped name on its row, so the words of a row may stand on
    /// lines before the code line, on it, and after it; a line of words between two code
    /// lines may end the row above or start the row below. The split that makes both names
    /// the catalog's is taken (see ``ItemName``); without a hint, one line ends the row above
    /// when there are two, and a single line starts the row below (before the first row, the
    /// header's words are dropped but for the last line; after the last row and before 合计,
    /// every line ends the row above).
    func classifiedRows(_ context: TableContext, catalog: ClassificationCatalog = .functional) -> [ClassifiedRow] {
        let namesFirst = namesBeforeCodes
        var rows: [ClassifiedRow] = []
        var pending: [TextLine] = []  // pdfplumber: lines of words since the last code line
        func figures(_ line: TextLine, _ tokens: ArraySlice<TextLine.Token>) -> [Figure] {
            tokens.compactMap { t in t.amount.map { Figure(amount: $0, span: context.source.span(line, t)) } }
        }
        func words(_ tokens: ArraySlice<TextLine.Token>) -> String {
            tokens.filter { $0.amount == nil }.map(\.text).joined()
        }
        /// Gives the pending lines to the last row (its tail) and returns the rest (the next
        /// row's head: its words and figures).
        func splitPending(before code: ClassificationCode?, ownWords: String) -> (String, [Figure]) {
            defer { pending = [] }
            let texts = pending.map { words($0.tokens[...]) }
            let previous = rows.last.flatMap { $0.isTotal ? nil : $0 }
            var best = (score: -1, k: 0)
            // No row follows the last one or the 合计 to take the words (合计 has no wrapped
            // name): they end the row above.
            let preferred = previous == nil ? max(texts.count - 1, 0) : code == nil ? texts.count : (texts.count >= 2 ? 1 : 0)
            // A name longer than the catalog's longest cannot fit (fit is 0), so the joined texts
            // are built only while they are that short: linear in the pending lines, where
            // joining every prefix and suffix was quadratic on an unclosed table.
            let limit = ItemName.longestCatalogName
            var tails = [Int](repeating: 0, count: texts.count + 1)
            if let previous {
                var joined = previous.name
                var letters = joined.count { !$0.isWhitespace }
                for k in 0...texts.count {
                    if k > 0 { joined += texts[k - 1]; letters += texts[k - 1].count { !$0.isWhitespace } }
                    if letters > limit { break }
                    tails[k] = ItemName.fit(joined, code: previous.code, catalog: catalog)
                }
            }
            var heads = [Int](repeating: 0, count: texts.count + 1)
            var suffix = ownWords
            var suffixLetters = suffix.count { !$0.isWhitespace }
            for k in stride(from: texts.count, through: 0, by: -1) {
                if k < texts.count { suffix = texts[k] + suffix; suffixLetters += texts[k].count { !$0.isWhitespace } }
                if suffixLetters > limit { break }
                heads[k] = ItemName.fit(suffix, code: code, catalog: catalog)
            }
            for k in 0...texts.count {
                let score = (tails[k] + heads[k]) * 2 + (k == preferred ? 1 : 0)
                if score > best.score { best = (score, k) }
            }
            if let previous, best.k > 0 {
                rows[rows.count - 1].name = previous.name + texts[..<best.k].joined()
                rows[rows.count - 1].figures += pending[..<best.k].flatMap { figures($0, $0.tokens[...]) }
            }
            return (texts[best.k...].joined(), pending[best.k...].flatMap { figures($0, $0.tokens[...]) })
        }
        for line in lines {
            if let at = line.tokens.firstIndex(where: { $0.text == "合计" }) ?? TableSection.spacedTotal(line) {
                if namesFirst { _ = splitPending(before: nil, ownWords: "") }
                rows.append(ClassifiedRow(name: "合计", code: nil, figures: figures(line, line.tokens[(at + 1)...]), line: line.number))
            } else if let (code, used) = line.leadingCode {
                let rest = line.tokens[used...]
                var row = ClassifiedRow(name: words(rest), code: code, figures: figures(line, rest), line: line.number)
                if namesFirst {
                    let (head, before) = splitPending(before: code, ownWords: row.name)
                    row.name = head + row.name
                    row.figures = before + row.figures
                }
                rows.append(row)
            } else if line.tokens.allSatisfy({ $0.amount != nil }) {
                // Figures pushed to a line of their own belong to the row above.
                if !rows.isEmpty { rows[rows.count - 1].figures += figures(line, line.tokens[...]) }
            } else if namesFirst, pending.isEmpty, let last = rows.last, !last.isTotal, last.figures.isEmpty,
                line.tokens.contains(where: { $0.amount != nil })
            {
                // A page break left the code alone on its line: name and figures follow.
                rows[rows.count - 1].name += words(line.tokens[...])
                rows[rows.count - 1].figures += figures(line, line.tokens[...])
            } else if namesFirst {
                pending.append(line)
            } else if !rows.isEmpty, !rows[rows.count - 1].isTotal {
                // pypdf: a name wrapped onto the next line.
                rows[rows.count - 1].name += words(line.tokens[...])
                rows[rows.count - 1].figures += figures(line, line.tokens[...])
            }
        }
        if namesFirst, !pending.isEmpty { _ = splitPending(before: nil, ownWords: "") }
        // A header cell named 合计 makes an empty total row; keep the one with figures.
        if rows.contains(where: { $0.isTotal && !$0.figures.isEmpty }) {
            rows.removeAll { $0.isTotal && $0.figures.isEmpty }
        }
        for i in rows.indices where !rows[i].isTotal {
            rows[i].name = ItemName.normalized(rows[i].name, code: rows[i].code, catalog: catalog, year: context.year)
        }
        return rows
    }
}

extension TableSection {
    /// The last token of a 合计 spread over tokens at the start of a line (`合 计 13,979.92`).
    static func spacedTotal(_ line: TextLine) -> Int? {
        var text = ""
        for (i, t) in line.tokens.prefix(4).enumerated() {
            text += t.text
            if text == "合计" { return i }
            if !"合计".hasPrefix(text) { return nil }
        }
        return nil
    }
}
