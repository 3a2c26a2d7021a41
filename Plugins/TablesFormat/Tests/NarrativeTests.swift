import FiscalFormat
import FiscalModel
import Testing
import TablesFormat

/// 第三部分 情况说明 of document 01, read off the text by hand (pdfplumber pushes every
/// number to the line after its words; spans point at that line).
@Suite("Shanghai narrative: facts and claims")
struct NarrativeTests {
    let report: Report
    init() throws { report = try Fixtures.report(Fixtures.documents[0], narrative: true) }

    /// The narrative facts (after the 附表) as `statement|item|code|column|phase|year|derived = amount @line`.
    var narrative: [String] {
        report.facts.filter { $0.span.line > 520 }.map { f in
            "\(f.statement)|\(f.item)|\(f.code?.rawValue ?? "")|\(f.measure == .total ? "" : f.measure.rawValue)|\(f.phase.rawValue)|\(f.year)|\(f.derived ? "d" : "") = \(f.amount) @\(f.span.line)"
        }
    }

    func index(_ row: String) -> FactIndex? {
        report.facts.indices.first { i in
            let f = report.facts[i]
            return "\(f.statement)|\(f.item)|\(f.code?.rawValue ?? "")|\(f.measure == .total ? "" : f.measure.rawValue)|\(f.phase.rawValue)|\(f.year)|\(f.derived ? "d" : "") = \(f.amount) @\(f.span.line)" == row
        }
    }

    @Test("一 to 四: totals, income, expenditure, 财政拨款 with changes and derived 2023 facts")
    func totals() throws {
        let rows = narrative
        for row in [
            "收支总计|收入支出总计|||决算|2024| = 2995.39 @527", "收支总计|收入支出总计|||决算|2023|d = 3052.34 @529",
            "收入|本年收入合计|||决算|2024| = 2946.25 @533", "收入|财政拨款收入|||决算|2024| = 2940.05 @533",
            "收入|其他收入|||决算|2024| = 6.2 @535",
            "支出|本年支出合计|||决算|2024| = 2940.05 @538", "支出|基本支出|||决算|2024| = 2336.91 @538",
            "支出|项目支出|||决算|2024| = 603.14 @540",
            "财政拨款收支|财政拨款收入支出总计|||决算|2024| = 0.3 @543",
        ] {
            #expect(rows.contains(row), "\(row)")
        }
        let total = try #require(index("收支总计|收入支出总计|||决算|2024| = 2995.39 @527"))
        #expect(report.claims.contains { $0.fact == total && $0.kind == .change(priorYear: 2023, delta: Amount("-56.95"), percent: Amount("-1.87")) })
        let income = try #require(index("收入|本年收入合计|||决算|2024| = 2946.25 @533"))
        let appropriation = try #require(index("收入|财政拨款收入|||决算|2024| = 2940.05 @533"))
        #expect(report.claims.contains { $0.fact == appropriation && $0.kind == .share(percent: Amount("99.79")!, whole: income) })
        let zero = try #require(index("财政拨款收支|财政拨款收入支出总计|||决算|2024| = 0.3 @543"))
        #expect(report.claims.contains { $0.fact == zero && $0.kind == .unchanged(priorYear: 2023) })
        // The span is the number on its own line: `2024 0.3 2023`, columns 6–8.
        #expect(report.facts[zero].span.startColumn == 6 && report.facts[zero].span.endColumn == 9)
    }

    @Test("五: 类 with codes and shares, 项 as 预算 and 决算 facts with completion")
    func generalBudget() throws {
        let rows = narrative
        for row in [
            "一般公共预算财政拨款支出|一般公共服务支出|201||决算|2024| = 2106.66 @558",
            "一般公共预算财政拨款支出|社会保障和就业支出|208||决算|2024| = 326.72 @558",
            "一般公共预算财政拨款支出|住房保障支出|221||决算|2024| = 445.69 @560",
            "一般公共预算财政拨款支出|一般公共预算财政拨款支出||年初预算|预算|2024| = 2993.92 @565",
            "一般公共预算财政拨款支出|行政运行|2010601|年初预算|预算|2024| = 1560.05 @574",
            "一般公共预算财政拨款支出|行政运行|2010601||决算|2024| = 1511.89 @574",
            "一般公共预算财政拨款支出|行政单位医疗|2101101|年初预算|预算|2024| = 62.29 @620",
            "一般公共预算财政拨款支出|行政单位医疗|2101101||决算|2024| = 60.99 @620",
        ] {
            #expect(rows.contains(row), "\(row)")
        }
        // Item 11's `在职` / `人员住房购房补贴` line break is no gap for a number: both 258.50 are read.
        #expect(rows.contains("一般公共预算财政拨款支出|购房补贴|2210203|年初预算|预算|2024| = 258.50 @630"))
        #expect(rows.contains("一般公共预算财政拨款支出|购房补贴|2210203||决算|2024| = 258.50 @630"))
        let final = try #require(index("一般公共预算财政拨款支出|一般公共预算财政拨款支出|||决算|2024| = 2940.05 @565"))
        let budget = try #require(index("一般公共预算财政拨款支出|一般公共预算财政拨款支出||年初预算|预算|2024| = 2993.92 @565"))
        #expect(report.claims.contains { $0.fact == final && $0.kind == .completion(percent: Amount("98.20")!, budget: budget) })
        #expect(rows.contains("一般公共预算财政拨款支出|一般公共预算财政拨款支出|||决算|2023|d = 3003.19 @552"))
    }

