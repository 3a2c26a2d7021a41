import FiscalModel
import Testing

/// Exact values checked by reading the text of documents 02 and 03 (both extractions).
@Suite("tables of 规划和自然资源局 and 社会工作部 2024")
struct TableValueOtherTests {
    func fact(_ r: Report, _ s: Statement, code: String? = nil, item: String? = nil, column: String?) -> Fact? {
        r.facts.first { f in
            f.statement == s && (column.map { f.reading.isTable && f.measure == Measure(printed: $0, phase: .final) } ?? !f.reading.isTable) && (code == nil || f.code?.rawValue == code || f.econCode?.rawValue == code)
                && (item == nil || f.item == item)
        }
    }

    @Test("02: the 22102 row a page break split, wrapped names, 三公 in twelve cells", arguments: [false, true])
    func planning(pypdf: Bool) throws {
        let r = try Fixtures.report(Fixtures.documents[1], pypdf: pypdf)
        let g = Statement.generalBudgetExpenditure
        // "22102" / "住房改革支出 461.08 461.08 0.00" (pdfplumber, page 15)
        #expect(fact(r, g, code: "22102", column: "合计")?.amount == Amount("461.08"))
        #expect(fact(r, g, code: "22102", column: "基本支出")?.item == "住房改革支出")
        // "2200199 45.00 0.00 45.00" with 其他自然资源 / 事务支出 around it
        #expect(fact(r, g, code: "2200199", column: "项目支出")?.amount == Amount("45.00"))
        #expect(fact(r, g, code: "2200199", column: "基本支出")?.amount == Amount("0.00"))
        #expect(fact(r, g, code: "2200199", column: "合计")?.item == "其他自然资源事务支出")
        #expect(fact(r, g, code: "2080501", column: "合计")?.item == "行政单位离退休")
        #expect(fact(r, g, item: "合计", column: "项目支出")?.amount == Amount("4381.74"))
        #expect(fact(r, .basicExpenditure, code: "30108", column: "决算数")?.amount == Amount("446.11"))
        #expect(fact(r, .basicExpenditure, item: "人员经费合计", column: "决算数")?.amount == Amount("4884.09"))
        // "2.85 0.39 0.00 … 2.85 0.39"
        let t = Statement.threePublic
        #expect(fact(r, t, item: "合计", column: "预算数")?.amount == Amount("2.85"))
        #expect(fact(r, t, item: "合计", column: "预算数")?.phase == .budget)
        #expect(fact(r, t, item: "合计", column: "决算数")?.amount == Amount("0.39"))
        #expect(fact(r, t, item: "公务接待费", column: "决算数")?.amount == Amount("0.39"))
        #expect(fact(r, t, item: "因公出国（境）费", column: "决算数")?.amount == Amount("0.00"))
    }

    @Test("03: names wrapped in three ways, an empty 三公 table", arguments: [false, true])
    func socialWork(pypdf: Bool) throws {
        let r = try Fixtures.report(Fixtures.documents[2], pypdf: pypdf)
        let g = Statement.generalBudgetExpenditure
        #expect(fact(r, g, item: "合计", column: "合计")?.amount == Amount("307.82"))
        #expect(fact(r, g, item: "合计", column: "基本支出")?.amount == Amount("105.58"))
        #expect(fact(r, g, item: "合计", column: "项目支出")?.amount == Amount("202.24"))
        #expect(fact(r, g, code: "2080506", column: "基本支出")?.item == "机关事业单位职业年金缴费支出")
        #expect(fact(r, g, code: "2080506", column: "基本支出")?.amount == Amount("4.64"))
        #expect(fact(r, g, code: "2013999", column: "项目支出")?.amount == Amount("202.24"))
        #expect(fact(r, .income, code: "2080505", column: "本年收入合计")?.item == "机关事业单位基本养老保险缴费支出")
        #expect(fact(r, .basicExpenditure, code: "30108", column: "决算数")?.item == "机关事业单位基本养老保险缴费")
        #expect(fact(r, .basicExpenditure, code: "30108", column: "决算数")?.amount == Amount("6.18"))
        #expect(fact(r, .basicExpenditure, code: "30110", column: "决算数")?.amount == Amount("2.71"))
        #expect(r.facts.filter { $0.statement == .threePublic }.isEmpty)
    }
}
