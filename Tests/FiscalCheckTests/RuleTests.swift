import FiscalModel
import Testing

@testable import FiscalCheck

/// Each rule on a small report: one that passes, one that fails.
@Suite("rules")
struct RuleTests {
    func run(_ rule: any CheckRule, _ build: (inout ReportBuilder) -> Void) -> [Finding] {
        var b = ReportBuilder(file: "t.txt")
        build(&b)
        return rule.check(b.report)
    }

    let sum = SumRule(relations: SumRelation.standard)

    @Test func sumPassesAndFails() {
        let ok = run(sum) { b in
            b.fact(.threePublic, "三公经费", "18.64", line: 1)
            b.fact(.threePublic, "因公出国（境）费", "0", line: 2)
            b.fact(.threePublic, "公务用车购置及运行维护费", "11.1", line: 2)
            b.fact(.threePublic, "公务接待费", "7.54", line: 2)
        }
        #expect(ok.isEmpty)
        let bad = run(sum) { b in
            b.fact(.threePublic, "三公经费", "18.74", line: 1)
            b.fact(.threePublic, "公务用车购置及运行维护费", "11.1", line: 2)
            b.fact(.threePublic, "公务接待费", "7.54", line: 3)
        }
        #expect(bad.map(\.severity) == [.error])
        #expect(bad.first?.lines == "t.txt:1, t.txt:2, t.txt:3")
    }

    @Test func oneUnitOffWithRoundedPartsIsRounding() {
        let f = run(sum) { b in
            b.fact(.basicExpenditure, "基本支出", "546.42", line: 1)
            b.fact(.basicExpenditure, "人员经费", "400.93", line: 2)
            b.fact(.basicExpenditure, "公用经费", "145.48", line: 3)
        }
        #expect(f.map(\.severity) == [.rounding])
    }

    @Test func countsAreExact() {
        let ok = run(sum) { b in
            b.fact(.assets, "车辆", "2", line: 1, unit: "辆")
            b.fact(.assets, "一般公务用车", "1", line: 1, unit: "辆")
            b.fact(.assets, "特种专业技术用车", "1", line: 1, unit: "辆")
        }
        #expect(ok.isEmpty)
        let bad = run(sum) { b in
            b.fact(.assets, "车辆", "3", line: 1, unit: "辆")
            b.fact(.assets, "一般公务用车", "1", line: 1, unit: "辆")
            b.fact(.assets, "特种专业技术用车", "1", line: 1, unit: "辆")
        }
        #expect(bad.map(\.severity) == [.error])
    }

    @Test func optionalPartsMayBeLeftOut() {
        // National tables: 本年支出合计 without 年末结转和结余.
        let f = run(sum) { b in
            b.fact(.expenditure, "本年支出合计", "1224.22", line: 1)
            b.fact(.expenditure, "基本支出", "546.41", line: 2)
            b.fact(.expenditure, "项目支出", "677.81", line: 2)
            b.fact(.expenditure, "年末结转和结余", "96.19", line: 3)
        }
        #expect(f.isEmpty)
    }

