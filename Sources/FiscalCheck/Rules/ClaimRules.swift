import FiscalModel

/// Compares a stated percentage with `numerator / denominator × 100` rounded to the stated
/// digits: no finding when they agree; rounding when the figures' own rounding explains the
/// difference, or a printing convention does: the quotient cut to its digits instead of
/// rounded, or (`shares`) a share moved by a unit so that the shares add to 100%; error
/// otherwise.
func percentFinding(
    rule: String, report: Report, subject: Message, stated: Amount, numerator: Amount, numeratorError: Amount,
    denominator: Amount, denominatorError: Amount, figures: [Finding.Figure], formula: Message, shares: Bool = false
) -> Finding? {
    guard !denominator.isZero else {
        if numerator.isZero && stated.isZero { return nil }
        return Finding(.note, rule: rule, report: report.displayName, subject: subject, figures: figures,
                       stated: stated, computed: nil, detail: Message(.checkZeroDenominator, formula))
    }
    let computed = (numerator * Amount(100) / denominator).rounded(toDigits: stated.scale)!
    if computed == stated { return nil }
    func fits(_ printing: Rounding.Printing) -> Bool {
        Rounding.percentCompatible(
            stated: stated, numerator: numerator, numeratorError: numeratorError, denominator: denominator,
            denominatorError: denominatorError, printing: printing)
    }
    let why: Message? = fits(.rounded) ? Message(.checkPercentWithin)
        : fits(.cut) ? Message(.checkPercentCut)
        : shares && fits(.adjusted) ? Message(.checkPercentAdjusted) : nil
    let compatible = why != nil
    return Finding(compatible ? .rounding : .error, rule: rule, report: report.displayName, subject: subject,
                   figures: figures, stated: stated, computed: computed,
                   detail: Message(.checkBecause, Message(.checkPercentArithmetic, formula, numerator, denominator, computed),
                                   why ?? Message(.checkPercentMore)))
}

/// The unit rounding error of a fact's figure (zero for counts and zeros).
func roundingError(_ f: Fact, among others: [Amount]) -> Amount {
    Rounding.error(of: f.amount, unit: Rounding.unit(of: [f.amount] + others), exact: f.isCount)
}

/// A stated share (占…%) equals part / whole × 100 to the stated digits.
public struct ShareRule: CheckRule {
    public let id = "share"
    public let summary = "a stated share (占 x%) equals part / whole to the stated digits"
    public init() {}

    public func check(_ report: Report) -> [Finding] {
        report.claims.compactMap { claim in
            guard case .share(let percent, let whole?) = claim.kind else { return nil }
            let part = report.facts[claim.fact], w = report.facts[whole]
            let amounts = [part.amount, w.amount]
            return percentFinding(
                rule: id, report: report, subject: Message(.checkSubjectShare, part.item, w.item), stated: percent,
                numerator: part.amount, numeratorError: roundingError(part, among: amounts),
                denominator: w.amount, denominatorError: roundingError(w, among: amounts),
                figures: [report.percentFigure("占", percent, claim.span), report.figure(claim.fact, near: claim.span), report.figure(whole, near: claim.span)],
                formula: Message(.formulaPartWhole), shares: true)
        }
    }
}

/// The shares of parts that make up a whole add up to 100%.
public struct ShareSumRule: CheckRule {
    public let id = "share-sum"
    public let summary = "the shares of parts that add up to a whole add up to 100%"
    public init() {}

    public func check(_ report: Report) -> [Finding] {
        var byWhole: [FactIndex: [Claim]] = [:]
        for c in report.claims {
            if case .share(_, let whole?) = c.kind, !(byWhole[whole]?.contains { $0.fact == c.fact } ?? false) {
                byWhole[whole, default: []].append(c)
            }
        }
        return byWhole.sorted { $0.key < $1.key }.compactMap { whole, claims in
            guard claims.count >= 2 else { return nil }
            let total = report.facts[whole]
            // Shares of nothing (采购支出总额 0万元, 占0%) say nothing about 100%.
            guard !total.amount.isZero else { return nil }
            let parts = claims.map { report.facts[$0.fact].amount }
            let partsDiff = total.amount - Amount.sum(parts)
            guard partsDiff.magnitude <= Rounding.sumTolerance(total: total.amount, parts: parts, exact: total.isCount)
            else { return nil }  // the parts do not make up the whole; `sum` reports that
            let shares = claims.compactMap { c -> (claim: Claim, percent: Amount)? in
                if case .share(let p, _) = c.kind { return (c, p) }
                return nil
            }
            let percents = shares.map(\.percent)
            let sum = Amount.sum(percents)
            let half = Rounding.halfUnit(of: percents)
            let tolerance = half * Amount(percents.filter { !$0.isZero }.count)
            guard let severity = Rounding.severity(of: sum - 100, tolerance: tolerance) else { return nil }
            let figures = shares.map { share in
                report.percentFigure("\(report.facts[share.claim.fact].item) 占", share.percent, share.claim.span)
            }
            let arithmetic = percents.map(\.description).joined(separator: " + ") + " = \(sum)%"
            let why = severity == .rounding ? Message(.checkSharesWithin, percents.count, tolerance) : Message(.checkSharesMore, tolerance)
            return Finding(severity, rule: id, report: report.displayName, subject: Message(.checkSubjectSharesTotal, total.item),
                           figures: figures + [report.figure(whole, near: claims.first?.span)], stated: sum, computed: 100,
                           detail: Message(.checkBecause, arithmetic, why))
        }
    }
}

