import FiscalFormat
import FiscalModel
import Foundation
import NarrativeFormat
import Testing

/// The narrative-only Jiangsu 部门预算 (Examples/corpus/jiangsu 05, 07, 09: hard-wrapped PDF text,
/// 2017/2018 江苏省财政厅 template). Every figure below was read off the file by hand; the line
/// numbers are the file's.
@Suite("Jiangsu 部门预算 narratives")
struct JiangsuNarrativeTests {
    static func report(_ file: String) throws -> Report {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        let path = url.path + "/Examples/corpus/jiangsu/" + file
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let source = try #require(SourceText(bytes: bytes, path: path))
        #expect(NarrativeFormat().detect(FileSample(path: path, bytes: bytes)) > .none)
        return try #require(NarrativeFormat().read(source).reports.first)
    }

    /// `statement|item|code = amount @line` of the stated facts of the report's year.
    static func rows(_ r: Report, _ statement: Statement) -> [String] {
        r.facts.filter { $0.statement == statement && $0.year == r.year && !$0.derived }
            .map { "\($0.item)|\(($0.code ?? $0.econCode)?.rawValue ?? "") = \($0.amount) @\($0.span.line)" }
    }

    static let doc05 = "05_江苏省委办公厅_2017_部门预算.txt"
    static let doc07 = "07_江苏省委办公厅_2018_部门预算.txt"
    static let doc09 = "09_江苏省政协办公厅_2017_部门预算.txt"

    @Test("identity from the title: entity as printed, year written `2017 年度`, phase 预算")
    func identity() throws {
        for (file, entity, year) in [(Self.doc05, "江苏省委办公厅", 2017), (Self.doc07, "江苏省委办公厅", 2018), (Self.doc09, "江苏省政协办公厅", 2017)] {
            let r = try Self.report(file)
            #expect(r.entity == entity && r.year == year && r.phase == .budget, "\(file)")
            #expect(r.facts.allSatisfy { $0.entity == entity && $0.phase == .budget }, "\(file)")
            #expect(!r.warnings.contains { $0.code == "missing-entity" || $0.code == "missing-year" }, "\(file)")
        }
    }

