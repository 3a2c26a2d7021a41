import FiscalModel
import TestSupport
import Testing
@testable import FiscalQuery

/// Grouping on a whole-number column (a year, a line) reads the column as it is held (16 or
/// 32 bits) instead of copying it into codes: the groups are still each value's, in the order of
/// their first row, with every row counted once, with or without a filter before.
@Suite struct GroupKeyTests {
    /// 60 facts in four years on lines far apart (32-bit lines; 16-bit years), some repeated.
    static func context() -> QueryContext {
        var rng = SplitMix(seed: 11)
        var facts: [Fact] = []
        for i in 0..<60 {
            let year = 2016 + Int(rng.next() % 4)
            let line = [7, 2_000_000_000, 40_000, 1][Int(rng.next() % 4)] + (i % 3)
            facts.append(Fact(entity: "县委办", year: year, phase: .final, statement: .generalBudgetExpenditure, item: "行政运行\(i)",
                              code: ClassificationCode(rawValue: "2010101"), amount: Amount(mantissa: Int128(i + 1), scale: 0),
                              unit: .money(.wanYuan), reading: .data, span: SourceSpan(file: "g.csv", line: line)))
        }
        return QueryContext(reports: [Report(entity: "县委办", year: 2019, phase: .final, unit: .wanYuan, source: "g.csv", facts: facts)])
    }

    /// The groups a query should give: each value's count, in the order of its first fact.
    static func expected(_ facts: [Fact], _ key: (Fact) -> Int) -> [[String]] {
        var order: [Int] = [], counts: [Int: Int] = [:]
        for f in facts {
            let k = key(f)
            if counts[k] == nil { order.append(k) }
            counts[k, default: 0] += 1
        }
        return order.map { [String($0), String(counts[$0]!)] }
    }

    @Test("group on a year or a line: each value's rows, in the order of first rows", arguments: ["year", "line"])
    func groups(key: String) throws {
        var c = Self.context()
        let facts = c.reports[0].facts.map { $0 }
        let value: (Fact) -> Int = key == "year" ? { $0.year } : { $0.span.line }
        let all = try QueryEngine.run("facts | group \(key) | agg n = count()", in: &c)
        #expect(all.rows.map { $0.map(\.description) } == Self.expected(facts, value))
        // A filter keeping under a quarter of the rows: the keys are gathered for the kept rows.
        let kept = try QueryEngine.run("facts | where year = 2017 and amount < 30 | group \(key) | agg n = count()", in: &c)
        let few = facts.filter { $0.year == 2017 && $0.amount < Amount(mantissa: 30, scale: 0) }
        #expect(few.count * 4 < facts.count && !few.isEmpty)
        #expect(kept.rows.map { $0.map(\.description) } == Self.expected(few, value))
        // Each group's sources are its rows' lines.
        for (r, row) in all.rows.enumerated() {
            #expect(all.sources(ofRow: r).allSatisfy { String(key == "line" ? $0.line : 0) == row[0].description || key == "year" })
            #expect(all.sources(ofRow: r).count == Int(row[1].description))
        }
    }
}