    @Test func breakdownPassesAndFails() {
        #expect(run(BreakdownRule()) { b in
            b.fact(.staff, "职工", "83", line: 1, unit: "人")
            for (i, n) in [("在编职工", "40"), ("聘用人员", "31"), ("借用", "12")] { b.fact(.staff, "职工/" + i, n, line: 1, unit: "人") }
        }.isEmpty)
        let bad = run(BreakdownRule()) { b in
            b.fact(.staff, "职工", "84", line: 1, unit: "人")
            for (i, n) in [("在编职工", "40"), ("聘用人员", "31"), ("借用", "12")] { b.fact(.staff, "职工/" + i, n, line: 1, unit: "人") }
        }
        #expect(bad.map(\.severity) == [.error] && bad.first?.computed == 83)
    }

    @Test func classificationByCodeAndByMarkedNames() {
        #expect(run(ClassificationRule()) { b in
            b.fact(.generalBudgetExpenditure, "社会保障和就业支出", "48.34", line: 1, code: "208")
            b.fact(.generalBudgetExpenditure, "机关事业单位基本养老保险缴费支出", "48.34", line: 2, code: "2080505")
        }.isEmpty)
        let named = run(ClassificationRule()) { b in
            b.fact(.generalBudgetExpenditure, "卫生健康支出", "32.90", line: 42)
            b.fact(.generalBudgetExpenditure, "8.卫生健康支出（类）行政事业单位医疗（款）行政单位医疗支出（项）", "26.95", line: 53)
            b.fact(.generalBudgetExpenditure, "卫生健康支出（类）行政事业单位医疗（款）事业单位医疗支出（项）", "2.3", line: 54)
            b.fact(.generalBudgetExpenditure, "卫生健康支出（类）行政事业单位医疗（款）公务员医疗补助支出（项）", "1.47", line: 55)
            b.fact(.generalBudgetExpenditure, "卫生健康支出（类）行政事业单位医疗（款）其他行政事业单位医疗支出（项）", "2.21", line: 56)
        }
        #expect(named.map(\.severity) == [.error])
        #expect(named.first?.computed == ReportBuilder.amount("32.93"))
        let kuan = run(ClassificationRule()) { b in
            b.fact(.generalBudgetExpenditure, "行政事业单位医疗", "30", line: 1, code: "21011")
            b.fact(.generalBudgetExpenditure, "行政单位医疗", "26.95", line: 2, code: "2101101")
            b.fact(.generalBudgetExpenditure, "事业单位医疗", "2.3", line: 3, code: "2101102")
        }
        #expect(kuan.map(\.severity) == [.error] && kuan.first?.subject.contains("(款)") == true)
    }

    @Test func classTotalOfGeneralBudget() {
        let f = run(sum) { b in
            b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "100", line: 1)
            b.fact(.generalBudgetExpenditure, "一般公共服务（类）支出", "60", line: 1)
            b.fact(.generalBudgetExpenditure, "住房保障支出", "30", line: 1, code: "221")
            b.fact(.generalBudgetExpenditure, "年末结转和结余", "5", line: 1)
        }
        #expect(f.map(\.severity) == [.error] && f.first?.computed == 95)
    }

    @Test func sharePassesAndFails() {
        #expect(run(ShareRule()) { b in
            let w = b.fact(.income, "本年收入合计", "1320.41", line: 1)
            b.share(b.fact(.income, "一般公共预算财政拨款收入", "927.15", line: 1), "70.22", of: w, line: 1)
        }.isEmpty)
        let bad = run(ShareRule()) { b in
            let w = b.fact(.income, "本年收入合计", "1320.41", line: 1)
            b.share(b.fact(.income, "政府性基金预算财政拨款收入", "305.68", line: 2), "29.78", of: w, line: 2)
        }
        #expect(bad.map(\.severity) == [.error] && bad.first?.lines == "t.txt:2, t.txt:1")
    }

    @Test func shareSumPassesAndFails() {
        func shares(_ a: String, _ b2: String) -> [Finding] {
            run(ShareSumRule()) { b in
                let w = b.fact(.threePublic, "三公经费", "18.64", line: 1)
                b.share(b.fact(.threePublic, "公务用车购置及运行维护费", "11.1", line: 2), a, of: w, line: 2)
                b.share(b.fact(.threePublic, "公务接待费", "7.54", line: 2), b2, of: w, line: 2)
            }
        }
        #expect(shares("59.55", "40.45").isEmpty)
        #expect(shares("59.54", "40.45").map(\.severity) == [.rounding])
        #expect(shares("58.54", "40.45").map(\.severity) == [.error])
        // Shares of a zero whole (政府采购 0万元, 占0%) are not parts of 100%.
        #expect(run(ShareSumRule()) { b in
            let w = b.fact(.procurement, "采购支出总额", "0", line: 90)
            b.share(b.fact(.procurement, "授予中小企业合同金额", "0", line: 90), "0", of: w, line: 90)
            b.share(b.fact(.procurement, "授予小微企业合同金额", "0", line: 90), "0", of: w, line: 90)
        }.isEmpty)
    }

    @Test func changePassesAndFails() {
        #expect(run(ChangeRule()) { b in
            b.change(b.fact(.totals, "收支总计", "1320.41", line: 1), from: 2019, delta: "-433.95", percent: "-24.74", line: 1)
        }.isEmpty)
        #expect(run(ChangeRule()) { b in
            b.change(b.fact(.totals, "收支总计", "1320.41", line: 1), from: 2019, delta: "-433.95", percent: "-34.74", line: 1)
        }.map(\.severity) == [.error])
        #expect(run(ChangeRule()) { b in
            b.change(b.fact(.totals, "收支总计", "1320.41", line: 1), from: 2019, delta: "-433.95", percent: "24.74", line: 1)
        }.map(\.severity) == [.error])
        // Rate only, against a stated prior-year figure.
        #expect(run(ChangeRule()) { b in
            b.fact(.threePublic, "公务接待费", "10.53", line: 1, year: 2019)
            b.change(b.fact(.threePublic, "公务接待费", "7.54", line: 2), from: 2019, delta: nil, percent: "-39.66", line: 2)
        }.map(\.severity) == [.error])
        #expect(run(ChangeRule()) { b in
            b.fact(.operatingCosts, "机关运行经费", "0", line: 1, year: 2019)
            b.unchanged(b.fact(.operatingCosts, "机关运行经费", "0", line: 2), from: 2019, line: 2)
        }.isEmpty)
        #expect(run(ChangeRule()) { b in
            b.fact(.operatingCosts, "机关运行经费", "3", line: 1, year: 2019)
            b.unchanged(b.fact(.operatingCosts, "机关运行经费", "0", line: 2), from: 2019, line: 2)
        }.map(\.severity) == [.error])
    }

    @Test func completionPassesAndFails() {
        func project(_ spent: String, _ pct: String, link: Bool) -> [Finding] {
            run(CompletionRule()) { b in
                let budget = b.fact(.projects, "办公区域维修", "30", line: 1, phase: .budget)
                b.completion(b.fact(.projects, "办公区域维修", spent, line: 1), pct, budget: link ? budget : nil, line: 1)
            }
        }
        #expect(project("30", "100", link: true).isEmpty)
        #expect(project("30", "100", link: false).isEmpty)
        #expect(project("27", "100", link: true).map(\.severity) == [.error])
        #expect(project("27", "100", link: false).map(\.severity) == [.error])
        #expect(project("27", "90", link: false).isEmpty)
    }

    /// Shanghai 03 (2024 决算): 年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，
    /// 完成年初预算的 95.89% — 307.82 / 321.02 = 95.888…%: a note that the 年初预算 is 0, not a
    /// zero denominator; a wrong rate against the 全年预算 is an error that says which budget.
    @Test func aZeroBudgetIsPassedOverForTheNextOneStated() {
        func rate(_ pct: String) -> [Finding] {
            run(CompletionRule()) { b in
                b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "0", line: 1, phase: .budget, tableColumn: "年初预算数")
                b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "321.02", line: 1, phase: .budget, tableColumn: "全年预算数")
                b.completion(b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "307.82", line: 2), pct, budget: nil, line: 2)
            }
        }
        let right = rate("95.89")
        #expect(right.map(\.severity) == [.note])
        #expect(right.first?.detail == "the 年初预算 is 0, so the rate is taken against the 全年预算 (321.02)")
        let wrong = rate("96.89")
        #expect(wrong.map(\.severity) == [.error])
        #expect(wrong.first?.detail.hasPrefix("the 年初预算 is 0, so the rate is taken against the 全年预算 (321.02)") == true)
        // With a budget that is not 0, that budget is the one: 年初预算 first.
        #expect(run(CompletionRule()) { b in
            b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "300", line: 1, phase: .budget, tableColumn: "全年预算数")
            b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "321.02", line: 1, phase: .budget, tableColumn: "年初预算数")
            b.completion(b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "307.82", line: 2), "95.89", budget: nil, line: 2)
        }.isEmpty)
    }

    @Test func repeatedFigurePassesAndFails() {
        let rule = RepeatedFigureRule(identities: Identity.standard)
        #expect(rule.check({ var b = ReportBuilder(file: "t.txt")
            b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "1014.73", line: 38)
            b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "1014.73", line: 42)
            return b.folded }()).isEmpty)
        let bad = rule.check({ var b = ReportBuilder(file: "t.txt")
            b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "1014.73", line: 38)
            b.fact(.generalBudgetExpenditure, "一般公共预算财政拨款支出", "1014.74", line: 44)
            b.fact(.threePublic, "公务接待费", "7.5", line: 69)
            b.fact(.threePublic, "公务接待费", "7.54", line: 76)
            return b.folded }())
        #expect(bad.map(\.severity) == [.error, .rounding])
        #expect(bad.first?.lines == "t.txt:38, t.txt:44")
    }

    @Test("六's 人员经费 is the 人员经费合计 row of the 基本支出 table (Shanghai doc 02: 4896.98 vs 4884.09)")
    func staffCostsAreTheTableRow() {
        let rule = RepeatedFigureRule(identities: Identity.standard)
        func findings(_ narrative: String) -> [Finding] {
            rule.check({ var b = ReportBuilder(file: "t.txt")
                b.fact(.basicExpenditure, "人员经费合计", "4884.09", line: 396, tableColumn: "决算数")
                b.fact(.basicExpenditure, "公用经费合计", "480.66", line: 396, tableColumn: "决算数")
                b.fact(.basicExpenditure, "人员经费", narrative, line: 550)
                b.fact(.basicExpenditure, "公用经费", "480.66", line: 554)
                return b.report }())
        }
        #expect(findings("4884.09").isEmpty)
        let bad = findings("4896.98")
        #expect(bad.map(\.severity) == [.error])
        #expect(bad.first?.lines == "t.txt:550, t.txt:396")
    }

    @Test func derivedValuePassesAndFails() {
        #expect(run(DerivedValueRule()) { b in
            b.fact(.totals, "收支总计", "1754.36", line: 25, year: 2019, derived: true)
            b.fact(.totals, "收支总计", "1754.36", line: 30, year: 2019, derived: true)
        }.isEmpty)
        let bad = run(DerivedValueRule()) { b in
            b.fact(.totals, "收支总计", "1754.36", line: 25, year: 2019, derived: true)
            b.fact(.totals, "收支总计", "1700", line: 3, year: 2019)
        }
        #expect(bad.map(\.severity) == [.error] && bad.first?.lines == "t.txt:3, t.txt:25")
    }

    @Test func everyRuleIsListedOnceWithASummary() {
        let ids = CheckRules.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(CheckRules.all.allSatisfy { !$0.summary.isEmpty })
        #expect(CheckRules.rule("share") is ShareRule)
    }
}

