import FiscalModel
import FiscalQuery
import Testing

@Suite("The facts source")
struct FactTableTests {
    @Test("one row per fact, with its span as provenance")
    func rows() throws {
        let span = SourceSpan(file: "r.txt", line: 46, startColumn: 60, endColumn: 66)
        let report = Report(entity: "县委办", year: 2020, phase: .final, unit: .wanYuan, source: "r.txt", facts: [
            Fact(entity: "县委办", year: 2020, phase: .final, statement: .generalBudgetExpenditure, item: "行政运行",
                 code: "2013101", amount: Amount("372.14")!, unit: .money(.wanYuan), reading: .narrative, span: span),
        ])
        var context = QueryContext(reports: [report])
        let table = try QueryEngine.run("facts", in: &context)
        #expect(table.rows.count == 1)
        #expect(table.columns.map(\.name).prefix(9) == ["entity", "year", "phase", "statement", "item", "code", "econ_code", "fund", "measure"])
        #expect(table.rows[0][table.columnIndex("amount")!] == .amount(Amount("372.14")!))
        #expect(table.rows[0][table.columnIndex("line")!] == .integer(46))
        #expect(table.sources(ofRow: 0) == [span])
    }
}
