import FiscalFormat
import FiscalModel
import NarrativeFormat
import Testing

/// One test per section of the template, on the seed.
@Suite struct SeedSectionTests {
    let report: Report

    init() throws { report = try Seed.report() }

    func claims(of fact: Fact) -> [Claim.Kind] {
        guard let i = report.facts.firstIndex(of: fact) else { return [] }
        return report.claims.filter { $0.fact == i }.map(\.kind)
    }

    @Test func header() {
        #expect(report.entity == "中共武胜县委员会办公室")
        #expect(report.shortName == "县委办")
        #expect(report.year == 2020)
        #expect(report.phase == .final)
        #expect(report.unit == .wanYuan)
        #expect(report.facts.allSatisfy { $0.entity == "中共武胜县委员会办公室" })
        #expect(report.warnings.filter { $0.severity >= .warning }.isEmpty, "\(report.warnings)")
    }

    @Test func section1Totals() throws {
        let total = try #require(report.fact("收、支总计", .totals, year: 2020))
        #expect(total.amount == Amount("1320.41")!)
        #expect(total.span.line == 25 && total.span.startColumn == 12 && total.span.endColumn == 19)
        let change = try #require(claims(of: total).first)
        #expect(change == .change(priorYear: 2019, delta: Amount("-433.95")!, percent: Amount("-24.74")!))
        let prior = try #require(report.fact("收、支总计", .totals, year: 2019, derived: true))
        #expect(prior.amount == Amount("1754.36")!)
        #expect(prior.span.line == 25)
    }