/// Certainty: a contradiction is the report's `error` only when every figure was read with
/// certainty.
@Suite("certainty")
struct CertaintyTests {
    @Test func anErrorOnAGuessedFigureIsUnsure() throws {
        var b = ReportBuilder(file: "t.txt")
        b.fact(.threePublic, "三公经费", "18.74", line: 1)
        let guessed = b.fact(.threePublic, "公务用车购置及运行维护费", "11.1", line: 2)
        b.fact(.threePublic, "公务接待费", "7.54", line: 3)
        #expect(Checker.findings([b.report]).map(\.severity) == [.error])
        b.report.facts[guessed].mentions[0].reading = .narrativeInferred
        let f = try #require(Checker.findings([b.report]).first)
        #expect(f.severity == .unsure)
        #expect(f.detail.contains("公务用车购置及运行维护费 (narrative-inferred, t.txt:2)"))
        // Rounding stays rounding: it says nothing against the report.
        b.report.facts[0].amount = ReportBuilder.amount("18.65")
        #expect(Checker.findings([b.report]).map(\.severity) == [.rounding])
    }

    @Test func theSummaryCountsUnsure() {
        var b = ReportBuilder(file: "t.txt")
        b.fact(.threePublic, "三公经费", "18.74", line: 1)
        let g = b.fact(.threePublic, "公务用车购置及运行维护费", "11.1", line: 2)
        b.fact(.threePublic, "公务接待费", "7.54", line: 3)
        b.report.facts[g].mentions[0].reading = .narrativeInferred
        let table = Checker.run([b.report])
        #expect(table.notes.contains("checked 1 report: 0 errors, 1 unsure, 0 rounding, 0 notes"))
        #expect(!Checker.hasErrors(table))
    }

