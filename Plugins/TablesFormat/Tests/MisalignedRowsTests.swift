import FiscalFormat
import FiscalModel
import Testing
import TablesFormat

/// A table whose figures stand beside the wrong rows (the amounts shifted against the codes by
/// the extraction) is read as unsure; a table with one misprinted figure is the report's own
/// contradiction and stays certain.
@Suite("tables whose rows do not add up")
struct MisalignedRowsTests {
    /// A 部门决算 with one 一般公共预算财政拨款支出决算表 of `rows` (`code name 合计 基本 项目`).
    static func report(_ rows: [String]) throws -> Report {
        let text = (["2024年度示例局部门决算", "一般公共预算财政拨款支出决算表", "单位：万元", "科目编码 科目名称 合计 基本支出 项目支出"]
            + rows + ["注：本表反映部门本年度一般公共预算财政拨款支出情况。"]).joined(separator: "\n")
        return try TablesFormat().read(SourceText(text: text, path: "示例.txt")).reports[0]
    }

    /// Three 类 with a 款 and two 项 each, adding up (合计 90.00).
    static let rows = [
        "201 一般公共服务支出 30.00 30.00", "20101 人大事务 30.00 30.00", "2010101 行政运行 10.00 10.00", "2010102 一般行政管理事务 20.00 20.00",
        "208 社会保障和就业支出 24.00 24.00", "20805 行政事业单位养老支出 24.00 24.00", "2080501 行政单位离退休 4.00 4.00", "2080502 事业单位离退休 20.00 20.00",
        "221 住房保障支出 36.00 36.00", "22102 住房改革支出 36.00 36.00", "2210201 住房公积金 16.00 16.00", "2210203 购房补贴 20.00 20.00",
        "合计 90.00 90.00",
    ]

    static func tableFacts(_ r: Report) -> [Fact] {
        r.facts.filter { $0.statement == .generalBudgetExpenditure && $0.reading.isTable }
    }

    @Test("a table that adds up is read with certainty")
    func addsUp() throws {
        let r = try Self.report(Self.rows)
        #expect(Self.tableFacts(r).count == 26)  // 合计 and 基本支出 of 13 rows
        #expect(Self.tableFacts(r).allSatisfy { $0.reading == .tableCode || $0.code == nil })
        #expect(!r.warnings.contains { $0.code == "rows-misaligned" })
    }

    @Test("one misprinted figure breaks two groups and stays the report's: certain")
    func oneMisprint() throws {
        var rows = Self.rows
        rows[5] = "20805 行政事业单位养老支出 25.00 25.00"  // 4.00 + 20.00 = 24.00, and 208 = 24.00
        let r = try Self.report(rows)
        let f = Self.tableFacts(r).first { $0.code?.rawValue == "20805" && $0.measure == .total }
        #expect(f?.amount == Amount("25.00") && f?.reading == .tableCode)
        #expect(!r.warnings.contains { $0.code == "rows-misaligned" })
        #expect(r.warnings.contains { $0.code == "children-sum" })
    }

    @Test("figures shifted one row against the codes: every row unsure, and said")
    func shifted() throws {
        // The codes and names as printed, the figures of the row above beside them (the 合计's
        // figures on the first row, a code line printed after the last figures).
        let codes = Self.rows.dropLast().map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        let figures = [["90.00", "90.00"]] + Self.rows.dropLast().map { $0.split(separator: " ").dropFirst(2).map(String.init) }
        let shifted = zip(codes, figures).map { ([$0] + $1).joined(separator: " ") } + ["合计 " + figures.last!.joined(separator: " ")]
        let r = try Self.report(shifted)
        let facts = Self.tableFacts(r)
        #expect(facts.count == 26)
        #expect(facts.allSatisfy { $0.reading == .tableInferred })
        let warning = r.warnings.first { $0.code == "rows-misaligned" }
        #expect(warning?.span?.line == 5)
    }
}
