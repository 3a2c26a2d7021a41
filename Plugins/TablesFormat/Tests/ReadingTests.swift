import FiscalFormat
import FiscalModel
import Testing

/// How each table figure was read: by printed code, by printed name, or placed by the
/// arithmetic among several columns that fit (uncertain).
@Suite("table readings")
struct ReadingTests {
    @Test("a cell whose column the sums could not single out is an uncertain reading")
    func inferred() throws {
        // 01 (Shanghai 决算): the rows under 合计 in 支出决算表 add up in more than one arrangement
        // (TableValueTests: `children-sum`), so the 基本支出/项目支出 cells of the 类 rows are guesses.
        let r = try Fixtures.report(Fixtures.documents[0])
        let expenditure = r.facts.filter { $0.statement == .expenditure && $0.reading.isTable }
        let lei = expenditure.filter { $0.code?.level == .lei }
        #expect(lei.filter { $0.measure == .total }.allSatisfy { $0.reading == .tableCode })
        #expect(lei.filter { $0.measure != .total }.allSatisfy { $0.reading == .tableInferred })
        #expect(!lei.filter { $0.measure != .total }.isEmpty)
        // A row whose every cell is determined stays certain: the Jiangsu one-column tables. Only
        // 支出预算总表's one row is a guess (08 l.70–71: four figures for five columns, taken from
        // the left), but for its 合计.
        let j = try Corpus.report("jiangsu/08_江苏省委办公厅_2018_部门预算_表格.txt")
        // (The 类 of its summary tables take a code from their name: `table-name`, BudgetSummaryTests.)
        let byName: Set<Statement> = [.totals, .fiscalAppropriation]
        #expect(j.facts.filter { $0.reading.isTable && $0.code != nil && !byName.contains($0.statement) }.allSatisfy { $0.reading == .tableCode })
        let guessed = j.facts.filter { $0.reading == .tableInferred }
        #expect(guessed.map(\.measure) == [.basic, .project, "单位预留机动经费"])
        #expect(guessed.allSatisfy { $0.statement == .expenditure && $0.item == "合计" })
    }
}