/// A stated change and change rate agree with the two years' values (rate = change /
/// prior-year value).
public struct ChangeRule: CheckRule {
    public let id = "change"
    public let summary = "a stated change and rate agree: rate = change / prior-year value, prior = current − change"
    public init() {}

    public func check(_ report: Report) -> [Finding] {
        report.claims.compactMap { claim -> Finding? in
            var current = report.facts[claim.fact]
            if current.isDisputed, let stated = ChangeRule.mentionClaimed(current, by: claim) {
                // A change speaks of the amount its own sentence states: where another place states
                // the figure otherwise, `repeated` reports that once, not again through every claim.
                current.amount = stated
            }
            switch claim.kind {
            case .change(let year, let delta?, let percent?):
                return checkRate(report, claim, current, year: year, delta: delta, percent: percent)
            case .change(let year, let delta, let percent):
                guard let prior = priorFact(report, of: current, year: year) else { return nil }
                let p = report.facts[prior]
                if let delta {
                    let computed = current.amount - p.amount
                    let tol = Rounding.sumTolerance(total: delta, parts: [current.amount, p.amount], exact: current.isCount)
                    guard let sev = Rounding.severity(of: delta - computed, tolerance: tol) else { return nil }
                    return Finding(sev, rule: id, report: report.displayName, subject: Message(.checkSubjectChange, current.item, year),
                                   figures: [Finding.Figure(label: Message(.figureChange), amount: delta, unit: current.unit.description, span: claim.span),
                                             report.figure(claim.fact, near: claim.span), report.figure(prior, near: claim.span)],
                                   stated: delta, computed: computed, detail: .literal("\(current.amount) − \(p.amount) = \(computed)"))
                }
                guard let percent else { return nil }
                let amounts = [current.amount, p.amount]
                return percentFinding(
                    rule: id, report: report, subject: Message(.checkSubjectChangeRate, current.item, year), stated: percent,
                    numerator: current.amount - p.amount,
                    numeratorError: roundingError(current, among: amounts) + roundingError(p, among: amounts),
                    denominator: p.amount, denominatorError: roundingError(p, among: amounts),
                    figures: [report.percentFigure(Message(.figureRate), percent, claim.span), report.figure(claim.fact, near: claim.span), report.figure(prior, near: claim.span)],
                    formula: Message(.formulaChangeRate))
            case .unchanged(let year):
                guard let prior = priorFact(report, of: current, year: year) else { return nil }
                let p = report.facts[prior]
                guard current.amount != p.amount else { return nil }
                return Finding(.error, rule: id, report: report.displayName, subject: Message(.checkSubjectUnchanged, current.item, year),
                               figures: [report.figure(claim.fact, near: claim.span), report.figure(prior, near: claim.span)], stated: current.amount,
                               computed: p.amount, detail: Message(.checkUnchangedDiffers, year))
            default:
                return nil
            }
        }
    }

    func checkRate(_ report: Report, _ claim: Claim, _ current: Fact, year: Int, delta: Amount, percent: Amount) -> Finding? {
        let prior = current.amount - delta
        let e = Rounding.error(of: delta, unit: Rounding.unit(of: [current.amount, delta]), exact: current.isCount)
        let figures = [
            report.figure(claim.fact, near: claim.span),
            Finding.Figure(label: Message(.figureChange), amount: delta, unit: current.unit.description, span: claim.span),
            report.percentFigure(Message(.figureRate), percent, claim.span),
        ]
        let subject = Message(.checkSubjectChangeRate, current.item, year)
        if !delta.isZero && !percent.isZero && delta.isNegative != percent.isNegative {
            return Finding(.error, rule: id, report: report.displayName, subject: subject, figures: figures,
                           stated: percent, computed: nil, detail: Message(.checkOppositeSigns))
        }
        guard var finding = percentFinding(
            rule: id, report: report, subject: subject, stated: percent, numerator: delta, numeratorError: e,
            denominator: prior, denominatorError: e + e, figures: figures,
            formula: Message(.formulaRateFromChange))
        else { return nil }
        finding.detailText = Message(.checkBecause, Message(.checkPriorIs, year, current.amount, delta, prior), finding.detailText)
        if let wrong = (delta * Amount(100) / current.amount).rounded(toDigits: percent.scale), wrong == percent,
           finding.severity == .error {
            finding.detailText = Message(.checkBecause, finding.detailText, Message(.checkRateOnCurrent, wrong))
        }
        return finding
    }

