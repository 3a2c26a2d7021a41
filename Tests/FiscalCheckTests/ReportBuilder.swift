import FiscalModel

/// Builds small reports for tests: facts with their real lines, and claims about them.
struct ReportBuilder {
    var report: Report
    let file: String

    init(file: String = "seed.txt", entity: String = "中共武胜县委员会办公室", year: Int = 2020, phase: Phase = .final) {
        self.file = file
        report = Report(entity: entity, shortName: "县委办", year: year, phase: phase, unit: .wanYuan, source: file)
    }

    static func amount(_ text: String) -> Amount {
        guard let a = Amount(text) else { fatalError("not an amount: \(text)") }
        return a
    }

    /// The report as loading gives it to the rules: facts of one key folded into one.
    var folded: Report { report.folded() }

    /// Adds a fact and returns its index. `tableColumn: "附件"` is the 附件's copy of a figure: a
    /// mention in part 附件 of the explanation's fact (a project's budget in a 决算 measuring its
    /// 全年预算, as the readers write it).
    @discardableResult
    mutating func fact(
        _ statement: Statement, _ item: String, _ value: String, line: Int, column: Int = 1, code: ClassificationCode? = nil,
        unit: String = "万元", year: Int? = nil, phase: Phase = .final, fund: Fund? = nil, tableColumn: String? = nil,
        derived: Bool = false
    ) -> FactIndex {
        let annex = tableColumn == Mention.annex
        var measure = tableColumn.map { annex ? .total : Measure(printed: $0, phase: phase) } ?? .total
        if statement == .projects && phase == .budget && report.phase == .final && measure == .total { measure = .fullYearBudget }
        var fact = Fact(
            entity: report.entity, year: year ?? report.year, phase: phase, statement: statement, item: item, code: code,
            fund: fund, measure: measure, amount: Self.amount(value),
            unit: FactUnit(name: unit), derived: derived, reading: tableColumn == nil || annex ? .narrative : .tableName,
            span: SourceSpan(file: file, line: line, startColumn: column, endColumn: column + value.count))
        if annex { fact.mentions[0].part = Mention.annex }
        report.facts.append(fact)
        return report.facts.count - 1
    }

    mutating func share(_ fact: FactIndex, _ percent: String, of whole: FactIndex?, line: Int) {
        report.claims.append(Claim(fact: fact, kind: .share(percent: Self.amount(percent), whole: whole), span: SourceSpan(file: file, line: line)))
    }

    mutating func change(_ fact: FactIndex, from year: Int, delta: String?, percent: String?, line: Int) {
        report.claims.append(Claim(
            fact: fact, kind: .change(priorYear: year, delta: delta.map(Self.amount), percent: percent.map(Self.amount)),
            span: SourceSpan(file: file, line: line)))
    }

    mutating func unchanged(_ fact: FactIndex, from year: Int, line: Int) {
        report.claims.append(Claim(fact: fact, kind: .unchanged(priorYear: year), span: SourceSpan(file: file, line: line)))
    }

    mutating func completion(_ fact: FactIndex, _ percent: String, budget: FactIndex?, line: Int) {
        report.claims.append(Claim(fact: fact, kind: .completion(percent: Self.amount(percent), budget: budget), span: SourceSpan(file: file, line: line)))
    }
}
