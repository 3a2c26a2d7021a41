import FiscalModel
import Testing
@testable import FiscalQuery

/// `compare` over series, entities, phases and measures, on small in-memory reports whose
/// results are worked out by hand in the comments.
@Suite struct CompareTests {
    static func fact(_ entity: String, _ year: Int, _ item: String, _ amount: String, phase: Phase = .budget,
                     measure: Measure = .total, file: String = "t.csv", line: Int = 1, derived: Bool = false) -> Fact {
        Fact(entity: entity, year: year, phase: phase, statement: .generalBudgetExpenditure, item: item, fund: .generalBudget,
             measure: measure, amount: Amount.parseDecimal(amount)!, unit: .money(.wanYuan), derived: derived, reading: .data,
             span: SourceSpan(file: file, line: line))
    }

    static func report(_ entity: String, _ year: Int, phase: Phase = .budget, file: String = "t.csv", _ facts: [Fact]) -> Report {
        Report(entity: entity, year: year, phase: phase, unit: .wanYuan, source: file, facts: facts)
    }

    static func run(_ query: String, _ reports: [Report]) throws -> ResultTable {
        var c = QueryContext(reports: reports)
        return try QueryEngine.run(query, in: &c)
    }

    /// One office over four years: 100, 110, 99, 121 (of 办公费).
    static let series: [Report] = [
        report("县委办", 2017, [fact("县委办", 2017, "办公费", "100")]),
        report("县委办", 2018, [fact("县委办", 2018, "办公费", "110")]),
        report("县委办", 2019, [fact("县委办", 2019, "办公费", "99")]),
        report("县委办", 2020, [fact("县委办", 2020, "办公费", "121")]),
    ]

    @Test func parserReadsOptionsAnywhereAfterTheDimension() throws {
        let q = try Parser.parse("facts | compare year 2017, cagr 2019 overall")
        guard case .compare(let c) = q.pipeline.stages[0] else { Issue.record("compare"); return }
        #expect(c.values.count == 2 && c.cagr && c.overall && c.base == nil)
        let e = try Parser.parse("facts | compare entity 财政局 规划 base 规划")
        guard case .compare(let d) = e.pipeline.stages[0], case .field(let b)? = d.base else { Issue.record("base"); return }
        #expect(b.text == "规划" && d.values.count == 2)
        #expect(throws: QueryError.self) { try Parser.parse("facts | compare entity base a base b") }
        #expect(throws: QueryError.self) { try Parser.parse("facts | compare entity base") }
    }

    @Test func everyYearAndEveryStep() throws {
        let t = try Self.run("facts | compare year", Self.series)
        #expect(t.columns.map(\.name) == ["item", "2017", "2018", "2019", "2020", "delta 2018", "pct 2018", "delta 2019", "pct 2019", "delta 2020", "pct 2020"])
        // 110 − 100 = 10 (10%); 99 − 110 = −11 (−10%); 121 − 99 = 22 (22/99 = 22.22%).
        #expect(t.text == [["办公费", "100", "110", "99", "121", "10", "10.00", "-11", "-10.00", "22", "22.22"]])
        #expect(t.notes.isEmpty)
    }

    @Test func overallAndAverageAnnualRateOnRequest() throws {
        let t = try Self.run("facts | compare year overall cagr", Self.series)
        #expect(Array(t.columns.map(\.name).suffix(3)) == ["delta", "pct", "cagr"])
        // 121 / 100 over 3 years: 1.21^(1/3) = 1.0656022…, so 6.56% (6.5602237…%); overall 21, 21%.
        #expect(Array(t.text[0].suffix(3)) == ["21", "21.00", "6.56"])
        guard case .percent(let cagr) = t.rows[0].last! else { Issue.record("cagr is a percent"); return }
        #expect(cagr.percent(digits: 6)?.description == "6.560224")
        // Two years listed: the rate runs over the years between them.
        let two = try Self.run("facts | compare year 2017 2019 cagr", Self.series)
        // 99 / 100 over 2 years: 0.99^(1/2) − 1 = −0.50126…%.
        #expect(two.text[0].last == "-0.50")
    }

