import FiscalFormat
import FiscalModel
import Foundation
import Testing
import TablesFormat

/// The Jiangsu 2017–2018 部门预算 (Examples/corpus/jiangsu), read from their text: the 财政拨款
/// 支出预算表 (表五) and the 一般公共预算支出预算表 (表八, the same rows in these budgets, which
/// are all 一般公共预算) by printed 7-digit code, with names wrapped around the code line,
/// printed page numbers between rows and thousands separators used unevenly.
@Suite("Jiangsu 部门预算 tables")
struct JiangsuTablesTests {
    struct Document: Sendable, CustomStringConvertible {
        var file: String
        var entity: String
        var year: Int
        /// The 合计 row of 表五.
        var total: String
        /// Every 类/款/项 row of 表五 in order, `code=amount`, as printed.
        var rows: String
        var description: String { file }
    }

    static let documents: [Document] = [
        .init(file: "jiangsu/01_江苏省人大办公厅_2017_部门预算.txt", entity: "江苏省人大常委会办公厅", year: 2017, total: "13649.07",
              rows: "201=10528.33 20101=10528.33 2010101=4545.94 2010102=2468.78 2010104=1305.25 2010105=810.00 2010106=418.75 2010107=403.75 2010108=428.36 2010109=47.50 2010199=100.00 208=1608.51 20805=1608.51 2080504=1608.51 221=1512.23 22102=1512.23 2210201=494.22 2210202=1018.01"),
        // l.218–220: `机关事业单位基本养老保险缴费支` / `2080505 580.01` / `出`; `合计` / `15,897.44` on two lines.
        .init(file: "jiangsu/02_江苏省人大办公厅_2018_部门预算.txt", entity: "江苏省人大常委会办公厅", year: 2018, total: "15897.44",
              rows: "201=12706.28 20101=12706.28 2010101=6372.32 2010102=2340.35 2010104=1305.25 2010105=810.00 2010106=418.75 2010107=403.75 2010108=428.36 2010109=47.50 2010199=580.00 208=1068.78 20805=1068.78 2080504=256.76 2080505=580.01 2080506=232.01 221=2122.38 22102=2122.38 2210201=572.56 2210202=1549.82"),
        .init(file: "jiangsu/03_江苏省人民检察院_2017_部门预算.txt", entity: "江苏省人民检察院", year: 2017, total: "17981.68",
              rows: "204=13641.34 20404=13641.34 2040401=7968.14 2040402=3644.20 2040404=480.00 2040405=150.00 2040406=100.00 2040499=1299.00 208=2021.18 20805=2021.18 2080504=2021.18 221=2319.16 22102=2319.16 2210201=784.22 2210202=1534.94"),
        // l.351: the page number `15` between 2040401 and 2040402; l.353 `1895.00` among `10,883.36`.
        .init(file: "jiangsu/04_江苏省人民检察院_2018_部门预算.txt", entity: "江苏省人民检察院", year: 2018, total: "21940.96",
              rows: "204=16444.36 20404=16444.36 2040401=10883.36 2040402=3666.00 2040405=1895.00 208=1836.22 20805=1836.22 2080504=371.92 2080505=1045.93 2080506=418.37 221=3660.38 22102=3660.38 2210201=1073.77 2210202=2586.61"),
        .init(file: "jiangsu/06_江苏省委办公厅_2017_部门预算_表格.txt", entity: "中国共产党江苏省委员会办公厅", year: 2017, total: "20702.25",
              rows: "201=16845.17 20131=16845.17 2013101=6106.99 2013102=10738.18 208=2000.39 20805=2000.39 2080504=2000.39 221=1856.69 22102=1856.69 2210201=621.28 2210202=1235.41"),
        .init(file: "jiangsu/08_江苏省委办公厅_2018_部门预算_表格.txt", entity: "中共江苏省委办公厅", year: 2018, total: "24458.43",
              rows: "201=20153.75 20131=20153.75 2013101=8072.29 2013102=12081.46 208=1289.52 20805=1289.52 2080504=248.77 2080505=743.39 2080506=297.36 221=3015.16 22102=3015.16 2210201=715.28 2210202=2299.88"),
        // Titled 表一 … 表十二.
        .init(file: "jiangsu/10_江苏省政协办公厅_2017_部门预算_表格.txt", entity: "江苏省政协办公厅", year: 2017, total: "9066.79",
              rows: "201=6463.55 20102=6463.55 2010201=3233.03 2010202=1577.82 2010204=1027.90 2010205=429.30 2010299=195.50 208=1509.72 20805=1509.72 2080504=1509.72 221=1093.52 22102=1093.52 2210201=341.75 2210202=751.77"),
        // Titled `五、2017年度江苏省高级人民法院部门财政拨款支出预算表`.
        .init(file: "jiangsu/11_江苏省高级人民法院_2017_部门预算.txt", entity: "江苏省高级人民法院", year: 2017, total: "28849.38",
              rows: "204=23513.11 20405=23513.11 2040501=11786.92 2040502=6432.89 2040503=1600.00 2040504=1733.30 2040505=1050.00 2040599=910.00 208=2347.13 20805=2347.13 2080504=2347.13 221=2989.14 22102=2989.14 2210201=1029.15 2210202=1959.99"),
        .init(file: "jiangsu/12_江苏省高级人民法院_2018_部门预算.txt", entity: "江苏省高级人民法院", year: 2018, total: "33172.15",
              rows: "204=26200.88 20405=26200.88 2040501=14857.61 2040502=6049.97 2040503=1600.00 2040504=1833.30 2040505=950.00 2040599=910.00 208=2254.76 20805=2254.76 2080504=397.23 2080505=1326.81 2080506=530.72 221=4716.51 22102=4716.51 2210201=1398.26 2210202=3318.25"),
    ]

