import FiscalModel
import Testing
@testable import FiscalQuery

@Suite struct ExplainerTests {
    @Test("each stage with the rows it leaves and what it does; the statements feeding the result")
    func stages() throws {
        var c = Fixture.context
        let t = try QueryEngine.explain("facts | where year = 2020 | group 类 | sum amount", in: &c)
        #expect(t.text.map { Array($0.prefix(3)) } == [
            ["1", "facts", "6"], ["2", "where year = 2020", "4"], ["3", "group 类", "1"], ["4", "sum amount", "1"],
        ])
        #expect(t.notes.first { $0.hasPrefix("step 3: ") }?.contains("stated total line was left out") == true)
        #expect(t.notes.last == "facts feeding the result, by statement: 一般公共预算财政拨款支出 (2)")
        #expect(c.bindings.isEmpty)
    }

    @Test("a let is explained, not bound; errors point as in queries")
    func letAndErrors() throws {
        var c = Fixture.context
        let t = try QueryEngine.explain("let x = facts | limit 1", in: &c)
        #expect(t.rows.count == 2)
        #expect(t.notes.last == "the result is bound to `x` (explain does not bind it)")
        #expect(c.bindings["x"] == nil)
        #expect(throws: QueryError.self) { try QueryEngine.explain("facts | wher year = 2020", in: &c) }
    }
}