    @Test func averageRateIsTheCorrectlyRoundedRoot() {
        // Exact roots stay exact: 100 → 121 over 2 years is 10%, 100 → 0 is −100%.
        #expect(CompoundRate.average(from: 100, to: 121, periods: 2) == Ratio(numerator: 1, denominator: 10))
        #expect(CompoundRate.average(from: 100, to: 0, periods: 5) == Ratio(numerator: -1, denominator: 1))
        // 2^(1/12) − 1 = 0.0594630943592952645…: every shown digit is the true one rounded.
        let r = CompoundRate.average(from: 1, to: 2, periods: 12)!
        #expect(r.rounded(toDigits: 12)?.description == "0.059463094359")
        #expect(r.percent(digits: 2)?.description == "5.95")
        // 10.53 → 8.00 over 2 years: sqrt(0.7597340930…) − 1 = −0.1283727…
        #expect(CompoundRate.average(from: Amount.parseDecimal("10.53")!, to: 8, periods: 2)!.rounded(toDigits: 6)?.description == "-0.128373")
        // Long spans work to the limit (200 years): 3^(1/200) − 1 = 0.00550817596768132…; beyond it, none.
        #expect(CompoundRate.average(from: 1, to: 3, periods: 200)?.rounded(toDigits: 12)?.description == "0.005508175968")
        #expect(CompoundRate.average(from: 1, to: 3, periods: 201) == nil)
        // Undefined: a first amount not above zero, a negative last one, no years.
        #expect(CompoundRate.average(from: 0, to: 5, periods: 2) == nil)
        #expect(CompoundRate.average(from: 5, to: -1, periods: 2) == nil)
        #expect(CompoundRate.average(from: 5, to: 6, periods: 0) == nil)
    }

    @Test func cagrNeedsYears() throws {
        #expect(throws: QueryError.self) { try Self.run("facts | compare entity cagr", Self.series) }
    }

    @Test func aMissingYearIsMissingInEveryStepItTouches() throws {
        let reports = [Self.series[0], Self.series[1], Self.series[3],
                       Self.report("县委办", 2019, [Self.fact("县委办", 2019, "印刷费", "5")])]
        let t = try Self.run("facts | compare year", reports)
        let row = try #require(t.text.first { $0[0] == "办公费" })
        // 2019 is missing: the steps into and out of it are missing, not computed from zero.
        #expect(row == ["办公费", "100", "110", "—", "121", "10", "10.00", "—", "—", "—", "—"])
    }

    /// Three departments, one item each year.
    static let departments: [Report] = [
        report("普陀区财政局", 2024, phase: .final, file: "a.txt", [fact("普陀区财政局", 2024, "办公费", "30", phase: .final, file: "a.txt")]),
        report("普陀区规划和自然资源局", 2024, phase: .final, file: "b.txt", [fact("普陀区规划和自然资源局", 2024, "办公费", "50", phase: .final, file: "b.txt")]),
        report("中共普陀区委社会工作部", 2024, phase: .final, file: "c.txt", [fact("中共普陀区委社会工作部", 2024, "办公费", "40", phase: .final, file: "c.txt"),
                                                                   fact("中共普陀区委社会工作部", 2024, "印刷费", "2", phase: .final, file: "c.txt")]),
    ]