    @Test func comparisonAndHeadingYear() {
        var b = ReportBuilder(file: "t.txt")
        let budget = b.fact(.generalBudgetExpenditure, "行政运行", "1560.05", line: 1, phase: .budget)
        let final = b.fact(.generalBudgetExpenditure, "行政运行", "1511.89", line: 1)
        b.report.claims.append(Claim(fact: final, kind: .comparison(relation: .less, priorYear: nil, other: budget), span: SourceSpan(file: "t.txt", line: 2)))
        #expect(ComparisonRule().check(b.report).isEmpty)
        b.report.claims[0].kind = .comparison(relation: .greater, priorYear: nil, other: budget)
        #expect(ComparisonRule().check(b.report).map(\.severity) == [.error])
        // Without the budget stated, the words are not judged.
        b.report.claims[0].kind = .comparison(relation: .greater, priorYear: 2019, other: nil)
        #expect(ComparisonRule().check(b.report).isEmpty)
        b.report.yearMentions = [YearMention(year: 2020, text: "一、2020年度收入支出决算总体情况说明", span: SourceSpan(file: "t.txt", line: 5))]
        #expect(HeadingYearRule().check(b.report).isEmpty)
        b.report.yearMentions.append(YearMention(year: 2019, text: "二、2019年度收入决算情况说明", span: SourceSpan(file: "t.txt", line: 9)))
        #expect(HeadingYearRule().check(b.report).map(\.lines) == ["t.txt:9"])
    }
}