    @Test("identity, unit and every 类/款/项 row of 表五 and 表八", arguments: documents)
    func rows(_ d: Document) throws {
        let r = try Corpus.report(d.file)
        #expect(r.entity == d.entity && r.year == d.year && r.phase == .budget && r.unit == .wanYuan)
        let expected = d.rows.split(separator: " ").map { $0.replacingOccurrences(of: "=", with: " = ") }
        #expect(r.codeRows("财政拨款支出") == expected)
        #expect(r.codeRows(.generalBudgetExpenditure) == expected)
        let table = Corpus.tableFacts(r)
        #expect(table.allSatisfy { $0.unit == .money(.wanYuan) && $0.phase == .budget && $0.year == d.year && $0.entity == d.entity })
        // (The 类 of the summary tables are found by name: BudgetSummaryTests.)
        let summary: Set<Statement> = [.totals, .fiscalAppropriation]
        #expect(table.filter { ($0.code != nil || $0.econCode != nil) && !summary.contains($0.statement) }.allSatisfy { $0.reading == .tableCode })
        #expect(table.filter { $0.statement == .generalBudgetExpenditure }.allSatisfy { $0.fund == .generalBudget })
        let total = table.first { $0.statement == "财政拨款支出" && $0.item == "合计" }
        #expect(total?.amount == Amount(d.total) && total?.reading == .tableName)
    }

    @Test("the rows add up as the document prints them: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项", arguments: documents)
    func arithmetic(_ d: Document) throws {
        let r = try Corpus.report(d.file)
        let facts = r.facts.filter { $0.reading.isTable && $0.statement == "财政拨款支出" }
        var byCode: [ClassificationCode: Amount] = [:]
        for f in facts { if let c = f.code { byCode[c] = f.amount } }
        for (code, amount) in byCode where code.level != .xiang {
            let children = byCode.filter { $0.key.parent == code }.map(\.value)
            #expect(Amount.sum(children) == amount, "\(code)")
        }
        let classes = byCode.filter { $0.key.level == .lei }.map(\.value)
        #expect(Amount.sum(classes) == Amount(d.total))
    }