    @Test("05 五: 类 headings above 款/项 items; each 项 gets its code and amount")
    func items05() throws {
        let r = try Self.report(Self.doc05)
        // l.172 （一）一般公共服务（类） / l.173–174 1．党委办公厅（室）及相关机构事务（款）行政运行 / （项）支出 6106.99 万元
        #expect(Self.rows(r, "财政拨款支出") == [
            "财政拨款支出| = 20702.25 @167",
            "行政运行|2013101 = 6106.99 @174",
            "一般行政管理事务|2013102 = 10738.18 @177",
            // 2080504 is not in today's catalog under this name; the bundled catalog knows it
            // from the Jiangsu tables (observed codes).
            "未归口管理的行政单位离退休|2080504 = 2000.39 @181",
            "住房公积金|2210201 = 621.28 @185",
            "提租补贴|2210202 = 1235.41 @188",
        ])
        // 一: the 类 of all funds, by name (l.121 `一般公共服务（类）支出 16992.37 万元`).
        let classes = r.facts.filter { $0.statement == .expenditure && $0.code != nil && !$0.derived }.map { "\($0.code!) \($0.amount)" }
        #expect(classes == ["201 16992.37", "208 2000.39", "221 1856.69"])
    }

    @Test("05: a change split over a page break and a line break (`增` / `— 6 —` / `加 941.62 万元`)")
    func splitWords() throws {
        let r = try Self.report(Self.doc05)
        let basic = try #require(r.facts.firstIndex { $0.statement == .expenditure && $0.item == "基本支出" && $0.span.line == 133 })
        #expect(r.claims.contains { $0.fact == basic && $0.kind == .change(priorYear: 2016, delta: Amount("941.62"), percent: Amount("10.44")) })
        #expect(r.facts.contains { $0.derived && $0.year == 2016 && $0.item == "基本支出" && $0.amount == Amount("9022.45")! })
        // No fact is made of the page number or the halves of the word.
        #expect(!r.facts.contains { $0.span.line == 134 })
    }

    @Test("05: a section title broken over two lines opens its section (十一 三公, l.236–237)")
    func splitTitle() throws {
        let r = try Self.report(Self.doc05)
        let three = r.facts.filter { $0.statement == .threePublic && !$0.derived }
        #expect(three.first?.amount == 70 && three.first?.span.line == 241)
        // `占“三公”经费的 13.75%` across the quote marks and the line break.
        let abroad = try #require(r.facts.firstIndex { $0.statement == .threePublic && $0.span.line == 241 })
        #expect(r.claims.contains { $0.fact == abroad && { if case .share(Amount("13.75")!, _) = $0.kind { true } else { false } }($0) })
        // `本年数与上年预算数一致`: unchanged from 2016.
        let abroadBudget = try #require(r.facts.firstIndex { $0.statement == .threePublic && $0.span.line == 245 })
        #expect(r.claims.contains { $0.fact == abroadBudget && $0.kind == .unchanged(priorYear: 2016) })
    }

    @Test("07: budget wording — 预算数, 比上年预算减少, 与上年预算数一致, new 项 from zero")
    func budgetWording07() throws {
        let r = try Self.report(Self.doc07)
        #expect(Self.rows(r, .expenditure).contains("基本支出| = 10403.11 @111"))
        #expect(Self.rows(r, .income).contains("本年收入合计| = 24458.43 @120"))
        #expect(Self.rows(r, "财政拨款支出").contains("机关事业单位基本养老保险缴费|2080505 = 743.39 @154"))
        // l.153–154 `与上年相比增加743.39万元。此项级科目为今年新增科目`: 2017 was 0.
        #expect(r.facts.contains { $0.derived && $0.year == 2017 && $0.code == "2080505" && $0.amount.isZero })
        // l.207 `公务接待费预算支出27万元，比上年预算减少1万元`
        let reception = try #require(r.facts.firstIndex { $0.statement == .threePublic && $0.span.line == 207 })
        #expect(r.claims.contains { $0.fact == reception && $0.kind == .change(priorYear: 2017, delta: Amount("-1"), percent: nil) })
        // l.102 `减少710.87万元，减少35.54%`
        let social = try #require(r.facts.firstIndex { $0.code == "208" })
        #expect(r.claims.contains { $0.fact == social && $0.kind == .change(priorYear: 2017, delta: Amount("-710.87"), percent: Amount("-35.54")) })
    }

    @Test("09: economic items by name at 款 level under their 类 (`基本工资（款）支出 737.94 万元`)")
    func economic09() throws {
        let r = try Self.report(Self.doc09)
        let basic = r.facts.filter { $0.statement == .basicExpenditure && $0.year == 2017 && $0.span.line < 300 }
        func econ(_ code: String) -> Amount? { basic.first { $0.econCode?.rawValue == code }?.amount }
        #expect(econ("301") == Amount("2097.51") && econ("30101") == Amount("737.94") && econ("30102") == Amount("1263.76"))
        #expect(econ("303") == Amount("2606.84") && econ("302") == Amount("1131.92") && econ("30231") == Amount("156.60"))
        // The 款 of 工资福利支出 add up to it: 737.94 + 1263.76 + 59.53 + 36.28 = 2097.51.
        let wages = basic.filter { $0.econCode?.parent == "301" }.map(\.amount)
        #expect(Amount.sum(wages) == Amount("2097.51")!)
        // The 2017 names of 303 (the economic classification before the 2018 reform, as the 2017
        // tables print them: 10 l.116 `30307 医疗费 20.40`, l.118 `30311 住房公积金`, 11 l.416 `30312 提租补贴`) are the
        // catalog's: l.254 `（3）医疗费（款）支出 20.40 万元` is 30307, and no name is left uncoded.
        #expect(basic.contains { $0.item == "医疗费" && $0.econCode == "30307" && $0.amount == Amount("20.40") })
        #expect(!r.warnings.contains { $0.code == "unclassified" })
        // `9,066.79` with a thousands separator; 人员经费 + 公用经费 = 基本支出.
        #expect(Self.rows(r, .basicExpenditure).prefix(2) == ["财政拨款基本支出| = 5836.27 @236", "人员经费| = 4704.35 @237"])
    }

    @Test("headings' years are recorded for check; none differs from the report's")
    func headingYears() throws {
        let r = try Self.report(Self.doc09)
        #expect(r.yearMentions.isEmpty || r.yearMentions.allSatisfy { $0.year == 2017 })
        let v = try NarrativeFormat().read(SourceText(text: """
        江苏省某厅2018年度部门预算
        第三部分 2018年度部门预算情况说明
        一、2017年度收支预算总体情况说明
        江苏省某厅2018年度收入、支出预算总计100万元。
        """, path: "v.txt")).reports[0]
        #expect(v.yearMentions.map(\.year) == [2017] && v.yearMentions[0].span.line == 3)
    }
}
