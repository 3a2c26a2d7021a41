import FiscalFormat
import FiscalModel

extension NarrativeReader {
    /// 第三部分 名词解释: `N.term:explanation`, `一、term：explanation` or `（一）term：explanation` (or `N、`, a missing `.`,
    /// a space instead of the colon); lines without a number continue the entry above.
    mutating func readGlossary(_ lines: [Int]) {
        for number in lines {
            let line = source.lines[number - 1].trimmingCharacters(" \t\u{3000}")
            guard !line.isEmpty, !ProseLayout.isFurniture(line) else { continue }
            let digits = line.prefix { NarrativeFigure.digitLike($0) }
            var body: Substring
            if let entry = Heading.subsection(line) ?? Heading.section(line) {
                body = entry
            } else if !digits.isEmpty, digits.count <= 2 {
                body = line.dropFirst(digits.count)
                if let f = body.first, ".．、".contains(f) { body = body.dropFirst() }
            } else {
                if !report.glossary.isEmpty {
                    report.glossary[report.glossary.count - 1].explanation += String(line)
                } else {
                    warn("unread-line", Message(.narrGlossaryText), line: number, severity: .note)
                }
                continue
            }
            let split = body.firstIndex { $0 == ":" || $0 == "：" } ?? body.firstIndex(of: " ")
            let term = split.map { body[..<$0] } ?? body
            let explanation = split.map { body[body.index(after: $0)...].trimmingCharacters(" \u{3000}") } ?? ""
            let trimmedTerm = term.trimmingCharacters(" \u{3000}")
            guard !trimmedTerm.isEmpty else { continue }
            if explanation.isEmpty {
                warn("glossary-without-explanation", Message(.narrGlossaryNoExplanation, "\(trimmedTerm)"), line: number, severity: .note)
            }
            let start = trimmedTerm.startIndex
            report.glossary.append(GlossaryEntry(term: String(trimmedTerm), explanation: String(explanation),
                                                 span: source.span(line: number, range: start..<trimmedTerm.endIndex)))
        }
    }
}
