import FiscalModel

/// A check that holds several reports against each other (the same department's reports of
/// two years), run once over every loaded report after the rules of each report.
public protocol CrossReportCheck: Sendable {
    /// The findings on `reports` taken together; figures that agree give none.
    func check(across reports: [Report]) -> [Finding]
}

extension DerivedValueRule: CrossReportCheck {
    /// A prior-year figure one report derives (this year's minus the change it states) against
    /// the same figure as the report of that year states it: the same entity, year, phase and
    /// key (statement, code or item, measure, fund; without a fund when only one figure fits),
    /// as ``ReportAssembly`` folds restatements. The 2018 budget's `比上年增加 3,958.98 万元` on
    /// 21,940.96 says 2017 was 17,981.98; the 2017 budget says 17,981.68.
    public func check(across reports: [Report]) -> [Finding] {
        var index = RestatementIndex(reports)
        guard index.spansSeveralReports else { return [] }
        var findings: [Finding] = []
        for (i, r) in reports.enumerated() {
            for (n, d) in r.facts.enumerated() where d.derived && (d.year != r.year || d.phase != r.phase) {
                guard let target = index.stated(d, from: i) else { continue }
                // A code the two years name differently was reclassified in between (2018's
                // 2040405 公诉、审判、侦查、执行等检察监督 took in 2017's 2040404–2040406 and
                // 2040499): its derived prior year is the old 项 together, not the stated one.
                let t = reports[target.report].facts[target.fact]
                if d.code != nil, FactKey.normalize(d.item) != FactKey.normalize(t.item) { continue }
                if let f = compare(derived: (r, n), stated: (reports[target.report], target.fact)) { findings.append(f) }
            }
        }
        return findings
    }

    /// One derived figure against the other report's stated one, in the derived figure's unit:
    /// the derived value carries two rounding errors (this year's figure and the change), the
    /// stated one one. A difference in a budget's prior year is `unsure`: see below.
    func compare(derived: (report: Report, fact: FactIndex), stated: (report: Report, fact: FactIndex)) -> Finding? {
        let d = derived.report.facts[derived.fact], o = stated.report.facts[stated.fact]
        let dm = d.mentions[0], om = o.mentions[0]
        let du = dm.unit(in: d), ou = om.unit(in: o)
        var other = om.amount
        var otherHalf = Amount(mantissa: 5, scale: om.amount.scale + 1)
        if case .money(let x) = ou, case .money(let y) = du, x != y {
            other = other.converted(from: x, to: y)
            otherHalf = otherHalf.converted(from: x, to: y)
        } else if du != ou {
            return nil
        }
        let diff = dm.amount - other
        // In one unit, u is the finest digit written among the two (as for every rule; a report
        // drops trailing zeros); in two units, each figure's own half unit, in the derived unit.
        let tolerance: Amount = d.isCount ? .zero
            : du == ou ? Rounding.halfUnit(of: [dm.amount, om.amount]) * Amount(3)
            : Amount(mantissa: 5, scale: dm.amount.scale + 1) * Amount(2) + otherHalf
        guard var severity = Rounding.severity(of: diff, tolerance: tolerance) else { return nil }
        // A budget's 比上年 compares with 上年预算, which may hold the year's adjustments; the
        // earlier report states the budget as first published. A 决算 is final.
        let adjustable = severity == .error && d.phase == .budget
        if adjustable { severity = .unsure }
        return Finding(
            severity, rule: id, report: derived.report.displayName, subject: Message(.checkSubjectDerivedAcross, d.item, d.year),
            figures: [stated.report.figure(stated.fact, mention: om), derived.report.figure(derived.fact, mention: dm)],
            stated: other, computed: dm.amount,
            detail: Message(.checkBecause,
                            Message(.checkDerivedVersus, other, Message(.wordStatedIn, stated.report.year, stated.report.phase.rawValue), dm.amount),
                            severity == .rounding ? Message(.checkWithinRounding, tolerance) : Message(.checkMoreThanRounding, tolerance))
                + (adjustable ? Message(.checkPriorBudgetAdjusted) : .literal("")))
    }
}