    @Test("names wrapped around the code line are put back together; page numbers are no part of a name")
    func wrappedNames() throws {
        let r02 = try Corpus.report("jiangsu/02_江苏省人大办公厅_2018_部门预算.txt")
        #expect(r02.facts.first { $0.code?.rawValue == "2080505" && $0.reading.isTable }?.item == "机关事业单位基本养老保险缴费支出")
        #expect(r02.facts.first { $0.code?.rawValue == "2080506" && $0.reading.isTable }?.item == "机关事业单位职业年金缴费支出")
        let r04 = try Corpus.report("jiangsu/04_江苏省人民检察院_2018_部门预算.txt")
        #expect(r04.facts.first { $0.code?.rawValue == "2040401" && $0.reading.isTable }?.item == "行政运行")
        #expect(r04.facts.first { $0.code?.rawValue == "2040402" && $0.reading.isTable }?.item == "一般行政管理事务")
        #expect(r04.facts.first { $0.code?.rawValue == "2040405" && $0.reading.isTable }?.item == "公诉、审判、侦查、执行等检察监督支出")
    }

    @Test("economic tables by printed code, and a table printed twice read once")
    func economic() throws {
        // 08 l.99–132: 财政拨款基本支出预算表.
        let r08 = try Corpus.report("jiangsu/08_江苏省委办公厅_2018_部门预算_表格.txt")
        func econ(_ r: Report, _ s: Statement, _ code: String) -> [Amount] {
            r.facts.filter { $0.statement == s && $0.econCode?.rawValue == code && $0.reading.isTable }.map(\.amount)
        }
        #expect(econ(r08, "财政拨款基本支出", "301") == [Amount("7308.27")!])
        #expect(econ(r08, "财政拨款基本支出", "30101") == [Amount("1475.07")!])
        #expect(econ(r08, "财政拨款基本支出", "30309") == [Amount("1.55")!])
        #expect(econ(r08, .basicExpenditure, "30231") == [Amount("411.20")!])
        // l.202–220: 一般公共预算机关运行经费支出预算表, one column 机关运行经费支出.
        #expect(econ(r08, .operatingCosts, "302") == [Amount("2094.58")!])
        // 01 prints 财政拨款基本支出预算表 at l.243 and again at l.291: read once, and said.
        let r01 = try Corpus.report("jiangsu/01_江苏省人大办公厅_2017_部门预算.txt")
        #expect(econ(r01, "财政拨款基本支出", "30101") == [Amount("1015.15")!])
        #expect(r01.warnings.contains { $0.code == "repeated-table" && $0.span?.line == 291 })
        // 2017 codes as printed, even where the current catalog names the code otherwise (30311).
        #expect(r01.facts.first { $0.econCode?.rawValue == "30311" && $0.reading.isTable }?.item == "住房公积金")
    }

    @Test("支出预算总表 by measure; a spaced `合 计` is the total row")
    func expenditureTotals() throws {
        // 04 l.328–333: 合计 基本支出 项目支出 单位预留机动经费 结转下年资金 / `21,955.35 13,994.31 5,573.00
        // 2,388.04` (21,955.35 = 13,994.31 + 5,573.00 + 2,388.04; 结转下年资金 empty).
        let r = try Corpus.report("jiangsu/04_江苏省人民检察院_2018_部门预算.txt")
        let totals = Corpus.tableFacts(r).filter { $0.statement == .expenditure && $0.item == "合计" }.map { "\($0.measure) \($0.amount)" }
        #expect(totals == ["合计 21955.35", "基本支出 13994.31", "项目支出 5573.00", "单位预留机动经费 2388.04"])
        // l.366 `合 计 13,979.92`.
        #expect(Corpus.tableFacts(r).first { $0.statement == "财政拨款基本支出" && $0.item == "合计" }?.amount == Amount("13979.92"))
    }

