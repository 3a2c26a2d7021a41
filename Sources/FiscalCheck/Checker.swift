import FiscalModel

/// Runs the consistency rules over reports and returns the findings as a result table,
/// so they can be filtered, counted and exported like any other result.
public enum Checker {
    /// The columns of the findings table.
    public static let columns: [ResultTable.Column] = [
        .init("severity", .text), .init("rule", .text), .init("report", .text), .init("subject", .text),
        .init("stated", .amount), .init("computed", .amount), .init("difference", .amount),
        .init("figures", .text), .init("lines", .text), .init("detail", .text),
    ]

    /// Every finding of `rules` on `reports`, errors first, then by place.
    public static func findings(_ reports: [Report], rules: [any CheckRule] = CheckRules.all) -> [Finding] {
        var all: [Finding] = []
        for report in reports {
            // A finding about figures that all stand in the 附件 says so: the same rule finds
            // the explanation's copy too, and the reader must tell the two apart.
            let annexLines = Set(report.facts.flatMap { $0.mentions.filter { $0.part == Mention.annex }.map(\.span) })
            for rule in rules {
                for var finding in rule.check(report).map({ $0.certified() }) {
                    let spans = finding.spans
                    if rule.id != "annex", !spans.isEmpty, !annexLines.isEmpty,
                       spans.allSatisfy({ span in annexLines.contains { $0.file == span.file && $0.line == span.line } }) {
                        finding.subjectText = finding.subjectText + .literal(" (附件)")
                    }
                    all.append(finding)
                }
            }
        }
        // Rules that hold reports against each other (a prior-year figure derived in one and
        // stated in the other) run once over all of them.
        for case let rule as any CrossReportCheck in rules {
            all += rule.check(across: reports).map { $0.certified() }
        }
        return all.enumerated().sorted { a, b in
            if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
            let sa = a.element.spans.first, sb = b.element.spans.first
            if let sa, let sb, sa != sb { return sa < sb }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The findings as a table: one row per finding, its `sources` the spans of every figure
    /// involved; a note counts them by severity.
    public static func run(_ reports: [Report], rules: [any CheckRule] = CheckRules.all, language: Language = .english) -> ResultTable {
        table(findings(reports, rules: rules), reportCount: reports.count, language: language)
    }

    /// `findings` as a table.
    public static func table(_ findings: [Finding], reportCount: Int, language: Language = .english) -> ResultTable {
        var table = ResultTable(columns: columns)
        for f in findings {
            table.append([
                .text(f.severity.rawValue), .text(f.rule), .text(f.report), .text(f.subjectText.text(language)),
                f.stated.map(Value.amount) ?? .null, f.computed.map(Value.amount) ?? .null,
                f.difference.map(Value.amount) ?? .null,
                .text(f.figures.map { $0.text(language) }.joined(separator: "; ")), .text(f.lines), .text(f.detailText.text(language)),
            ], sources: f.spans)
        }
        let count = { (s: Finding.Severity) in findings.filter { $0.severity == s }.count }
        table.notes.append(
            count(.unsure) > 0
                ? Message(.checkSummaryUnsure, reportCount, count(.error), count(.rounding), count(.note), count(.unsure)).text(language)
                : Message(.checkSummary, reportCount, count(.error), count(.rounding), count(.note)).text(language))
        return table
    }

    /// Whether any finding is an error.
    public static func hasErrors(_ table: ResultTable) -> Bool {
        guard let c = table.columnIndex("severity") else { return false }
        return table.rows.contains { $0[c] == .text(Finding.Severity.error.rawValue) }
    }
}
