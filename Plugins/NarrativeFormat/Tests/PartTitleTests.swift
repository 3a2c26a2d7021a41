import FiscalFormat
import FiscalModel
import NarrativeFormat
import Testing

/// Parts whose titles stand on a line of their own, without `第X部分` (the Shanghai 部门预算
/// template: `名词解释`, `2026年部门预算编制说明`, `其他相关情况说明`), and the lead-in line
/// that opens a list (`财政拨款支出主要内容如下：`).
@Suite("Part titles without 第X部分")
struct PartTitleTests {
    /// The template's shape, with made-up figures: a 名词解释 whose entries name 基本支出 and
    /// 三公 (definitions, not headings), then the 编制说明 with its totals and its 项 list.
    static let text = """
    某区2026年区级部门预算
    预算主管部门：某区某局
    目 录
    三、名词解释 ……………………
    四、部门预算编制说明 ……………………
    某区某局主要职能
    某区某局是主管某事的部门。
    名词解释
    （一）基本支出预算：是区级预算主管部门为保障其机构正常运转而编制的年度基本支出计划，包
    括人员经费和公用经费两部分。
    （二）机关运行经费：指行政单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。
    === page 7 ===
    2026年部门预算编制说明
    2026年，某区某局收入预算120.50万元，其中：财政拨款收入120.50万元，比2025年预算增加10.00万
    元；事业收入0万元。支出预算120.50万元，其中：财政拨款支出预算120.50万元，比2025年预算增
    加10.00万元。
    财政拨款收入支出增加的主要原因是基本支出增加
    财政拨款支出主要内容如下：
    1.“文化旅游体育与传媒支出(类)文化和旅游(款)行政运行(项)”100.00万元，主要用于维持机关日常运转发生的人员和公用支出，以及开展日常运
    转发生的人员和公用支出。
    2.“住房保障支出(类)住房改革支出(款)住房公积金(项)”20.50万元，主要用于在职人员住房公积金缴费，以及其
    他支出。
    其他相关情况说明
    一、2026年“三公”经费预算情况说明
    2026年“三公”经费预算数为1.20万元，与2025年预算持平，主要原因是厉行节约，严格按照规定执行“三公”经
    费。其中：因公出国（境）费0万元，与2025年预算持平；公务接待费1.20万元，与2025年预算持
    平。
    """

    static func report() throws -> Report {
        try #require(NarrativeFormat().read(SourceText(text: text, path: "part-titles.txt")).reports.first)
    }

    /// (The table of contents' `三、名词解释 ……` opens no part: the glossary would hold its entries.)
    @Test("名词解释 is the glossary: its entries open no section, and its `（一）` entries are read")
    func glossary() throws {
        let r = try Self.report()
        #expect(r.glossary.map(\.term) == ["基本支出预算", "机关运行经费"])
        // The page marker is no part of the last entry.
        #expect(r.glossary.last?.explanation.contains("page") == false)
        #expect(!r.facts.contains { $0.statement == .basicExpenditure })
    }

    @Test("the 编制说明's totals are 收入 and 支出; the list after `…主要内容如下：` is 财政拨款支出 by 项")
    func sections() throws {
        let r = try Self.report()
        func row(_ f: Fact) -> String { "\(f.statement)|\(f.item)|\(f.code?.rawValue ?? "") = \(f.amount) @\(f.span.line)" }
        let stated = r.facts.filter { !$0.derived }.map(row)
        #expect(stated.contains("收入|收入| = 120.50 @14"))
        #expect(stated.contains("收入|财政拨款收入| = 120.50 @14"))
        #expect(stated.contains("收入|事业收入| = 0 @15"))
        #expect(stated.contains("支出|支出| = 120.50 @15"))
        #expect(stated.contains("财政拨款支出|行政运行|2070101 = 100.00 @19"))
        #expect(stated.contains("财政拨款支出|住房公积金|2210201 = 20.50 @21"))
        #expect(r.facts.contains { $0.statement == .threePublic && $0.span.line == 25 && $0.amount == Amount("1.20")! })
        // `比2025年预算增加10.00万元` gives 2025's 财政拨款收入.
        #expect(r.facts.contains { $0.derived && $0.year == 2025 && $0.item == "财政拨款收入" && $0.amount == Amount("110.50")! })
    }
}
