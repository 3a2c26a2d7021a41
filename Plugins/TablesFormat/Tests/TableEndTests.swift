import FiscalFormat
import FiscalModel
import TablesFormat
import Testing

/// Where a table ends and the narrative starts: a note under the table is the table's, the
/// headings before the first sentence are the prose's.
@Suite("where a table ends")
struct TableEndTests {
    @Test("05: the 三公 heading after the 三公 table is the prose's, so its figures are 三公经费, not 基本支出")
    func threePublicHeading() throws {
        // l.279 the 三公 table, its row of figures l.287; l.290 `其他相关情况说明`, l.291
        // `一、2026年“三公”经费预算情况说明`, l.292 `2026年“三公”经费预算数为114.22万元，比2025年预算增加27万元`.
        let r = try Corpus.report("shanghai-putuo/05_普陀区城市管理行政执法局_2026_部门预算.txt")
        let prose = r.facts.filter { !$0.reading.isTable && (290...297).contains($0.span.line) }
        #expect(!prose.isEmpty)
        #expect(prose.allSatisfy { $0.statement == .threePublic }, "\(prose.map { "\($0.statement) \($0.item) \($0.span.line)" })")
        // The narrative's figures are the table's (folded), and the 2025 total is 114.22 − 27.
        let total2025 = r.facts.first { $0.statement == .threePublic && $0.year == 2025 && $0.item == "三公经费" }
        #expect(total2025?.amount == Amount("87.22"))
        // The note under the 国有资本经营 table (l.231 `注：本年度无国有资本经营预算支出，故本表无数据`)
        // is the table's: no item takes its words.
        #expect(!r.facts.contains { $0.item.contains("本表") || $0.item.contains("===") })
    }

    @Test("a heading between a table's last row and the prose goes to the prose; a note stays the table's")
    func synthetic() throws {
        let text = """
        2026年示例局部门预算
        2026年部门“三公”经费和机关运行经费预算表
        单位：万元
        合计 因公出国(境)费 公务接待费 公务用车购置及运行费
        12.00 0.00 2.00 10.00
        注：本表反映“三公”经费预算。
        一、2026年“三公”经费预算情况说明
        2026年“三公”经费预算数为12.00万元。其中：公务接待费2.00万元。
        """
        let r = try TablesFormat().read(SourceText(text: text, path: "示例.txt")).reports[0]
        let prose = r.facts.filter { !$0.reading.isTable }
        #expect(prose.contains { $0.span.line == 8 })
        #expect(prose.allSatisfy { $0.statement == .threePublic }, "\(prose.map { "\($0.statement) \($0.item)" })")
        #expect(!r.facts.contains { $0.item.contains("本表") })
    }

    @Test("07: the last row's name wrapped below it ends that row (`其他国有土地使用权` / `2121999 出让收入对应专项债` / `务收入安排的支出`, l.471–473)")
    func lastRowTail() throws {
        let r = try Corpus.report("shanghai-putuo/07_普陀区文化和旅游局_2025_部门决算.txt")
        let fund = r.facts.filter { $0.statement == .governmentFund && $0.reading.isTable && $0.code?.rawValue == "2121999" }
        #expect(!fund.isEmpty)
        #expect(fund.allSatisfy { $0.item == "其他国有土地使用权出让收入对应专项债务收入安排的支出" }, "\(fund.map(\.item))")
    }
}
