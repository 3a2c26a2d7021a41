import FiscalModel

/// A figure a report's 附件 states again (column ``FiscalModel/Fact/annexColumn``) equals the
/// same figure in the explanation: same statement, item, code, year, phase and unit, the
/// explanation's fact without a column or in one of ``counterpartColumns``.
///
/// Judged like `repeated`: one figure rounded the same way cannot differ, so any difference
/// is an error (rounding only when the two are written to different digits and the finer
/// rounds to the coarser). When the explanation states the figure several times, the 附件
/// agrees if it equals any of them (the explanation disagreeing with itself is `repeated`'s
/// finding); otherwise the finding names the first. A 附件 figure the explanation does not
/// state is not judged.
public struct AnnexRule: CheckRule {
    public let id = "annex"
    public let summary = "a figure the 附件 states again equals the explanation's"
    /// The columns, besides none, an explanation fact may be in to be a 附件 figure's
    /// counterpart: a project table's 预算数 (budget) and 执行数 (final).
    public let counterpartColumns: [String]

    public init(counterpartColumns: [String] = ["预算数", "执行数"]) {
        self.counterpartColumns = counterpartColumns
    }

    public func check(_ report: Report) -> [Finding] {
        let stated = report.facts.indices.filter { !report.facts[$0].derived }
        let explanation = stated.filter { i in
            let f = report.facts[i]
            return f.measure == .total || counterpartColumns.contains { Measure(printed: $0, phase: f.phase) == f.measure }
        }
        var findings: [Finding] = []
        for i in stated where report.facts[i].measure == Fact.annexColumn {
            let a = report.facts[i]
            let counterparts = explanation.filter { counterpart(report.facts[$0], of: a) }
            guard let first = counterparts.first,
                  !counterparts.contains(where: { report.facts[$0].amount == a.amount }) else { continue }
            findings.append(finding(report, annex: i, explanation: first))
        }
        return findings
    }

    /// Whether `e` (an explanation fact) states the figure `a` (a 附件 fact) states.
    func counterpart(_ e: Fact, of a: Fact) -> Bool {
        e.statement == a.statement && Label.normalize(e.item) == Label.normalize(a.item) && e.code == a.code
            && e.year == a.year && e.phase == a.phase && e.unit == a.unit && e.entity == a.entity
    }

    func finding(_ report: Report, annex i: FactIndex, explanation j: FactIndex) -> Finding {
        let a = report.facts[i].amount, e = report.facts[j].amount
        let coarse = min(a.scale, e.scale)
        let severity: Finding.Severity = a.scale != e.scale && a.rounded(toDigits: coarse) == e.rounded(toDigits: coarse) ? .rounding : .error
        let why = severity == .rounding ? Message(.checkFinerRounds) : Message(.checkRoundedTwoWays)
        return Finding(severity, rule: id, report: report.displayName,
                       subject: Message(.checkSubjectAnnex, report.facts[j].item),
                       figures: [report.figure(j), report.figure(i)], stated: a, computed: e,
                       detail: Message(.checkAnnexVersus, a, e, why))
    }
}
