import Foundation
import FiscalModel
import Testing

/// Exact values checked by reading the text of 01_普陀区财政局 (both extractions).
@Suite("tables of 上海市普陀区财政局 2024")
struct TableValueTests {
    func fact(_ r: Report, _ s: Statement, code: String? = nil, item: String? = nil, column: String?) -> Amount? {
        r.facts.first { f in
            f.statement == s && (column.map { f.reading.isTable && f.measure == Measure(printed: $0, phase: .final) } ?? !f.reading.isTable) && (code == nil || f.code?.rawValue == code || f.econCode?.rawValue == code)
                && (item == nil || f.item == item)
        }?.amount
    }

    @Test("header", arguments: [false, true])
    func header(pypdf: Bool) throws {
        let r = try Fixtures.report(Fixtures.documents[0], pypdf: pypdf)
        #expect(r.entity == "上海市普陀区财政局" && r.year == 2024 && r.phase == .final && r.unit == .wanYuan)
    }

    @Test("收入支出决算总表", arguments: [false, true])
    func totals(pypdf: Bool) throws {
        let r = try Fixtures.report(Fixtures.documents[0], pypdf: pypdf)
        #expect(fact(r, .totals, item: "一般公共预算财政拨款收入", column: "决算数") == Amount("2940.05"))
        #expect(fact(r, .totals, item: "其他收入", column: "决算数") == Amount("6.20"))
        #expect(fact(r, .totals, item: "社会保障和就业支出", column: "决算数") == Amount("326.71"))
        #expect(fact(r, .totals, item: "年初结转和结余", column: "决算数") == Amount("49.14"))
        #expect(r.facts.filter { $0.statement == .totals && $0.item == "总计" }.map(\.amount) == [Amount("2995.39")!, Amount("2995.39")!])
    }

    @Test("收入决算表: 0.01 and 6.20 are 其他收入, as the 总表 says", arguments: [false, true])
    func income(pypdf: Bool) throws {
        let r = try Fixtures.report(Fixtures.documents[0], pypdf: pypdf)
        #expect(fact(r, .income, code: "2010601", column: "本年收入合计") == Amount("1511.90"))
        #expect(fact(r, .income, code: "2010601", column: "财政拨款收入") == Amount("1511.89"))
        #expect(fact(r, .income, code: "2010601", column: "其他收入") == Amount("0.01"))
        #expect(fact(r, .income, item: "合计", column: "其他收入") == Amount("6.20"))
        #expect(r.facts.first { $0.code?.rawValue == "2080505" && $0.statement == .income }?.item == "机关事业单位基本养老保险缴费支出")
    }

    @Test("支出决算表: 项目支出 recovered from the parent's sum", arguments: [false, true])
    func expenditure(pypdf: Bool) throws {
        let r = try Fixtures.report(Fixtures.documents[0], pypdf: pypdf)
        #expect(fact(r, .expenditure, code: "2010601", column: "基本支出") == Amount("1503.52"))
        #expect(fact(r, .expenditure, code: "2010601", column: "项目支出") == Amount("8.37"))
        #expect(fact(r, .expenditure, code: "2010607", column: "项目支出") == Amount("135.25"))
        #expect(fact(r, .expenditure, code: "2010607", column: "基本支出") == nil)
        #expect(fact(r, .expenditure, code: "2080501", column: "基本支出") == Amount("84.65"))
        #expect(fact(r, .expenditure, item: "合计", column: "本年支出合计") == Amount("2940.05"))
        // The 类 rows add up to 2,940.06 against a 合计 of 2,940.05: said, with the line.
        #expect(r.warnings.contains { $0.code == "children-sum" })
    }