    @Test func section2IncomeBySource() throws {
        let line = report.facts(line: 27)
        #expect(line.map(\.item) == ["本年收入合计", "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "上级补助收入",
                                     "事业收入", "经营收入", "附属单位上缴收入", "其他收入"])
        #expect(line[1].amount == Amount("927.15")! && line[1].fund == .generalBudget)
        #expect(line[2].amount == Amount("305.68")! && line[2].fund == .governmentFund)
        #expect(line[4].fund == .other)
        let whole = report.facts.firstIndex(of: line[0])
        // Stated on line 27 and again in the 附件 (line 802): one fact, a claim on each line.
        #expect(claims(of: line[1]) == [.share(percent: Amount("70.22")!, whole: whole), .share(percent: Amount("70.22")!, whole: whole)])
        #expect(claims(of: line[2]) == [.share(percent: Amount("29.78")!, whole: whole), .share(percent: Amount("29.78")!, whole: whole)])
        let i = report.facts.firstIndex(of: line[2])
        #expect(report.claims.filter { $0.fact == i }.map(\.span.line) == [27, 802])
    }

    @Test func section3ExpenditureByType() {
        let line = report.facts(line: 30)
        #expect(line.map(\.item) == ["本年支出合计", "基本支出", "项目支出", "年末结转和结余", "上缴上级支出", "经营支出", "对附属单位补助支出"])
        #expect(line.map(\.amount) == ["1320.41", "546.41", "677.81", "96.19", "0", "0", "0"].map { Amount($0)! })
        #expect(line.allSatisfy { $0.statement == .expenditure })
        #expect(claims(of: line[3]) == [.share(percent: Amount("7.29")!, whole: report.facts.firstIndex(of: line[0]))])
    }

    @Test func section4FiscalAppropriation() throws {
        let total = try #require(report.facts(line: 33).first)
        #expect(total.statement == .fiscalAppropriation && total.amount == Amount("1320.41")!)
        #expect(claims(of: total) == [.change(priorYear: 2019, delta: Amount("-433.95")!, percent: Amount("-24.74")!)])
        #expect(report.facts.contains { $0.derived && $0.statement == .fiscalAppropriation && $0.amount == Amount("1754.36")! && $0.year == 2019 })
    }

    @Test func section5GeneralBudgetByClassAndItem() throws {
        let total = try #require(report.facts(line: 38).first)
        #expect(total.amount == Amount("1014.73")! && total.fund == .generalBudget)
        let spending = report.facts.firstIndex { $0.item == "本年支出合计" }
        #expect(claims(of: total).contains(.share(percent: Amount("76.85")!, whole: spending)))
        #expect(report.facts.contains { $0.year == 2019 && $0.derived && $0.amount == Amount("1375.16")! })
        // 类 in (二)
        let classes = report.facts(line: 42).filter { $0.code != nil }
        #expect(classes.map { $0.code!.rawValue } == ["201", "208", "210", "221"])
        #expect(classes.map(\.amount) == ["865.22", "48.34", "32.92", "34.43"].map { Amount($0)! })
        // 项 in (三): code, amount, line
        let items: [(String, String, Int)] = [
            ("2013101", "372.14", 46), ("2013102", "24.8", 47), ("2013150", "40.09", 48), ("2013103", "6.35", 49),
            ("2013105", "255.57", 50), ("2013199", "166.28", 51), ("2080505", "48.34", 52), ("2101101", "26.95", 53),
            ("2101102", "2.3", 54), ("2101103", "1.47", 55), ("2101199", "2.21", 56), ("2210201", "34.43", 57),
        ]
        for (code, amount, line) in items {
            let facts = report.facts.filter { $0.code?.rawValue == code }
            #expect(facts.count == 1, "\(code)")
            #expect(facts.first?.amount == Amount(amount)!, "\(code)")
            #expect(facts.first?.span.line == line, "\(code)")
            // `完成预算100%，决算数等于预算数`: the rate, and the comparison in words (no budget
            // figure is stated for the item, so `comparison` has nothing to hold it against).
            #expect(facts.first.map { claims(of: $0) } == [.completion(percent: 100, budget: nil), .comparison(relation: .equal, priorYear: nil, other: nil)], "\(code)")
        }
        #expect(report.facts.first { $0.code == "2013102" }?.item == "一般行政事务支出")
    }

    @Test func section6BasicExpenditure() {
        let basic = report.facts.filter { $0.statement == .basicExpenditure }
        #expect(basic.map(\.item) == ["一般公共预算财政拨款基本支出", "人员经费", "日常公用经费"])
        #expect(basic.map(\.amount) == ["546.42", "400.93", "145.48"].map { Amount($0)! })
        #expect(basic.map(\.span.line) == [60, 62, 63])
    }

    @Test func section7ThreePublic() throws {
        let total = try #require(report.facts(line: 67).first)
        #expect(total.amount == Amount("18.64")! && total.statement == .threePublic)
        let parts = report.facts(line: 69)
        #expect(parts.map(\.amount) == ["0", "11.1", "7.54"].map { Amount($0)! })
        // 公务用车购置及运行维护费支出决算 (l.69, 占59.54%) is the 公务用车购置及运行维护费支出 of l.72
        // (完成预算100%): one fact, both claims.
        #expect(claims(of: parts[1]) == [.share(percent: Amount("59.54")!, whole: report.facts.firstIndex(of: total)),
                                         .completion(percent: 100, budget: nil)])
        let reception = try #require(report.fact("公务接待费支出决算", .threePublic, year: 2020))  // l.69 names it first
        #expect(claims(of: reception).contains(.change(priorYear: 2019, delta: Amount("-2.99")!, percent: Amount("-39.66")!)))
        #expect(report.fact("公务接待费支出", .threePublic, year: 2019, derived: true)?.amount == Amount("10.53")!)
        #expect(report.fact("公务用车运行维护费支出", .threePublic, year: 2019, derived: true)?.amount == Amount("11.42")!)
        let visits = report.facts(line: 77)
        // 国内公务接待支出7.54万元 and its 共计支出7.54万元 are one fact with two mentions.
        #expect(visits.map(\.unit) == [.money(.wanYuan), .count("批次"), .count("人次"),
                                       .money(.wanYuan), .money(.wanYuan), .money(.wanYuan), .money(.wanYuan)])
        #expect(visits[0].mentions.count == 2)
        #expect(visits[1].amount == 95 && visits[2].amount == 805)
        #expect(visits[3...].map(\.amount) == ["6.78", "0.42", "0.2", "0.14"].map { Amount($0)! })
        #expect(report.facts(line: 74).map(\.unit) == Array(repeating: .count("辆"), count: 4))
    }

    @Test func sections8And9Funds() {
        #expect(report.facts(line: 81).map(\.fund) == [.governmentFund])
        #expect(report.facts(line: 81).first?.amount == Amount("305.68")!)
        #expect(report.facts(line: 84).map(\.statement) == [.stateCapital])
    }

    @Test func section10OtherMatters() throws {
        let running = try #require(report.facts(line: 88).first)
        #expect(running.statement == .operatingCosts && running.item == "机关运行经费支出")
        #expect(claims(of: running) == [.unchanged(priorYear: 2019)])
        #expect(report.facts(line: 90).count == 6 && report.facts(line: 90).allSatisfy { $0.statement == .procurement })
        let assets = report.facts(line: 92)
        #expect(assets.map(\.item).prefix(3) == ["车辆", "部级领导干部用车", "一般公务用车"])
        #expect(assets.map(\.unit).suffix(2) == [.count("台（套）"), .count("台（套）")])
        #expect(assets.allSatisfy { $0.statement == .assets && !$0.unit.isMoney })
    }

    @Test func projects() throws {
        #expect(report.projects.map(\.name) == ["党政党务项目运行运维专项经费项目", "办公区域维修项目", "驻村工作经费项目", "会议费项目", "电子文件系统应用替代项目"])
        // The 综述 sentence (line 101) and the table state the same figures: one fact each, a
        // budget inside a 决算 being a 预算 fact measuring the 全年预算.
        let budgets = report.projects.map { p in p.facts.map { report.facts[$0] }.first { $0.measure == .fullYearBudget }?.amount }
        #expect(budgets == ["138.6", "30", "4", "9", "26"].map { Amount($0)! })
        let first = report.projects[0]
        #expect(first.unit == "中共武胜县委员会办公室")
        let table = first.facts.map { report.facts[$0] }
        #expect(table.map(\.measure) == [.fullYearBudget, .total, "财政拨款收入", "财政拨款收入", "其他资金", "其他资金"])
        #expect(table.map(\.phase) == [.budget, .final, .budget, .final, .budget, .final])
        #expect(table.map(\.span.line) == [118, 120, 124, 126, 130, 132])
        #expect(table[0].mentions.map(\.span.line).sorted() == [101, 118, 827, 836, 839])
        #expect(table[1].mentions.map(\.span.line).sorted() == [101, 120, 841])
        #expect(first.goalExpected?.hasPrefix("保障党委信息系统运行维护") == true)
        #expect(first.indicators.count == 11)
        let second = first.indicators[1]
        #expect(second.level1 == "项目完成指标" && second.level2 == "质量指标" && second.level3 == "高质量完成")
        #expect(second.expected == "100%" && second.actual == "100%")
        #expect(first.indicators[9].level1 == "项目效果指标" && first.indicators[9].level2 == "满意度指标"
            && first.indicators[9].level3 == "上级部门满意度")
        let executed = table[1]
        let budgetIndex = report.facts.firstIndex { $0 == table[0] }
        #expect(claims(of: executed) == [.completion(percent: 100, budget: budgetIndex)])
    }

    @Test func glossary() {
        #expect(report.glossary.count == 25)
        #expect(report.glossary.first?.term == "财政拨款收入")
        #expect(report.glossary.first?.explanation == "指单位从同级财政部门取得的财政预算资金。")
        #expect(report.glossary.first { $0.term == "机关运行经费" }?.span.line == 770)
        #expect(report.glossary.contains { $0.term.hasSuffix("事业运行支出（项）") && $0.span.line == 745 })
    }

    @Test func staffInAttachments() {
        let staff = report.facts.filter { $0.statement == .staff }
        #expect(staff.map(\.item) == ["职工", "在编职工", "保安、清洁工、司机等聘用人员", "借用"])
        #expect(staff.map(\.amount) == [83, 40, 31, 12])
        #expect(staff.allSatisfy { $0.unit == .count("人") && $0.span.line == 798 })
    }

    @Test func countsForTheReadme() {
        // 174 figures: 137 of sections 一 to 十 and the staff, 37 the 附件 repeats; folded into 122
        // facts (the 附件 copies, the 综述 sentences the project tables state again, 1014.73 twice,
        // and four 三公 rows each named twice, checked by hand: 公务用车购置及运行维护费支出决算 11.1
        // l.69 = …支出 l.72; 公务接待费支出决算 7.54 l.69 = …支出 l.76; 国内公务接待支出 7.54 and
        // its 共计支出 l.77; 外事接待支出 0 and its 共计支出 l.79).
        #expect(report.facts.count == 122)
        #expect(report.facts.reduce(0) { $0 + $1.mentions.count } == 174)
        #expect(report.facts.filter(\.derived).count == 6)
        // 55 of the explanation, 15 shares the 附件 repeats (lines 802, 806), and the 12
        // `决算数等于预算数` of 五（三） (lines 46–57).
        #expect(report.claims.count == 82)
        #expect(report.claims.filter { if case .comparison = $0.kind { true } else { false } }.map(\.span.line) == Array(46...57))
        #expect(report.warnings.count == 8)
    }
}
