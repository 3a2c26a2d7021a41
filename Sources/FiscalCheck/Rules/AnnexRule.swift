import FiscalModel

/// A figure a report's 附件 states again equals the explanation's: the mentions of one fact
/// in part ``FiscalModel/Mention/annex`` against its other mentions (loading folds the 附件's
/// copy of a figure into the explanation's fact: same statement, item or code, measure, year,
/// phase and unit).
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

    public init() {}

    public func check(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        for (i, f) in report.facts.enumerated() where !f.derived && f.mentionCount > 1 {
            let explanation = f.mentions.filter { $0.part != Mention.annex }
            guard let first = explanation.first else { continue }
            for a in f.mentions where a.part == Mention.annex {
                guard !explanation.contains(where: { same(a, $0, in: f) }) else { continue }
                findings.append(finding(report, i, annex: a, explanation: first))
            }
        }
        return findings
    }

    /// Whether two mentions state exactly the same amount (in one unit).
    func same(_ a: Mention, _ b: Mention, in f: Fact) -> Bool {
        let ua = a.unit(in: f), ub = b.unit(in: f)
        if ua == ub { return a.amount == b.amount }
        if case .money(let x) = ua, case .money(let y) = ub {
            return a.amount.converted(from: x, to: .yuan) == b.amount.converted(from: y, to: .yuan)
        }
        return false
    }

    func finding(_ report: Report, _ i: FactIndex, annex a: Mention, explanation e: Mention) -> Finding {
        let f = report.facts[i]
        let severity: Finding.Severity = f.agree(a, e) ? .rounding : .error
        let why = severity == .rounding ? Message(.checkFinerRounds) : Message(.checkRoundedTwoWays)
        return Finding(severity, rule: id, report: report.displayName,
                       subject: Message(.checkSubjectAnnex, f.item),
                       figures: [report.figure(i, mention: e), report.figure(i, mention: a)], stated: a.amount, computed: e.amount,
                       detail: Message(.checkAnnexVersus, a.amount, e.amount, why))
    }
}