    @Test("the 预算 三公 table: cells placed by its totals; the cell the totals cannot tell is not read")
    func threePublic() throws {
        // 08 l.196: `1,471.70 508.20 70.00 411.20 411.20 27.00 933.50 30.00` under 合计 | 三公 小计,
        // 因公出国（境）费, 公务用车 小计/购置费/运行维护费, 公务接待费 | 会议费 | 培训费: eight figures for
        // nine cells. 1,471.70 = 508.20 + 933.50 + 30.00; 508.20 = 70.00 + 411.20 + 27.00.
        let r = try Corpus.report("jiangsu/08_江苏省委办公厅_2018_部门预算_表格.txt")
        let cells = Dictionary(uniqueKeysWithValues: Corpus.tableFacts(r).filter { $0.statement == .threePublic }.map { ($0.item, $0.amount) })
        #expect(cells == [
            "三公经费、会议费、培训费合计": Amount("1471.70")!, "合计": Amount("508.20")!, "因公出国（境）费": Amount("70.00")!,
            "公务用车购置及运行维护费": Amount("411.20")!, "公务接待费": Amount("27.00")!, "会议费": Amount("933.50")!, "培训费": Amount("30.00")!,
        ])
        // The second 411.20 is 购置费 or 运行维护费 (the other empty): not read, and said.
        #expect(r.warnings.contains { $0.code == "ambiguous-column" && $0.message.contains("411.20 is 公务用车购置费 or 公务用车运行维护费") })
        // Shanghai 2026, 05 l.287: `114.22 0.00 0.46 113.76 75.00 38.76 507.25`, in 万元 under 单位:万元.
        let s = try Corpus.report("shanghai-putuo/05_普陀区城市管理行政执法局_2026_部门预算.txt")
        let sh = Corpus.tableFacts(s).filter { $0.statement == .threePublic || $0.statement == .operatingCosts }
        #expect(sh.map { "\($0.item) \($0.amount)" } == ["合计 114.22", "因公出国（境）费 0.00", "公务接待费 0.46", "公务用车购置及运行维护费 113.76",
                                                    "公务用车购置费 75.00", "公务用车运行维护费 38.76", "机关运行经费 507.25"])
        #expect(sh.allSatisfy { $0.unit == .money(.wanYuan) && $0.reading == .tableName })
    }

    @Test("the tables reader claims the documents with tables, not the narrative-only ones", arguments: [
        ("jiangsu/01_江苏省人大办公厅_2017_部门预算.txt", true), ("jiangsu/05_江苏省委办公厅_2017_部门预算.txt", false),
        ("jiangsu/06_江苏省委办公厅_2017_部门预算_表格.txt", true), ("jiangsu/07_江苏省委办公厅_2018_部门预算.txt", false),
        ("jiangsu/09_江苏省政协办公厅_2017_部门预算.txt", false), ("jiangsu/10_江苏省政协办公厅_2017_部门预算_表格.txt", true),
        ("shanghai-putuo/05_普陀区城市管理行政执法局_2026_部门预算.txt", true), ("shanghai-putuo/07_普陀区文化和旅游局_2025_部门决算.txt", true),
    ])
    func detection(file: String, tables: Bool) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Corpus.path(file))))
        let confidence = TablesFormat().detect(FileSample(path: file, bytes: Array(bytes.prefix(FileSample.size))))
        #expect(tables ? confidence == .certain : confidence == .none)
    }
}

/// The 情况说明 inside the Jiangsu 部门预算 that carry their tables (03, 04), read with the
/// narrative reader; the lines are the files'.
@Suite("Jiangsu 部门预算: the narrative beside the tables")
struct JiangsuNarrativeBesideTablesTests {
    static func narrative(_ r: Report) -> [Fact] { r.facts.filter { !$0.reading.isTable && !$0.derived } }

