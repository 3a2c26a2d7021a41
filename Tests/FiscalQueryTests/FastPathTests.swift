import FiscalModel
import TestSupport
import Testing
@testable import FiscalQuery

/// The shortcuts large corpora take (a filter on one text column as a loop over its ids, the
/// compared value's place looked up per distinct value, `drill` adding up only what lies under
/// the drilled code) answer exactly as the general paths do.
@Suite struct FastPathTests {
    /// 400 facts over three 类, four years, three items and some without a code or item.
    static func context() -> QueryContext {
        var rng = SplitMix(seed: 23)
        let codes: [String?] = ["201", "20101", "2010101", "2010102", "20103", "2010301", "205", "2050101", "208", nil]
        let items: [String?] = ["行政运行", "机关服务", "一般行政管理事务", nil]
        var facts: [Fact] = []
        for i in 0..<400 {
            let code = codes[Int(rng.next() % UInt64(codes.count))]
            let item = items[Int(rng.next() % UInt64(items.count))] ?? ""
            facts.append(Fact(entity: ["县委办", "财政局"][Int(rng.next() % 2)], year: 2018 + Int(rng.next() % 4), phase: .final,
                              statement: .generalBudgetExpenditure, item: item,
                              code: code.flatMap { ClassificationCode(rawValue: $0) },
                              amount: Amount(mantissa: Int128(rng.next() % 100_000), scale: 2), unit: .money(.wanYuan),
                              reading: .data, span: SourceSpan(file: "f.csv", line: 2 + i)))
        }
        return QueryContext(reports: [Report(entity: "县委办", year: 2021, phase: .final, unit: .wanYuan, source: "f.csv", facts: facts)])
    }

    /// Each condition gives the rows its double negation gives (`not not …` takes the general,
    /// per-row path), alone and after another filter (a selection).
    @Test(arguments: ["code under 201", "code under 20101", "code under 999", "item = \"行政运行\"", "item != \"行政运行\"",
                      "item ~ \"行政\"", "code = \"205\"", "code != \"205\"", "item < \"机\""])
    func textConditionsKeepTheRowsOfThePerRowPath(condition: String) throws {
        var c = Self.context()
        for before in ["", "where year >= 2019 | "] {
            let fast = try QueryEngine.run("facts | \(before)where \(condition) | select line", in: &c)
            let slow = try QueryEngine.run("facts | \(before)where not not (\(condition)) | select line", in: &c)
            #expect(fast.rows == slow.rows, "\(before)\(condition)")
            #expect(fast.rows.count < 400)
        }
    }

    /// Per row, the compared value's place, for text, integer, boolean and amount columns with
    /// missing values: as looking each row's value up.
    @Test func valueIndexIsTheLookupOfEachRowsValue() {
        var rng = SplitMix(seed: 5)
        let n = 300
        let columns: [FrameColumn] = [
            FrameColumn.make("t", .text, (0..<n).map { _ in rng.next() % 5 == 0 ? .null : .text(["a", "b", "c"][Int(rng.next() % 3)]) }),
            FrameColumn.make("y", .integer, (0..<n).map { _ in rng.next() % 7 == 0 ? .null : .integer(2016 + Int(rng.next() % 5)) }),
            FrameColumn.make("w", .integer, (0..<n).map { _ in .integer([-5, 1 << 40, 3][Int(rng.next() % 3)]) }),
            FrameColumn.make("b", .bool, (0..<n).map { _ in rng.next() % 4 == 0 ? .null : .bool(rng.next() % 2 == 0) }),
            FrameColumn.make("m", .amount, (0..<n).map { _ in .amount(Amount(mantissa: Int128(rng.next() % 3), scale: 1)) }),
        ]
        for column in columns {
            let rows = (0..<Int32(n)).filter { _ in rng.next() % 3 != 0 }
            let distinct = Evaluator.distinctValues(column, rows)
            #expect(Set(distinct) == Set(rows.map { column.value(Int($0)) }), "\(column.name)")
            #expect(distinct.count == Set(distinct).count)
            // Some of the values (and one that is not there), in some order.
            var index: [Value: Int] = [:]
            for (i, v) in (distinct.dropFirst() + [.integer(1999), .text("z")]).enumerated() { index[v] = i }
            let lookup = Evaluator.valueIndex(column, index)
            for p in 0..<n { #expect(lookup(p) == index[column.value(p)] ?? -1, "\(column.name) row \(p)") }
        }
    }

    /// A grouped sum adds a run of rows of one group in a register before the group's sum:
    /// a sum past 38 digits is still an error, whether it overflows within a run (rows of one
    /// group together) or across runs (groups interleaved), and a sum that fits is exact.
    @Test(arguments: [[2020, 2020, 2021], [2020, 2021, 2020]])
    func groupedSumsPast38DigitsAreErrors(years: [Int]) throws {
        let facts = years.enumerated().map { i, year in
            Fixture.fact(year, .generalBudgetExpenditure, "行政运行", "2010101", "900000000000", line: 2 + i)
        }
        var c = QueryContext(reports: [Report(entity: "县委办", year: 2021, phase: .final, unit: .wanYuan, source: "o.csv", facts: facts)])
        // Each amount times 10^26 is 9 × 10^37: one fits 38 digits, two in a group do not.
        let big = "facts | derive big = amount * 100000000000000000000000000 | group year | sum big"
        #expect(throws: QueryError.self) { try QueryEngine.run(big, in: &c) }
        do {
            _ = try QueryEngine.run(big, in: &c)
        } catch {
            #expect(error.message.hasPrefix("arithmetic overflow in the sum of `big`"), "\(error.message)")
        }
        let fits = try QueryEngine.run("facts | derive big = amount * 10000000000000000000000000 | group year | sum big", in: &c)
        #expect(fits.rows.map { $0[1].formatted() }.sorted() == ["18000000000000000000000000000000000000", "9000000000000000000000000000000000000"])
    }

    /// `drill CODE` adds up only the figures under CODE, and answers as it does when the other
    /// 类 were filtered out first (shares, stated totals and their notes included).
    @Test(arguments: ["201", "20101", "205", "999"])
    func drillUnderACodeIgnoresTheRest(code: String) throws {
        var c = Self.context()
        let all = try QueryEngine.run("facts | where year = 2020 and entity = \"县委办\" | drill \(code) depth 2", in: &c)
        let under = try QueryEngine.run("facts | where year = 2020 and entity = \"县委办\" and code under \(code.prefix(3)) | drill \(code) depth 2", in: &c)
        #expect(all.rows == under.rows)
        #expect(all.notes == under.notes)
        for r in all.rows.indices { #expect(all.sources(ofRow: r) == under.sources(ofRow: r)) }
        if code != "999" { #expect(!all.rows.isEmpty) }
    }
}
