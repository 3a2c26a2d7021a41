import FiscalModel
import Testing

@testable import FiscalCheck

/// `annex`: a figure the 附件 repeats (a mention in part 附件, folded into the explanation's
/// fact) equals the explanation's.
@Suite("annex rule")
struct AnnexRuleTests {
    let rule = AnnexRule()

    @Test func equalFiguresPass() {
        var b = ReportBuilder(file: "t.txt")
        b.fact(.income, "本年收入合计", "1320.41", line: 27)
        b.fact(.income, "本年收入合计", "1320.41", line: 802, tableColumn: "附件")
        b.fact(.generalBudgetExpenditure, "一般公共服务（类）支出", "865.22", line: 42, code: ClassificationCode(rawValue: "201"))
        b.fact(.generalBudgetExpenditure, "一般公共服务（类）支出", "865.22", line: 806, code: ClassificationCode(rawValue: "201"), tableColumn: "附件")
        #expect(rule.check(b.folded).isEmpty)
    }

    @Test func aDifferenceIsAnErrorNamingBothLines() throws {
        var b = ReportBuilder(file: "t.txt")
        b.fact(.income, "一般公共预算财政拨款收入", "927.15", line: 27, fund: .generalBudget)
        b.fact(.income, "一般公共预算财政拨款收入", "927.16", line: 802, fund: .generalBudget, tableColumn: "附件")
        let f = try #require(rule.check(b.folded).first)
        #expect(f.rule == "annex" && f.severity == .error)
        #expect(f.lines == "t.txt:27, t.txt:802")
        #expect(f.stated == ReportBuilder.amount("927.16") && f.computed == ReportBuilder.amount("927.15"))
        #expect(f.difference == ReportBuilder.amount("0.01"))
    }

    @Test func coarserDigitsThatRoundAreRounding() {
        var b = ReportBuilder(file: "t.txt")
        b.fact(.threePublic, "公务接待费", "7.54", line: 76)
        b.fact(.threePublic, "公务接待费", "7.5", line: 900, tableColumn: "附件")
        #expect(rule.check(b.folded).map(\.severity) == [.rounding])
    }

    /// Only the same label is compared: another code, phase or year is another figure.
    @Test func otherLabelsAreNotCompared() {
        var b = ReportBuilder(file: "t.txt")
        b.fact(.generalBudgetExpenditure, "卫生健康支出", "32.92", line: 42, code: ClassificationCode(rawValue: "210"))
        b.fact(.generalBudgetExpenditure, "卫生健康支出", "40", line: 806, code: ClassificationCode(rawValue: "208"), tableColumn: "附件")
        b.fact(.projects, "会议费项目", "9", line: 537, phase: .final, tableColumn: "执行数")
        b.fact(.projects, "会议费项目", "10", line: 943, phase: .budget, tableColumn: "附件")
        b.fact(.income, "本年收入合计", "1320.41", line: 27)
        b.fact(.income, "本年收入合计", "1000", line: 802, year: 2019, tableColumn: "附件")
        #expect(rule.check(b.folded).isEmpty)
    }

    /// A project's budget is the table's 预算数, not a part of it (其中-财政拨款, 其它资金).
    @Test func projectsCompareWithTheTablesBudgetAndExecution() throws {
        var b = ReportBuilder(file: "t.txt")
        b.fact(.projects, "会议费项目", "9", line: 536, phase: .budget, tableColumn: "预算数")
        b.fact(.projects, "会议费项目", "0", line: 545, phase: .budget, tableColumn: "其它资金")
        b.fact(.projects, "会议费项目", "9", line: 537, phase: .final, tableColumn: "执行数")
        b.fact(.projects, "会议费项目", "9", line: 952, phase: .budget, tableColumn: "附件")
        b.fact(.projects, "会议费项目", "8", line: 954, phase: .final, tableColumn: "附件")
        let findings = rule.check(b.folded)
        #expect(findings.map(\.lines) == ["t.txt:537, t.txt:954"])
    }

    /// Several statements in the explanation: agreeing with one is enough (their own
    /// disagreement is `repeated`'s); disagreeing with all names the first.
    @Test func severalCounterparts() {
        var b = ReportBuilder(file: "t.txt")
        b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "1014.73", line: 38)
        b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "1014.74", line: 42)
        let agree = b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "1014.74", line: 806, tableColumn: "附件")
        #expect(rule.check(b.folded).isEmpty)
        b.report.facts[agree].amount = ReportBuilder.amount("1014.75")
        b.report.facts[agree].mentions[0].amount = ReportBuilder.amount("1014.75")
        #expect(rule.check(b.folded).map(\.lines) == ["t.txt:38, t.txt:806"])
    }
}