    /// The amount of the mention of `fact` a claim speaks of: the last one written before the
    /// claim on its line or up to ``claimReach`` lines above, in the fact's unit; `nil` when none is.
    static func mentionClaimed(_ fact: Fact, by claim: Claim) -> Amount? {
        let before = fact.mentions.filter { m in
            m.span.file == claim.span.file && m.unit == nil && m.reading != .derived
                && (claim.span.line - claimReach...claim.span.line).contains(m.span.line)
                && (m.span.line < claim.span.line || m.span.startColumn <= claim.span.startColumn)
        }
        return before.max { ($0.span.line, $0.span.startColumn) < ($1.span.line, $1.span.startColumn) }?.amount
    }

    /// How many lines above its claim a claimed figure is looked for: a sentence's figure and its
    /// change stand within a few lines of each other.
    static let claimReach = 5

    /// A stated fact of `year` for the same figure as `fact`.
    func priorFact(_ report: Report, of fact: Fact, year: Int) -> FactIndex? {
        report.facts.indices.first { i in
            let f = report.facts[i]
            return f.year == year && !f.derived && f.sameFigure(as: fact, ignoringYear: true)
        }
    }
}

/// 完成预算 x% (完成年初预算的 x%) agrees with the executed and budget amounts: the execution
/// rate `compare measure` and `compare phase` show, within the rounding of the figures. The
/// budget is the one the sentence names, else the first the report states of 年初预算, 调整预算,
/// 全年预算; one of 0 is passed over for the next (the finding says so).
public struct CompletionRule: CheckRule {
    public let id = "completion"
    public let summary = "a stated 完成预算 rate equals executed / budget to the stated digits"
    public init() {}

    public func check(_ report: Report) -> [Finding] {
        report.claims.compactMap { claim in
            guard case .completion(let percent, let stated) = claim.kind else { return nil }
            let executed = report.facts[claim.fact]
            // The budgets the 决算 states for the figure: the one the sentence names first, then
            // 年初预算, 调整预算, 全年预算 (`compare measure` sets the same pairs side by side).
            let order = [Measure.initialBudget, .adjustedBudget, .fullYearBudget]
            let budgets = report.facts.indices.filter { i in
                let f = report.facts[i]
                return f.phase == .budget && executed.phase == .final && !f.derived
                    && f.sameFigure(as: executed, ignoringPhase: true, ignoringMeasure: true)
                    && (f.measure == executed.measure || (executed.measure == .total && f.measure.isBudget))
            }.sorted { (order.firstIndex(of: report.facts[$0].measure) ?? order.count) < (order.firstIndex(of: report.facts[$1].measure) ?? order.count) }
            let candidates = (stated.map { [$0] } ?? []) + budgets.filter { $0 != stated }
            guard let first = candidates.first else { return nil }
            // A budget of 0 gives no rate; a report that states one (年初预算为 0 万元，全年预算为
            // 321.02 万元 … 完成年初预算的 95.89%) means the budget it had: the next one stated.
            let budgetIndex = report.facts[first].amount.isZero && !executed.amount.isZero
                ? candidates.first { !report.facts[$0].amount.isZero } ?? first : first
            let budget = report.facts[budgetIndex]
            let amounts = [executed.amount, budget.amount]
            let subject = Message(.checkSubjectCompletion, executed.item)
            let figures = [report.percentFigure("完成预算", percent, claim.span), report.figure(claim.fact, near: claim.span), report.figure(budgetIndex, near: claim.span)]
            guard var finding = percentFinding(
                rule: id, report: report, subject: subject, stated: percent,
                numerator: executed.amount, numeratorError: roundingError(executed, among: amounts),
                denominator: budget.amount, denominatorError: roundingError(budget, among: amounts),
                figures: figures, formula: Message(.formulaCompletion))
            else {
                // The rate holds against the next budget: a note, since the budget named is 0.
                guard budgetIndex != first else { return nil }
                return Finding(.note, rule: id, report: report.displayName, subject: subject, figures: figures, stated: percent,
                               computed: (executed.amount * Amount(100) / budget.amount).rounded(toDigits: percent.scale),
                               detail: Message(.checkZeroBudgetSkipped, report.facts[first].measure.rawValue, budget.measure.rawValue, budget.amount))
            }
            if budgetIndex != first {
                finding.detailText = Message(.checkBecause, Message(.checkZeroBudgetSkipped, report.facts[first].measure.rawValue, budget.measure.rawValue, budget.amount), finding.detailText)
            }
            return finding
        }
    }
}

