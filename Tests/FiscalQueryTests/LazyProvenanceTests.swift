@testable import FiscalModel
@testable import FiscalQuery
import Testing

/// A grouping's per-group fact lists (and the result table's provenance) are made when a row's
/// sources are first asked for, not for every query: at ten million facts they were a quarter of
/// a `group year`'s time. Made late, they must be exactly what making them at once gives.
@Suite struct LazyProvenanceTests {
    /// Counts the calls of a builder (called from any thread).
    final class Calls: @unchecked Sendable {
        private let lock = Lock()
        private var n = 0
        func add() { lock.withLock { n += 1 } }
        var count: Int { lock.withLock { n } }
    }

    static let rows: [[Int32]] = [[4, 0], [], [2, 3, 1], [5]]

    @Test func factSetsAreBuiltOnceWhenFirstRead() {
        let calls = Calls()
        let eager = FactSets(Self.rows)
        let lazy = FactSets(count: 4) {
            calls.add()
            return (eager.flat, eager.starts)
        }
        #expect(lazy.count == 4)
        #expect(calls.count == 0)
        let gathered = lazy.gathered([2, 0])
        let combined = lazy.combined(FactSets([[3, 2], [0]]))
        #expect(calls.count == 0, "gathering or combining lazy sets builds nothing yet")
        #expect(Array(lazy[2]) == [2, 3, 1])
        #expect(lazy == eager)
        #expect(calls.count == 1)
        #expect(gathered == FactSets([[2, 3, 1], [4, 0]]))
        #expect(combined == FactSets([[5, 2, 3, 1], [4, 0]]))
        #expect(calls.count == 1)
    }

    @Test func rowProvenanceBuiltLateEqualsBuiltAtOnce() {
        let pool = SpanPool((1...6).map { SourceSpan(file: "t.csv", line: $0) })
        let calls = Calls()
        let indices: [Int32] = [4, 0, 2, 3, 1, 5]
        let offsets: [Int32] = [0, 2, 2, 5, 6]
        var lazy = RowProvenance(pool: pool, rows: 4) {
            calls.add()
            return (indices, offsets)
        }
        let eager = RowProvenance(pool: pool, indices: indices, offsets: offsets)
        #expect(calls.count == 0)
        #expect(lazy.spans(ofRow: 2).map(\.line) == [3, 4, 2])
        #expect(lazy.count(ofRow: 1) == 0)
        #expect(lazy == eager)
        #expect(calls.count == 1)
        // Appending a row keeps the rows made before it.
        lazy.append([SourceSpan(file: "u.csv", line: 9)], asRow: 4)
        #expect(lazy.spans(ofRow: 0).map(\.line) == [5, 1])
        #expect(lazy.spans(ofRow: 4) == [SourceSpan(file: "u.csv", line: 9)])
        #expect(calls.count == 1)
    }

    /// Through the engine: each row of a grouping, sorted and cut by `top`, and not, has as its
    /// sources the lines of exactly the facts of its group, in load order.
    @Test func groupedRowsTraceToTheirFacts() throws {
        let g = Statement.generalBudgetExpenditure
        var facts: [Fact] = []
        for i in 0..<300 {
            facts.append(Fixture.fact(2016 + i % 7, g, "项目\(i % 11)", "2010\(1 + i % 9)01", "\(i % 13).\(i % 10)0", line: 2 + i))
        }
        let report = Report(entity: "县委办", year: 2022, phase: .final, unit: .wanYuan, source: "t.csv", facts: facts)
        var context = QueryContext(reports: [report])
        let years = Array(Set(facts.map(\.year))).sorted()
        func expected(_ year: Int) -> [Int] { facts.filter { $0.year == year }.map(\.span.line) }

        let grouped = try QueryEngine.run("facts | group year | sum amount", in: &context)
        #expect(grouped.rows.count == years.count)
        for (r, row) in grouped.rows.enumerated() {
            guard case .integer(let year) = row[0] else { Issue.record("year \(row[0])"); continue }
            #expect(grouped.sources(ofRow: r).map(\.line) == expected(year))
        }
        let top = try QueryEngine.run("facts | group year | sum amount | top 3 by amount", in: &context)
        #expect(top.rows.count == 3)
        for (r, row) in top.rows.enumerated() {
            guard case .integer(let year) = row[0] else { Issue.record("year \(row[0])"); continue }
            #expect(top.sources(ofRow: r).map(\.line) == expected(year))
        }
    }
}