    @Test func entitiesRankedWithTheirDifferenceFromTheBase() throws {
        let t = try Self.run("facts | where item = \"办公费\" | compare entity 财政局 规划 社会工作部", Self.departments)
        #expect(t.columns.map(\.name) == ["item", "entity", "amount", "rank", "delta", "pct"])
        // Base: the first named, 财政局 (30): 规划 50 − 30 = 20 (66.67%), 社会工作部 40 − 30 = 10 (33.33%).
        #expect(t.text == [
            ["办公费", "普陀区规划和自然资源局", "50", "1", "20", "66.67"],
            ["办公费", "中共普陀区委社会工作部", "40", "2", "10", "33.33"],
            ["办公费", "普陀区财政局", "30", "3", "0", "0.00"],
        ])
        let b = try Self.run("facts | where item = \"办公费\" | compare entity base 规划", Self.departments)
        #expect(b.text.map { [$0[1], $0[4]] } == [["普陀区规划和自然资源局", "0"], ["中共普陀区委社会工作部", "-10"], ["普陀区财政局", "-20"]])
        #expect(b.notes.contains { $0.contains("the base, 普陀区规划和自然资源局") })
    }

    @Test func anEntityWithoutTheItemIsMissingNotZero() throws {
        let t = try Self.run("facts | compare entity base 社会", Self.departments)
        let printing = t.text.filter { $0[0] == "印刷费" }
        #expect(printing == [
            ["印刷费", "中共普陀区委社会工作部", "2", "1", "0", "0.00"],
            ["印刷费", "普陀区规划和自然资源局", "—", "—", "—", "—"],
            ["印刷费", "普陀区财政局", "—", "—", "—", "—"],
        ])
    }

    @Test func entityNamesMatchByStartThenByPart() throws {
        // 普陀区 starts two names: ambiguous, an error listing them.
        do {
            _ = try Self.run("facts | compare entity 普陀区", Self.departments)
            Issue.record("expected an error")
        } catch let error as QueryError {
            #expect(error.message.contains("普陀区财政局") && error.message.contains("普陀区规划和自然资源局"))
        }
        // A name no entity has: a missing column's rows and a note naming those there are.
        let t = try Self.run("facts | where item = \"办公费\" | compare entity 财政局 教育局", Self.departments)
        #expect(t.text.last == ["办公费", "教育局", "—", "—", "—", "—"])
        #expect(t.notes.contains { $0.contains("no entity matches `教育局`") })
    }

    @Test func baseWorksOnlyForEntities() throws {
        #expect(throws: QueryError.self) { try Self.run("facts | compare year base 2017", Self.series) }
    }

    /// A 决算 that prints 年初预算 beside its 决算数, as a 决算 reader stores them.
    static let execution: [Report] = [
        report("文旅局", 2025, phase: .final, file: "f.txt", [
            fact("文旅局", 2025, "行政运行", "511.66", measure: .initialBudget, file: "f.txt", line: 10),
            fact("文旅局", 2025, "行政运行", "457.86", phase: .final, file: "f.txt", line: 10),
            fact("文旅局", 2025, "图书馆", "3063.71", measure: .initialBudget, file: "f.txt", line: 11),
            fact("文旅局", 2025, "图书馆", "3070.63", phase: .final, file: "f.txt", line: 11),
            fact("文旅局", 2025, "图书馆", "1000", phase: .final, measure: .basic, file: "f.txt", line: 11),
        ]),
    ]

    @Test func measureComparisonGivesTheExecutionRate() throws {
        let t = try Self.run("facts | compare measure 年初预算 决算数", Self.execution)
        #expect(t.columns.map(\.name) == ["item", "年初预算", "合计", "delta", "pct", "rate"])
        // 457.86 / 511.66 = 89.485…%; 3070.63 / 3063.71 = 100.2258…%.
        #expect(t.text == [["行政运行", "511.66", "457.86", "-53.80", "-10.51", "89.49"],
                           ["图书馆", "3063.71", "3070.63", "6.92", "0.23", "100.23"]])
        // Without values: budgets first, then the total, then the parts.
        let all = try Self.run("facts | compare measure", Self.execution)
        #expect(all.columns.map(\.name).prefix(4) == ["item", "年初预算", "合计", "基本支出"])
    }

    @Test func aBudgetReportsOwnFigureWinsOverTheBudgetColumnOfTheFinalAccounts() throws {
        let budget = Self.report("文旅局", 2025, phase: .budget, file: "b.csv", [
            Self.fact("文旅局", 2025, "行政运行", "511.66", file: "b.csv", line: 2),
            Self.fact("文旅局", 2025, "图书馆", "3000.00", file: "b.csv", line: 3),
        ])
        let t = try Self.run("facts | compare phase", Self.execution + [budget])
        // Never 511.66 + 511.66: the 预算 report's figure is shown, the 决算's 年初预算 left out.
        #expect(t.text.map { Array($0.prefix(3)) + [$0.last!] } == [["行政运行", "511.66", "457.86", "89.49"],
                                                                   ["图书馆", "3000.00", "3070.63", "102.35"]])
        #expect(t.notes.contains { $0.contains("1 预算 figure of a 预算 report differs") })
    }

    @Test func oneFigureInTwoFilesIsShownOnce() throws {
        let twice = Self.series + [Self.report("县委办", 2020, file: "copy.txt", [Self.fact("县委办", 2020, "办公费", "121", file: "copy.txt")])]
        let t = try Self.run("facts | compare year 2019 2020", twice)
        #expect(t.text == [["办公费", "99", "121", "22", "22.22"]])
        #expect(t.notes.contains { $0.contains("stated in more than one file (also in copy.txt)") && !$0.contains("differ") })
        let differing = Self.series + [Self.report("县委办", 2020, file: "other.txt", [Self.fact("县委办", 2020, "办公费", "120", file: "other.txt")])]
        let d = try Self.run("facts | compare year 2019 2020", differing)
        #expect(d.text == [["办公费", "99", "121", "22", "22.22"]])
        #expect(d.notes.contains { $0.contains("1 of them differ between the files") })
    }

    @Test func groupThenCompareKeepsStatementsAndDerivedFiguresApart() throws {
        let stated = Self.report("县委办", 2017, [Self.fact("县委办", 2017, "办公费", "100")])
        let next = Self.report("县委办", 2018, file: "n.txt", [
            Self.fact("县委办", 2018, "办公费", "110", file: "n.txt"),
            // The 2018 report's own statement of 2017, derived from a stated change.
            Self.fact("县委办", 2017, "办公费", "100", file: "n.txt", derived: true),
        ])
        let t = try Self.run("facts | group entity, item | compare year", [stated, next])
        // One row: the derived 2017 figure is not added to the stated one (never 200).
        #expect(t.columns.map(\.name) == ["item", "2017", "2018", "delta", "pct"])
        #expect(t.text == [["办公费", "100", "110", "10", "10.00"]])
    }
}
