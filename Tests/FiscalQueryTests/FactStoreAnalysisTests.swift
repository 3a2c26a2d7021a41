import FiscalModel
import Testing
@testable import FiscalQuery

/// What the store works out once per load (the code hierarchy, each fact's 类/款/项, the stated
/// totals): the same answers as working it out per query, and gone when the reports change.
@Suite struct FactStoreAnalysisTests {
    @Test("the code hierarchy: nodes, parents, children in code order, ancestors in the dictionary")
    func hierarchy() {
        let h = CodeHierarchy(["2013101", "201", "行政运行", "20131", "2010102", "205 02 01"])
        #expect(h.parsed.map { $0?.rawValue } == ["2013101", "201", nil, "20131", "2010102", "2050201"])
        // 2013101 lies under 201 (id 1) and 20131 (id 3); 2010102 under 201 only; 205 is not in the dictionary.
        #expect(h.ancestors == [[1, 3], [], [], [1], [1], []])
        #expect(h.hasAncestors)
        #expect(h.nodes.map(\.rawValue) == ["201", "20131", "2013101", "20101", "2010102", "205", "20502", "2050201"])
        #expect(h.roots.map { h.nodes[Int($0)].rawValue } == ["201", "205"])
        #expect(h.children[0].map { h.nodes[Int($0)].rawValue } == ["20101", "20131"])
        #expect(h.lineage[0].map { h.nodes[Int($0)].rawValue } == ["201", "20131", "2013101"])
        #expect(h.lineage[2].isEmpty)
        // Per level, each entry's ancestor among the level's codes.
        #expect(h.levelDictionary[0] == ["201", "205"])
        #expect(h.levelIDs[0] == [0, 0, -1, 0, 0, 1])
        #expect(h.levelDictionary[1] == ["20131", "20101", "20502"])
        #expect(h.levelIDs[1] == [0, -1, -1, 0, 1, 2])
        #expect(!CodeHierarchy(["2013101", "2050201"]).hasAncestors)
    }

    /// The queries that use the cache, on the store's own columns (cached) and on a `let`
    /// binding of the same facts (worked out per query): the same rows and notes.
    @Test("cached and per-query analysis give the same results", arguments: [
        "group 类 | sum amount", "group 款 | sum amount", "group 项, year | sum amount", "where year = 2020 | drill 201 depth 3",
        "drill depth 2", "where year = 2020 | group statement, measure | agg n = count()", "group 类 | agg n = count()",
    ])
    func cachedEqualsFresh(query: String) throws {
        var c = Fixture.context
        _ = try QueryEngine.run("let all = facts", in: &c)
        for _ in 0..<2 {  // the second time from the cache
            let cached = try QueryEngine.run("facts | " + query, in: &c)
            let fresh = try QueryEngine.run("all | " + query, in: &c)
            #expect(cached.text == fresh.text, "\(query)")
            #expect(cached.notes == fresh.notes, "\(query)")
            #expect(!cached.rows.isEmpty)
        }
    }

    @Test("a sum of a total with its parts is refused from the cache as before, and every time")
    func refusedEveryTime() {
        var c = Fixture.context
        for _ in 0..<2 {
            #expect(throws: QueryError.self) { try QueryEngine.run("facts | where year = 2020 | sum amount", in: &c) }
            #expect(throws: QueryError.self) { try QueryEngine.run("facts | group year | sum amount", in: &c) }
        }
    }

    @Test("changing the reports drops what was worked out from the old ones")
    func invalidated() throws {
        var c = Fixture.context
        let before = try QueryEngine.run("facts | group 类 | sum amount", in: &c)
        #expect(before.text.map { $0[2] } == ["150.01"])
        #expect(before.notes.contains { $0.contains("1 stated total line was left out") })
        // The same entity and year without the 类 total, and a new 类: no total to leave out now.
        let g = Statement.generalBudgetExpenditure
        c.reports = [Report(entity: "县委办", year: 2020, phase: .final, unit: .wanYuan, source: "u.csv", facts: [
            Fixture.fact(2020, g, "行政运行", "2013101", "60.00", line: 3),
            Fixture.fact(2020, g, "行政运行", "2050101", "5.00", line: 4),
        ])]
        let after = try QueryEngine.run("facts | group 类 | sum amount", in: &c)
        #expect(after.text.map { $0[0] } == ["201", "205"])
        #expect(after.text.map { $0[2] } == ["60.00", "5.00"])
        #expect(!after.notes.contains { $0.contains("stated total") })
        let drill = try QueryEngine.run("facts | drill", in: &c)
        #expect(drill.text.map { $0[0] } == ["201", "205"])
    }
}