    @Test("六, 七, 十一: 人员/公用经费, 三公 budget and parts, 机关运行经费 change, procurement, vehicles")
    func otherSections() {
        let rows = narrative
        for row in [
            "基本支出|人员经费|||决算|2024| = 2152.26 @636", "基本支出|公用经费|||决算|2024| = 184.65 @640",
            "三公经费|三公经费财政拨款支出||年初预算|预算|2024| = 0.95 @648", "三公经费|三公经费财政拨款支出|||决算|2024| = 0.00 @648",
            "三公经费|因公出国（境）费|||决算|2024| = 0.00 @650", "三公经费|公务接待费|||决算|2024| = 0.00 @652",
            "三公经费|三公经费财政拨款支出|||决算|2023|d = 0.00 @657",
            "机关运行经费|机关运行经费|||决算|2024| = 184.65 @692", "机关运行经费|机关运行经费|||决算|2023|d = 182.10 @692",
            "政府采购|政府采购金额|||决算|2024| = 251.25 @696", "政府采购|服务采购金额|||决算|2024| = 246.47 @698",
            "国有资产|车辆|||决算|2024| = 0 @711",
            // `在…项目中，由…供应商中标或成交的，采购金额`: one label, told apart by a short context.
            "政府采购|面向中小企业预留项目：中小企业中标或成交采购金额|||决算|2024| = 246.47 @704",
            "政府采购|面向小微企业预留项目：小微企业中标或成交采购金额|||决算|2024| = 0 @706",
            "政府采购|其他项目：中小企业中标或成交采购金额|||决算|2024| = 4.79 @708",
            "项目|绩效跟踪评价的项目：涉及预算金额|||决算|2024| = 598.42 @678",
        ] {
            #expect(rows.contains(row), "\(row)")
        }
        // `单价100万元（含）以上` is a bound, not a figure.
        #expect(!rows.contains { $0.contains("= 100 @") })
    }
}

/// A line of the 国有资产 section (Examples 02 l.640, `要领导干部用车 0 辆、机要通信用车 0 辆、应急保障用车
/// 0 辆、`, tab in front) printed many more times, as the bad-input campaign of issue 11 did
/// (seed 10, run 3121). The labels repeat, so each figure is named with the one before it
/// (`机要通信用车：应急保障用车`); that name took the whole chain before it, growing with every
/// copy, and each look for the clause's start went back to the group's start: quadratic, 15 s
/// of CPU for 400 copies (release). How long 3,000 copies take: RepeatedLineTests.
@Suite("Shanghai narrative: a repeated list of items")
struct RepeatedListTests {
    static func report(copies: Int) throws -> Report {
        let text = try String(contentsOfFile: Corpus.path("shanghai-putuo/02_普陀区规划和自然资源局_2024_部门决算.txt"), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        #expect(lines[639].hasPrefix("要领导干部用车 0 辆、机要通信用车 0 辆、应急保障用车 0 辆、"))
        let row = "\t要领导干部用车 0 辆、机要通信用车 0 辆、应急保障用车 0 辆、"
        lines.insert(contentsOf: Array(repeating: row, count: copies), at: 639)
        return try TablesFormat().read(SourceText(text: lines.joined(separator: "\n"), path: "02.txt")).reports[0]
    }

    @Test("a name takes only the label of the figure before it, however many copies")
    func namesStayShort() throws {
        let r = try Self.report(copies: 200)
        let vehicles = r.facts.filter { $0.statement == Statement(rawValue: "国有资产") }
        #expect(vehicles.count >= 600)
        // `A：B`, never `A：B：C…`.
        #expect(vehicles.allSatisfy { $0.item.filter { $0 == "：" }.count <= 1 }, "\(vehicles.map(\.item).max { $0.count < $1.count } ?? "")")
        #expect(vehicles.contains { $0.item == "机要通信用车：应急保障用车" })
        // The file without the copies reads each vehicle by its own name.
        let plain = try Corpus.report("shanghai-putuo/02_普陀区规划和自然资源局_2024_部门决算.txt")
        let names = plain.facts.filter { $0.statement == Statement(rawValue: "国有资产") }.map(\.item)
        #expect(names.contains("机要通信用车") && names.contains("应急保障用车") && !names.contains { $0.contains("：") })
    }
}

/// Both extractions give the same narrative model.
@Suite("Shanghai narrative: both extractions agree")
struct NarrativeAgreementTests {
    @Test("same facts and claims from pdfplumber and pypdf", arguments: Fixtures.documents)
    func same(document: String) throws {
        let a = try Fixtures.narrative(document, pypdf: false)
        let b = try Fixtures.narrative(document, pypdf: true)
        #expect(a.facts.count > 40)
        #expect(a.facts == b.facts, "only pdfplumber \(a.facts.filter { !b.facts.contains($0) }), only pypdf \(b.facts.filter { !a.facts.contains($0) })")
        #expect(a.claims == b.claims)
    }
}
