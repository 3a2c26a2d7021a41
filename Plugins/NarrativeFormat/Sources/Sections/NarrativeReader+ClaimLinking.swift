import FiscalFormat
import FiscalModel

/// Linking what the prose says about a figure (a share of a whole, a change from a prior year)
/// to the facts it speaks of.
extension NarrativeReader {
    /// The whole a share is of: named (`占本年支出合计的…`), else the line's total before `其中`/
    /// `主要用于`, else the section's first figure of the same statement.
    func shareWhole(_ m: ShareMention, target: FactIndex, firstPlaced: FactIndex?, listsParts: Bool, state: ExplanationState) -> FactIndex? {
        if let whole = m.whole {
            let wanted = NarrativeLabel.normalized(whole)
            return report.facts.indices.suffix(NarrativeLabel.reach).reversed().first {
                $0 != target && NarrativeLabel.matchesNormalized(NarrativeLabel.normalized(report.facts[$0].item), wanted)
            }
        }
        if let first = firstPlaced, first != target, listsParts { return first }
        let statement = report.facts[target].statement
        if let first = state.firstFact[statement], first != target { return first }
        return nil
    }

    /// Links each stated change to its fact, once every fact of the section is known.
    mutating func resolvePendingChanges() {
        // The facts of each section in reading order, with their labels normalised once: each
        // change then looks outward from its own line (at most `reach` facts each way) instead
        // of matching every fact of the section, so a long report stays linear.
        var bySection: [Int: [FactIndex]] = [:]
        for i in report.facts.indices where !report.facts[i].derived { bySection[factSection[i], default: []].append(i) }
        var normalizedItems: [FactIndex: String] = [:]
        let reach = NarrativeLabel.reach
        for p in pendingChanges {
            let m = p.mention
            let span = p.span
            if let lost = m.lostNumber {
                // `…总计 万元。与2023年度相比，…减少56.95万元`: the figure this change is of is lost.
                warn("lost-number", Message(.narrMissingNumber, lost), at: span)
                continue
            }
            var target: FactIndex?
            // `公务用车购置费75万元，…预计淘汰更新执法车辆5辆，比2025年增加2辆`: a change of a
            // count is never a change of the money figure before it.
            // At most `reach` facts back within the paragraph.
            let window = placedFacts[max(p.before.lowerBound, p.before.upperBound - reach)..<p.before.upperBound]
            let before = window.filter { m.speaks(of: report.facts[$0].unit) }
            // The facts are read in place: a copy held here (`let items = report.facts`) made
            // every prior year added below copy them all, quadratic in a long report.
            func normalizedItem(_ i: FactIndex) -> String {
                if let n = normalizedItems[i] { return n }
                let n = NarrativeLabel.normalized(report.facts[i].item)
                normalizedItems[i] = n
                return n
            }
            if m.subject.isEmpty {
                target = before.last
            } else {
                let subject = NarrativeLabel.normalized(m.subject)
                target = before.last { NarrativeLabel.matchesNormalized(normalizedItem($0), subject) }
                if target == nil, let facts = bySection[p.section] {
                    func matches(_ i: FactIndex) -> Bool {
                        guard m.speaks(of: report.facts[i].unit) else { return false }
                        return NarrativeLabel.matchesNormalized(normalizedItem(i), subject)
                    }
                    // the first fact at or after the change's line, then outward both ways
                    var lo = 0, hi = facts.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if report.facts[facts[mid]].span.line < span.line { lo = mid + 1 } else { hi = mid }
                    }
                    let after = facts[lo..<min(facts.count, lo + reach)].first(where: matches)
                    let before = facts[max(0, lo - reach)..<lo].last(where: matches)
                    switch (before, after) {
                    case (let b?, let a?):
                        target = abs(report.facts[b].span.line - span.line) <= abs(report.facts[a].span.line - span.line) ? b : a
                    case (let b?, nil): target = b
                    case (nil, let a?): target = a
                    default: break
                    }
                }
                // `与上年相比收、支预算总计各增加…` right after the figure it speaks of.
                if target == nil, report.phase == .budget, let last = before.last,
                   NarrativeLabel.matches(BudgetWording.itemName(m.subject), report.facts[last].item) {
                    target = last
                }
            }
            guard let target else {
                if let unit = m.deltaUnit, let delta = m.delta, !window.isEmpty, before.isEmpty {
                    warn("unplaced-claim", Message(.narrChangeOtherUnit, "\(unit)", "\(delta)"), at: span, severity: .note)
                    continue
                }
                warn("unplaced-claim", Message(.narrNoFigureNamed, "\(m.subject)"), at: span)
                continue
            }
            guard let year = m.priorYear else {
                warn("unplaced-claim", Message(.narrNoBaseYear), at: span)
                continue
            }
            if let reason = m.underivableReason(figure: report.facts[target].amount) {
                // A wrong figure shown without a warning is the worst defect: a sentence that has
                // lost a number links no change and derives no year.
                warn("lost-number", Message(.narrMissingNumber, reason), at: span)
                continue
            }
            report.claims.append(Claim(fact: target, kind: .change(priorYear: year, delta: m.delta, percent: m.percent), span: span))
            if let delta = m.delta, m.deltaUnit == report.facts[target].unit, let deltaSpan = p.deltaSpan {
                addPriorYear(of: target, year: year, delta: delta, span: deltaSpan)
            }
        }
        pendingChanges = []
        placedFacts = []
    }
}
