import FiscalModel

/// Compares a stated percentage with `numerator / denominator × 100` rounded to the stated
/// digits: no finding when they agree, rounding when the figures' own rounding explains
/// the difference, error otherwise.
func percentFinding(
    rule: String, report: Report, subject: String, stated: Amount, numerator: Amount, numeratorError: Amount,
    denominator: Amount, denominatorError: Amount, figures: [Finding.Figure], formula: String
) -> Finding? {
    guard !denominator.isZero else {
        if numerator.isZero && stated.isZero { return nil }
        return Finding(.note, rule: rule, report: report.displayName, subject: subject, figures: figures,
                       stated: stated, computed: nil, detail: "\(formula): the denominator is zero, so no percentage follows")
    }
    let computed = (numerator * Amount(100) / denominator).rounded(toDigits: stated.scale)!
    if computed == stated { return nil }
    let compatible = Rounding.percentCompatible(
        stated: stated, numerator: numerator, numeratorError: numeratorError, denominator: denominator,
        denominatorError: denominatorError)
    let why = compatible
        ? "within rounding: the figures, each ±½ unit of their last digit, allow the stated value"
        : "more than the rounding of the figures can explain"
    return Finding(compatible ? .rounding : .error, rule: rule, report: report.displayName, subject: subject,
                   figures: figures, stated: stated, computed: computed,
                   detail: "\(formula) = \(numerator) / \(denominator) × 100 = \(computed)%; \(why)")
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
                rule: id, report: report, subject: "\(part.item) share of \(w.item)", stated: percent,
                numerator: part.amount, numeratorError: roundingError(part, among: amounts),
                denominator: w.amount, denominatorError: roundingError(w, among: amounts),
                figures: [report.percentFigure("占", percent, claim.span), report.figure(claim.fact), report.figure(whole)],
                formula: "part / whole")
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
            return Finding(severity, rule: id, report: report.displayName, subject: "shares of \(total.item) add up to 100%",
                           figures: figures + [report.figure(whole)], stated: sum, computed: 100,
                           detail: percents.map(\.description).joined(separator: " + ") + " = \(sum)%; "
                               + (severity == .rounding ? "within rounding of the \(percents.count) shares (±\(tolerance))" : "more than rounding of the shares allows (±\(tolerance))"))
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
        report.claims.compactMap { claim in
            let current = report.facts[claim.fact]
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
                    return Finding(sev, rule: id, report: report.displayName, subject: "\(current.item) change from \(year)",
                                   figures: [Finding.Figure(label: "change", amount: delta, unit: current.unit.description, span: claim.span),
                                             report.figure(claim.fact), report.figure(prior)],
                                   stated: delta, computed: computed, detail: "\(current.amount) − \(p.amount) = \(computed)")
                }
                guard let percent else { return nil }
                let amounts = [current.amount, p.amount]
                return percentFinding(
                    rule: id, report: report, subject: "\(current.item) change rate from \(year)", stated: percent,
                    numerator: current.amount - p.amount,
                    numeratorError: roundingError(current, among: amounts) + roundingError(p, among: amounts),
                    denominator: p.amount, denominatorError: roundingError(p, among: amounts),
                    figures: [report.percentFigure("rate", percent, claim.span), report.figure(claim.fact), report.figure(prior)],
                    formula: "(current − prior) / prior")
            case .unchanged(let year):
                guard let prior = priorFact(report, of: current, year: year) else { return nil }
                let p = report.facts[prior]
                guard current.amount != p.amount else { return nil }
                return Finding(.error, rule: id, report: report.displayName, subject: "\(current.item) unchanged from \(year)",
                               figures: [report.figure(claim.fact), report.figure(prior)], stated: current.amount,
                               computed: p.amount, detail: "the report says 持平 but the \(year) value differs")
            default:
                return nil
            }
        }
    }

    func checkRate(_ report: Report, _ claim: Claim, _ current: Fact, year: Int, delta: Amount, percent: Amount) -> Finding? {
        let prior = current.amount - delta
        let e = Rounding.error(of: delta, unit: Rounding.unit(of: [current.amount, delta]), exact: current.isCount)
        let figures = [
            report.figure(claim.fact),
            Finding.Figure(label: "change", amount: delta, unit: current.unit.description, span: claim.span),
            report.percentFigure("rate", percent, claim.span),
        ]
        let subject = "\(current.item) change rate from \(year)"
        if !delta.isZero && !percent.isZero && delta.isNegative != percent.isNegative {
            return Finding(.error, rule: id, report: report.displayName, subject: subject, figures: figures,
                           stated: percent, computed: nil, detail: "the change and the rate have opposite signs")
        }
        guard var finding = percentFinding(
            rule: id, report: report, subject: subject, stated: percent, numerator: delta, numeratorError: e,
            denominator: prior, denominatorError: e + e, figures: figures,
            formula: "change / (current − change)")
        else { return nil }
        finding.detail = "prior \(year) = \(current.amount) − (\(delta)) = \(prior); " + finding.detail
        if let wrong = (delta * Amount(100) / current.amount).rounded(toDigits: percent.scale), wrong == percent,
           finding.severity == .error {
            finding.detail += "; the stated rate is change / current-year value (\(wrong)%)"
        }
        return finding
    }

    /// A stated fact of `year` for the same figure as `fact`.
    func priorFact(_ report: Report, of fact: Fact, year: Int) -> FactIndex? {
        report.facts.indices.first { i in
            let f = report.facts[i]
            return f.year == year && !f.derived && f.sameFigure(as: fact, ignoringYear: true)
        }
    }
}

/// 完成预算 x% agrees with the executed and budget amounts.
public struct CompletionRule: CheckRule {
    public let id = "completion"
    public let summary = "a stated 完成预算 rate equals executed / budget to the stated digits"
    public init() {}

    public func check(_ report: Report) -> [Finding] {
        report.claims.compactMap { claim in
            guard case .completion(let percent, let stated) = claim.kind else { return nil }
            let executed = report.facts[claim.fact]
            let budgetIndex = stated ?? report.facts.indices.first { i in
                let f = report.facts[i]
                return f.phase == .budget && executed.phase == .final && !f.derived
                    && f.sameFigure(as: executed, ignoringPhase: true)
            }
            guard let budgetIndex else { return nil }
            let budget = report.facts[budgetIndex]
            let amounts = [executed.amount, budget.amount]
            return percentFinding(
                rule: id, report: report, subject: "\(executed.item) 完成预算", stated: percent,
                numerator: executed.amount, numeratorError: roundingError(executed, among: amounts),
                denominator: budget.amount, denominatorError: roundingError(budget, among: amounts),
                figures: [report.percentFigure("完成预算", percent, claim.span), report.figure(claim.fact), report.figure(budgetIndex)],
                formula: "executed / budget")
        }
    }
}

extension Fact {
    /// Whether two facts state the same figure: statement, item, codes, fund, column, unit
    /// and entity agree (and year and phase unless ignored).
    func sameFigure(as other: Fact, ignoringYear: Bool = false, ignoringPhase: Bool = false) -> Bool {
        statement == other.statement && Label.normalize(item) == Label.normalize(other.item) && code == other.code
            && econCode == other.econCode && fund == other.fund && measure == other.measure && reading.isTable == other.reading.isTable
            && unit == other.unit && entity == other.entity
            && (ignoringYear || year == other.year) && (ignoringPhase || phase == other.phase)
    }
}
