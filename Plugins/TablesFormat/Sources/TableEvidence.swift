import FiscalFormat
import FiscalModel

/// How much of a document the tables reader can account for, from the document's start:
/// the standard tables it finds (a title it knows with the table's own 单位 line under it),
/// the rows keyed by a printed classification code with figures, and the share of the
/// document's lines inside those tables. A table of contents that names the tables, or a
/// narrative that speaks of them, is no evidence: no unit line follows their titles.
struct TableEvidence {
    /// Tables found (title and unit line).
    var tables = 0
    /// Rows with a printed code and at least one figure.
    var codeRows = 0
    /// Non-empty lines inside tables, and in the whole text.
    var tableLines = 0
    var lines = 0

    init(text: String) {
        let textLines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            TextLine(number: $0.offset + 1, text: $0.element)
        }
        let sections = TableSection.split(textLines, entity: nil)
        tables = sections.count
        for section in sections {
            tableLines += section.lines.count + 1
            codeRows += section.lines.filter { line in
                line.leadingCode != nil && line.tokens.contains { $0.amount != nil }
            }.count
        }
        lines = textLines.filter { !$0.tokens.isEmpty }.count
    }

    /// The share of the document's lines the tables account for, 0…1.
    var coverage: Double { lines == 0 ? 0 : Double(tableLines) / Double(lines) }

    /// Certain when several standard tables with coded rows are there (whatever else the
    /// document holds: their narrative is read too); lower when the evidence is thin.
    var confidence: Confidence {
        if tables >= 3 && codeRows >= 5 { return .certain }
        if tables >= 1 && codeRows >= 1 { return Confidence(50 + Int(coverage * 25)) }
        return tables >= 1 ? .low : .none
    }
}
