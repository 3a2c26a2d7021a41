import FiscalModel
@testable import FiscalQuery

/// A small in-memory report set: 2020 决算 with a 类 total that differs from its 项 by 0.01,
/// and a 2019 决算 with one derived figure.
enum Fixture {
    static func fact(_ year: Int, _ statement: Statement, _ item: String, _ code: String?, _ amount: String,
                     line: Int, derived: Bool = false, unit: FactUnit = .money(.wanYuan)) -> Fact {
        Fact(entity: "县委办", year: year, phase: .final, statement: statement, item: item,
             code: code.flatMap { ClassificationCode(rawValue: $0) }, fund: .generalBudget,
             amount: Amount.parseDecimal(amount)!, unit: unit, derived: derived, reading: .data,
             span: SourceSpan(file: "t.csv", line: line))
    }

    static var context: QueryContext {
        let g = Statement.generalBudgetExpenditure
        let facts2020 = [
            fact(2020, g, "一般公共服务支出", "201", "100.00", line: 2),
            fact(2020, g, "行政运行", "2013101", "60.00", line: 3),
            fact(2020, g, "机关服务", "2013103", "40.01", line: 4),
            fact(2020, .threePublic, "公务接待费", nil, "7.54", line: 5),
        ]
        let facts2019 = [
            fact(2019, g, "行政运行", "2013101", "50.00", line: 6),
            fact(2019, .threePublic, "公务接待费", nil, "10.00", line: 7, derived: true),
        ]
        return QueryContext(reports: [
            Report(entity: "县委办", year: 2020, phase: .final, unit: .wanYuan, source: "t.csv", facts: facts2020),
            Report(entity: "县委办", year: 2019, phase: .final, unit: .wanYuan, source: "t.csv", facts: facts2019),
        ])
    }

    static func run(_ query: String) throws(QueryError) -> ResultTable {
        var c = context
        return try QueryEngine.run(query, in: &c)
    }
}

extension ResultTable {
    /// Rows as text, for compact expectations.
    var text: [[String]] { rows.map { $0.map { $0 == .null ? "—" : $0.formatted() } } }
}
