import FiscalModel

/// `check` findings in words a student follows: one sentence per rule, in Chinese and
/// English, with the finding's figures filled in. The rule ids are those of
/// `CheckRules.all`; a rule without a sentence here is shown with its own detail.
enum FindingText {
    static let sentences: [String: String] = [
        "sum": "报告给出的合计数是 {stated}，但把它列出的各组成部分相加得到 {computed}，相差 {difference}。合计应当等于各部分之和，所以其中至少有一个数字有误（或正文漏列了某一部分）。 The report's total is {stated}, but the parts it lists add up to {computed} (a difference of {difference}); a total must equal its parts, so one of the figures is wrong or a part is missing.",
        "share": "报告说这一部分占整体的 {stated}%，但用报告自己给出的两个数字相除得到 {computed}%。请核对这个百分比是用哪两个数算出来的。 The report says this part is {stated}% of the whole; dividing the report's own two figures gives {computed}%.",
        "share-sum": "各部分的占比加起来应当是 100%，这里加起来是 {computed}（报告为 {stated}）。 The shares of the parts should add up to 100%; here they add up to {computed}.",
        "repeated": "同一个数字在报告的两个地方出现，却写成了 {stated} 和 {computed}。一个数不能有两个值；相差 0.01 往往是两张表的四舍五入方式不同。 The same figure appears twice with different values ({stated} and {computed}); a difference of 0.01 usually means two tables rounded it differently.",
        "change": "报告写的增减率是 {stated}%，用两年的数字计算得到 {computed}%。常见的错误是用今年的数而不是上年的数作分母。 The report states a change of {stated}%; the two years' figures give {computed}%. A common slip is dividing by this year's figure instead of last year's.",
        "completion": "报告写的完成率（决算 ÷ 预算）是 {stated}%，用报告的数字计算得到 {computed}%。 The report states a completion rate (决算 ÷ 预算) of {stated}%; its figures give {computed}%.",
        "classification": "按 类、款、项 汇总：上一级写的是 {stated}，下一级各项相加是 {computed}，相差 {difference}。 A 类/款 total is {stated}, but the lines under it add up to {computed}.",
        "breakdown": "一个数字被分解成几部分，各部分相加（{computed}）不等于它本身（{stated}）。 A figure is broken down into parts that add up to {computed}, not {stated}.",
        "annex": "附件（绩效评价报告等）重复了正文的一个数字，但数值不同：{stated} 与 {computed}。 The annex repeats a figure of the explanation with a different value: {stated} vs {computed}.",
        "derived": "fiscal 根据报告写的增减额推算出的上年数（{computed}）与报告直接写出的上年数（{stated}）不一致。 A prior-year value derived from a stated change ({computed}) disagrees with the value the report states ({stated}).",
    ]

    /// Explanations of the rows of a findings table (`check …`); `nil` when `table` is not one.
    /// `all`, the complete findings, fills in columns a `select` left out (matched on rule and subject).
    static func explain(_ table: ResultTable, all: ResultTable? = nil) -> [FindingExplanation]? {
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
            var text = sentences[id] ?? cell(row, "detail")
            for key in ["stated", "computed", "difference"] { text = text.replacingAll("{\(key)}", with: cell(row, key)) }
            return FindingExplanation(severity: cell(row, "severity"), rule: id,
                                      subject: Renderer.displayText(row[subject], RenderOptions()),
                                      lines: cell(row, "lines"), explanation: text)
        }
    }
}
