import FiscalModel

/// `check` findings in words a student follows: one sentence per rule, in Chinese and
/// English, with the finding's figures filled in. The rule ids are those of
/// `CheckRules.all`; a rule without a sentence here is shown with its own detail.
enum FindingText {
    /// The sentence for `rule` in `language` (the catalogue's `handout.finding.RULE`): in
    /// Chinese and English for an English handout, in Chinese alone for a Chinese one.
    static func sentence(_ rule: String, _ language: Language) -> String? {
        MessageKey(rawValue: "handout.finding." + rule).map { Message($0).text(language) }
    }

    /// Explanations of the rows of a findings table (`check …`); `nil` when `table` is not one.
    /// `all`, the complete findings, fills in columns a `select` left out (matched on rule and subject).
    static func explain(_ table: ResultTable, all: ResultTable? = nil, language: Language = .english) -> [FindingExplanation]? {
        guard let rule = table.columnIndex("rule"), let subject = table.columnIndex("subject") else { return nil }
        return table.rows.map { shown in
            var row = shown
            var columns = table
            if let all, let r = all.columnIndex("rule"), let s = all.columnIndex("subject"),
               let full = all.rows.first(where: { $0[r] == shown[rule] && $0[s] == shown[subject] }) {
                row = full
                columns = all
            }
            func cell(_ row: [Value], _ name: String) -> String {
                columns.columnIndex(name).map { Renderer.displayText(row[$0], RenderOptions()) } ?? "—"
            }
            let rule = columns.columnIndex("rule")!, subject = columns.columnIndex("subject")!
            let id = Renderer.displayText(row[rule], RenderOptions())
            var text = sentence(id, language) ?? cell(row, "detail")
            for key in ["stated", "computed", "difference"] { text = text.replacingAll("{\(key)}", with: cell(row, key)) }
            return FindingExplanation(severity: cell(row, "severity"), rule: id,
                                      subject: Renderer.displayText(row[subject], RenderOptions()),
                                      lines: cell(row, "lines"), explanation: text)
        }
    }
}