    @Test("03: a letter-spaced line, quote marks on a line of their own, `本年数小于上年预算数 29.65 万元`")
    func quirks03() throws {
        let r = try Corpus.report("jiangsu/03_江苏省人民检察院_2017_部门预算.txt")
        let facts = Self.narrative(r)
        // l.518 `一 般 公 共 预 算 收 入 17981.68 万 元 ， 占` / `99.92%；`
        let income = try #require(facts.first { $0.statement == .income && $0.span.line == 518 })
        #expect(income.item == "一般公共预算收入" && income.amount == Amount("17981.68")!)
        let i = try #require(r.facts.firstIndex(of: income))
        #expect(r.claims.contains { $0.fact == i && { if case .share(Amount("99.92")!, _) = $0.kind { true } else { false } }($0) })
        // l.389–391 `十一、一般公共预算 三公 经费…支` / `“ ”` / `出预算表情况说明`: the 三公 section.
        #expect(facts.contains { $0.statement == .threePublic && $0.span.line == 595 && $0.amount == 110 })
        // l.608–609 the difference is a change from 2016, not a figure of its own.
        let reception = try #require(r.facts.firstIndex { !$0.reading.isTable && $0.statement == .threePublic && $0.span.line == 608 })
        #expect(r.claims.contains { $0.fact == reception && $0.kind == .change(priorYear: 2016, delta: Amount("-29.65"), percent: nil) })
        #expect(!facts.contains { $0.amount == Amount("29.65")! })
        // l.612 `本年数等于上年预算数`: a comparison in words.
        let meetings = try #require(r.facts.firstIndex { !$0.reading.isTable && $0.span.line == 612 })
        #expect(r.claims.contains { $0.fact == meetings && $0.kind == .comparison(relation: .equal, priorYear: 2016, other: nil) })
        // l.490 `增长` / l.491 `8.85 %`: the rate of 收支总计 across the line break.
        #expect(r.claims.contains { if case .change(2016, Amount("1463.8"), Amount("8.85")) = $0.kind { true } else { false } })
    }

    @Test("04: `检察（款）: 2018 年预算支出合计 16,444.36 万元` and the 项 listed under it")
    func items04() throws {
        let r = try Corpus.report("jiangsu/04_江苏省人民检察院_2018_部门预算.txt")
        // `纳入本部门 2018 年部门汇总预算编制范围`: 本部门 is no short name.
        #expect(r.shortName == nil)
        let rows = Self.narrative(r).filter { $0.statement == "财政拨款支出" && $0.code != nil }.map { "\($0.code!) = \($0.amount) @\($0.span.line)" }
        #expect(rows == [
            "20404 = 16444.36 @726", "2040401 = 10883.36 @728", "2040402 = 3666 @732", "2040405 = 1895 @735",
            "20805 = 1836.22 @740", "2080504 = 371.92 @741", "2080505 = 1045.93 @746", "2080506 = 418.37 @750",
            "22102 = 3660.38 @754", "2210201 = 1073.77 @756", "2210202 = 2586.61 @757",
        ])
        // `未归口管理行政单位离退休费（项）` (l.741) is the catalog's synonym of 2080504
        // `未归口管理的行政单位离退休`, the name the tables print (l.356, l.408): coded by its name,
        // without a warning.
        #expect(Self.narrative(r).contains { $0.span.line == 741 && $0.code == "2080504" })
        #expect(!r.warnings.contains { $0.code == "unclassified" })
    }

    @Test("02: a 款 marked （类） under its 类 is read as the 款; amounts cited in a reason are no facts")
    func markOneLevelOff02() throws {
        let r = try Corpus.report("jiangsu/02_江苏省人大办公厅_2018_部门预算.txt")
        let facts = Self.narrative(r).filter { $0.statement == "财政拨款支出" }
        // l.513 `（二）社会保障和就业（类）` / l.514–515 `1．行政事业单位离退休（类）未归口管理的行政单位离退` / `休支出（项） 256.76万元`
        #expect(facts.first { $0.span.line == 515 }?.code == "2080504")
        #expect(facts.first { $0.span.line == 527 }.map { "\($0.code!) \($0.amount)" } == "2210202 1549.82")
        #expect(r.warnings.contains { $0.code == "mark-level" && $0.span?.line == 515 })
        // l.510–512 `主要原因是新增省人大立法研究所办公用房以及省级老同志阅文室专项经费280万元`
        #expect(!facts.contains { $0.amount == 280 })
    }
}