    @Test("一般公共预算财政拨款支出决算表", arguments: [false, true])
    func generalBudget(pypdf: Bool) throws {
        let r = try Fixtures.report(Fixtures.documents[0], pypdf: pypdf)
        let s = Statement.generalBudgetExpenditure
        #expect(fact(r, s, code: "2010608", column: "项目支出") == Amount("449.52"))
        #expect(fact(r, s, code: "2210203", column: "基本支出") == Amount("258.50"))
        #expect(fact(r, s, item: "合计", column: "基本支出") == Amount("2336.91"))
        #expect(r.facts.filter { $0.statement == s }.allSatisfy { $0.fund == .generalBudget })
    }

    @Test("财政拨款收入支出决算总表", arguments: [false, true])
    func appropriation(pypdf: Bool) throws {
        let r = try Fixtures.report(Fixtures.documents[0], pypdf: pypdf)
        let s = Statement.fiscalAppropriation
        #expect(fact(r, s, item: "一般公共服务支出", column: "合计") == Amount("2106.66"))
        #expect(fact(r, s, item: "一般公共服务支出", column: "一般公共预算财政拨款") == Amount("2106.66"))
        #expect(fact(r, s, item: "年初财政拨款结转和结余", column: "决算数") == Amount("21.63"))
        #expect(fact(r, s, item: "年初财政拨款结转和结余：一般公共预算财政拨款", column: "决算数") == Amount("21.63"))
    }

    @Test("基本支出 by economic classification", arguments: [false, true])
    func basic(pypdf: Bool) throws {
        let r = try Fixtures.report(Fixtures.documents[0], pypdf: pypdf)
        // Lone figures of pdfplumber's blocks, placed by the sums: 0.09 is 手续费 (302), 60.99 is 职工基本医疗保险缴费 (301).
        #expect(fact(r, .basicExpenditure, code: "30204", column: "决算数") == Amount("0.09"))
        #expect(fact(r, .basicExpenditure, code: "30106", column: "决算数") == nil)
        #expect(fact(r, .basicExpenditure, code: "30110", column: "决算数") == Amount("60.99"))
        #expect(fact(r, .basicExpenditure, code: "30108", column: "决算数") == Amount("160.75"))
        #expect(fact(r, .basicExpenditure, code: "303", column: "决算数") == Amount("69.41"))
        #expect(r.facts.first { $0.econCode?.rawValue == "30108" }?.item == "机关事业单位基本养老保险缴费")
        #expect(fact(r, .basicExpenditure, code: "30102", column: "决算数") == Amount("1238.58"))
        #expect(fact(r, .basicExpenditure, code: "30239", column: "决算数") == Amount("48.49"))
        #expect(fact(r, .basicExpenditure, code: "310", column: "决算数") == Amount("13.58"))
        #expect(fact(r, .basicExpenditure, item: "人员经费合计", column: "决算数") == Amount("2152.26"))
        #expect(fact(r, .basicExpenditure, item: "公用经费合计", column: "决算数") == Amount("184.65"))
    }

    @Test("三公经费: 0.95 0.95 adds up as 预算数 and as 决算数, so is not read, and says so", arguments: [false, true])
    func threePublic(pypdf: Bool) throws {
        let r = try Fixtures.report(Fixtures.documents[0], pypdf: pypdf)
        #expect(r.facts.filter { $0.statement == .threePublic }.isEmpty)
        let warning = try #require(r.warnings.first { $0.message.hasPrefix("三公经费: 2 figures for twelve cells") })
        #expect(warning.message.contains("合计 预算数 or 合计 决算数") && warning.message.contains("公务接待费 预算数"))
    }

    @Test("spans point at the number")
    func spans() throws {
        let r = try Fixtures.report(Fixtures.documents[0], pypdf: true)
        let f = try #require(r.facts.first { $0.statement == .income && $0.code?.rawValue == "2010601" && $0.measure == "其他收入" })
        #expect(f.span.line == 154)  // "201 06 01 行政运行 1,511.90 1,511.89 0.01"
        #expect(f.amount == Amount("0.01")!)
        #expect(f.span.endColumn - f.span.startColumn == 4)
    }
}
