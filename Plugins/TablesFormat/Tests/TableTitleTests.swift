@testable import TablesFormat
import FiscalModel
import Testing

/// Table titles as the templates print them, reduced to the data table's keys.
@Suite("table titles")
struct TableTitleTests {
    @Test("numbering, year, entity, 部门 and （功能科目） are not part of a title", arguments: [
        ("公开05表", "财政拨款支出预算表（功能科目）", TableKind.appropriationExpenditure),
        ("", "公开 01 表：收支预算总表", .totals),
        ("", "表一", nil),
        ("", "八、一般公共预算支出预算表", .generalBudget),
        ("", "一、2017年度江苏省高级人民法院部门收支预算总表", .totals),
        ("", "一、2018年度江苏省高级人民法院收支预算总表", .totals),
        ("", "5．2026年部门一般公共预算支出功能分类预算表", .generalBudget),
        ("", "财政拨款“三公”经费支出决算表", .threePublic),
        ("", "十一、一般公共预算“三公”经费、会议费、培训费支出预算表", .threePublic),
        ("", "2210202提租补贴1959.99六、2017年度江苏省高级人民法院部门财政拨款基本支出预算表", nil),
        ("", "一、收支预算总表情况说明", nil),
    ])
    func key(prefix: String, line: String, kind: TableKind?) {
        let compact = (prefix + line).filter { !$0.isWhitespace }
        #expect(TableTitle.named(compact, entity: nil)?.kind == kind)
    }

    @Test("short and odd lines are no titles and do not trap")
    func odd() {
        for s in ["表", "院表", "收入表", "部门表", "一、表", "公开表", "表十二", "2017年表", "（）表", "院院院院院院院表", "江苏院收表", "法院预算表"] {
            #expect(TableTitle.named(s, entity: nil) == nil, "\(s)")
            #expect(TableTitle.named(s, entity: "院") == nil, "\(s)")
        }
    }
}