extension Fact {
    /// Whether two facts state the same figure: statement, item (or code), codes, fund,
    /// measure, unit and entity agree (and year, phase and measure unless ignored). Facts of
    /// one key are folded on load, so this links a figure to its other years and phases.
    func sameFigure(as other: Fact, ignoringYear: Bool = false, ignoringPhase: Bool = false, ignoringMeasure: Bool = false) -> Bool {
        statement == other.statement && (code != nil ? code == other.code : Label.normalize(item) == Label.normalize(other.item))
            && code == other.code && econCode == other.econCode && fund == other.fund
            && (ignoringMeasure || measure == other.measure)
            && unit == other.unit && entity == other.entity
            && (ignoringYear || year == other.year) && (ignoringPhase || phase == other.phase)
    }
}

/// A comparison said in words (`决算数小于预算数`, `本年数等于上年预算数`, `与上年相比有所增加`)
/// holds for the figures it speaks of: the 决算 against its budget, or the figure against
/// its stated value of the prior year. Said of figures that do not bear it out, it is an
/// error (the words contradict the numbers); with no figure to compare with, nothing is said.
public struct ComparisonRule: CheckRule {
    public let id = "comparison"
    public let summary = "a comparison in words (决算数大于/小于/等于预算数, 本年数小于上年预算数, 有所增加) holds for the figures"
    public init() {}

    public func check(_ report: Report) -> [Finding] {
        report.claims.compactMap { claim in
            guard case .comparison(let relation, let priorYear, let stated) = claim.kind else { return nil }
            let fact = report.facts[claim.fact]
            let otherIndex: FactIndex?
            if let priorYear {
                otherIndex = report.facts.indices.first { i in
                    let f = report.facts[i]
                    return f.year == priorYear && !f.derived && f.sameFigure(as: fact, ignoringYear: true)
                }
            } else if let stated, report.facts[stated].phase == .budget,
                      Label.normalize(report.facts[stated].item) == Label.normalize(fact.item) || report.facts[stated].statement == fact.statement {
                otherIndex = stated
            } else {
                otherIndex = report.facts.indices.first { i in
                    let f = report.facts[i]
                    return f.phase == .budget && fact.phase == .final && !f.derived
                        && f.statement == fact.statement && Label.normalize(f.item) == Label.normalize(fact.item) && f.code == fact.code
                }
            }
            guard let otherIndex else { return nil }
            let other = report.facts[otherIndex]
            guard fact.unit == other.unit, !relation.holds(fact.amount, other.amount) else { return nil }
            let against = priorYear.map { Message(.againstPriorYear, $0) } ?? Message(.againstBudget)
            let words = Message([Claim.Relation.less: .relationLess, .equal: .relationEqual, .greater: .relationGreater][relation]!)
            return Finding(.error, rule: id, report: report.displayName, subject: Message(.checkSubjectComparison, fact.item, words, against),
                           figures: [report.figure(claim.fact, near: claim.span), report.figure(otherIndex, near: claim.span),
                                     Finding.Figure(label: Message(.checkSaidRelation, relation.rawValue), amount: fact.amount, unit: fact.unit.description, span: claim.span)],
                           stated: nil, computed: fact.amount - other.amount,
                           detail: Message(.checkTextSays, fact.amount, words, other.amount, against, fact.amount - other.amount))
        }
    }
}

/// The years a report's headings name (`三、2023年度部门决算情况说明`) are the report's year:
/// a heading of another year inside a report is a copy from last year's document.
public struct HeadingYearRule: CheckRule {
    public let id = "heading-year"
    public let summary = "a heading's year is the report's year"
    public init() {}

    public func check(_ report: Report) -> [Finding] {
        guard report.year != 0 else { return [] }
        return report.yearMentions.filter { $0.year != report.year }.map { m in
            Finding(.error, rule: id, report: report.displayName, subject: Message(.checkSubjectHeadingYear, m.text, m.year),
                    figures: [Finding.Figure(label: Message(.figureHeadingYear), amount: Amount(m.year), unit: "年", span: m.span)],
                    stated: Amount(m.year), computed: Amount(report.year),
                    detail: Message(.checkHeadingYearDetail, report.year, m.year))
        }
    }
}
