import FiscalModel
import Testing

@testable import FiscalCheck

/// The `derived` rule across reports: a prior-year figure one report derives from a stated
/// change, held against the report of that year.
@Suite("derived across reports")
struct CrossReportRuleTests {
    /// The 2020 report, deriving 2019's `收支总计` (and a 项 by code) from a change.
    func later(_ value: String, phase: Phase = .final, unit: String = "万元", name: String = "行政运行") -> Report {
        var b = ReportBuilder(file: "2020.txt", year: 2020, phase: phase)
        b.fact(.totals, "收支总计", "1800.00", line: 10, phase: phase)
        b.fact(.totals, "收支总计", value, line: 11, unit: unit, year: 2019, phase: phase, derived: true)
        b.fact(.expenditure, name, "500.00", line: 20, code: ClassificationCode("2010101"), year: 2019, phase: phase, derived: true)
        return b.report
    }

    /// The 2019 report, stating both.
    func earlier(phase: Phase = .final, unit: String = "万元", total: String = "1754.36") -> Report {
        var b = ReportBuilder(file: "2019.txt", year: 2019, phase: phase)
        b.fact(.totals, "收支总计", total, line: 5, unit: unit, phase: phase)
        b.fact(.expenditure, "行政运行", "480.00", line: 9, code: ClassificationCode("2010101"), phase: phase)
        return b.report
    }

    func findings(_ reports: [Report]) -> [Finding] {
        Checker.findings(reports, rules: [DerivedValueRule()])
    }

    @Test func aFinalAccountsPriorYearThatDiffersIsAnError() {
        let f = findings([earlier(), later("1754.66", name: "行政运行")])
        // 收支总计 1754.66 against 1754.36; 行政运行 2010101 500.00 against 480.00.
        #expect(f.map(\.severity) == [.error, .error])
        #expect(f.map(\.lines) == ["2019.txt:5, 2020.txt:11", "2019.txt:9, 2020.txt:20"])
        #expect(f[0].stated == Amount("1754.36") && f[0].computed == Amount("1754.66"))
    }

    @Test func equalOrWithinRoundingIsNoErrorAndOrderDoesNotMatter() {
        var two = later("1754.36", name: "行政运行")
        two.facts[2].amount = Amount("480.00")!
        two.facts[2].mentions[0].amount = Amount("480.00")!
        #expect(findings([two, earlier()]).isEmpty)
        // Derived 1754.37: current and change each ±0.005, the stated ±0.005: rounding.
        var near = two
        near.facts[1].amount = Amount("1754.37")!
        near.facts[1].mentions[0].amount = Amount("1754.37")!
        #expect(findings([earlier(), near]).map(\.severity) == [.rounding])
    }

    @Test func aBudgetsPriorYearIsUnsure() {
        let f = findings([earlier(phase: .budget), later("1754.66", phase: .budget, name: "行政运行")])
        #expect(f.map(\.severity) == [.unsure, .unsure])
        #expect(f[0].detail.contains("上年预算"))
    }

    @Test func aCodeRenamedBetweenTheYearsIsNotCompared() {
        let f = findings([earlier(), later("1754.36", name: "公诉、审判、侦查、执行等检察监督支出")])
        #expect(f.isEmpty)
    }

    @Test func anotherUnitIsConverted() {
        // 17543600 元 is 1754.36 万元: equal; 17546600 元 is 1754.66 万元: an error.
        var same = later("1754.36", name: "行政运行")
        same.facts.removeLast()
        #expect(findings([earlier(unit: "元", total: "17543600"), same]).isEmpty)
        let f = findings([earlier(unit: "元", total: "17546600"), same])
        #expect(f.map(\.severity) == [.error])
    }

    @Test func anotherEntityOrOneReportAloneIsNotCompared() {
        var other = earlier()
        other.entity = "另一个单位"
        for i in other.facts.indices { other.facts[i].entity = "另一个单位" }
        #expect(findings([other, later("1754.66")]).isEmpty)
        #expect(findings([later("1754.66")]).isEmpty)
    }
}

/// How a report prints a percentage: rounded, cut, or (shares) moved a unit to add to 100%.
@Suite("percent printing")
struct PercentPrintingTests {
    func fits(_ stated: String, _ n: String, _ d: String, _ printing: Rounding.Printing) -> Bool {
        Rounding.percentCompatible(stated: Amount(stated)!, numerator: Amount(n)!, numeratorError: .zero,
                                   denominator: Amount(d)!, denominatorError: .zero, printing: printing)
    }

    @Test func cutIsTowardZeroOnly() {
        // 9746.50 / 9759.38 = 99.868%: rounded 99.87, cut 99.86; 99.88 is neither.
        #expect(!fits("99.86", "9746.50", "9759.38", .rounded))
        #expect(fits("99.86", "9746.50", "9759.38", .cut))
        #expect(!fits("99.88", "9746.50", "9759.38", .cut))
        // A fall: −184.96 / 2021.18 = −9.151%, cut −9.1 (toward zero), never −9.2 by cutting.
        #expect(fits("-9.1", "-184.96", "2021.18", .cut))
        #expect(!fits("-9.0", "-184.96", "2021.18", .cut))
        // 4.68 / 180.73 = 2.5895%: 2.60 is not a cut.
        #expect(!fits("2.60", "4.68", "180.73", .cut))
    }

    @Test func adjustedIsOneUnitEitherWay() {
        // 21940.96 / 21955.35 = 99.9344%: 99.94 is a unit up; 63.75 for 63.7399% is more than one.
        #expect(fits("99.94", "21940.96", "21955.35", .adjusted))
        #expect(!fits("99.94", "21940.96", "21955.35", .cut))
        #expect(!fits("63.75", "13994.31", "21955.35", .adjusted))
    }

    @Test func onlySharesMayBeMoved() {
        var b = ReportBuilder(file: "t.txt")
        let whole = b.fact(.totals, "本年支出合计", "21955.35", line: 1)
        let part = b.fact(.totals, "财政拨款支出", "21940.96", line: 2)
        b.share(part, "99.94", of: whole, line: 2)
        let share = ShareRule().check(b.report)
        #expect(share.map(\.severity) == [.rounding])
        // 9993.00 / 10007.00 = 99.8601%: printed 99.87 is a unit up. As a share, moved to add
        // to 100: rounding. As a change rate (20000.00, up 9993.00 on 10007.00), nothing moves a
        // rate: an error.
        var d = ReportBuilder(file: "t.txt")
        let w = d.fact(.totals, "本年支出合计", "10007.00", line: 1)
        let p = d.fact(.totals, "财政拨款支出", "9993.00", line: 2)
        d.share(p, "99.87", of: w, line: 2)
        #expect(ShareRule().check(d.report).map(\.severity) == [.rounding])
        var c = ReportBuilder(file: "t.txt")
        let now = c.fact(.totals, "收支总计", "20000.00", line: 1)
        c.change(now, from: 2019, delta: "9993.00", percent: "99.87", line: 1)
        #expect(ChangeRule().check(c.report).map(\.severity) == [.error])
    }
}
