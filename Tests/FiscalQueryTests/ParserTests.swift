import FiscalModel
import Testing
@testable import FiscalQuery

@Suite struct ParserTests {
    @Test func pipelineWithStages() throws {
        let q = try Parser.parse("facts | where year = 2020 and fund = \"一般公共预算\" | group 类 | sum amount | top 5 by amount")
        #expect(q.binding == nil)
        guard case .named(let source) = q.pipeline.source else { Issue.record("source"); return }
        #expect(source.text == "facts")
        #expect(q.pipeline.stages.count == 4)
        guard case .filter(.binary(.and, .binary(.equal, .field(let y), .number(let n, _), _), _, _), _) = q.pipeline.stages[0]
        else { Issue.record("where tree: \(q.pipeline.stages[0])"); return }
        #expect(y.text == "year" && n == 2020)
        guard case .aggregate(let specs, _) = q.pipeline.stages[2] else { Issue.record("sum"); return }
        #expect(specs.map(\.name) == ["amount"] && specs[0].function == .sum)
        guard case .top(5, by: .field(let k), _) = q.pipeline.stages[3] else { Issue.record("top"); return }
        #expect(k.text == "amount")
    }

    @Test func letDrillAndCompare() throws {
        let q = try Parser.parse("let x = drill 201 depth 2 | compare year 2019 2020")
        #expect(q.binding?.text == "x")
        #expect(q.pipeline.source == .drill(DrillSpec(code: "201", depth: 2, span: 8..<25)))
        guard case .compare(let c) = q.pipeline.stages[0], case .field(let d) = c.dimension else { Issue.record("compare"); return }
        #expect(d.text == "year" && c.values.count == 2 && !c.overall && !c.cagr && c.base == nil)
    }

    @Test func aggListPrecedenceAndIn() throws {
        let q = try Parser.parse("facts | where not item in [\"a\", \"b\"] or amount > 1 + 2 * 3 | agg total = sum(amount), n = count()")
        guard case .filter(.binary(.or, .not(.isIn(_, let items, false, _), _), .binary(.greater, _, .binary(.plus, _, .binary(.times, _, _, _), _), _), _), _) = q.pipeline.stages[0]
        else { Issue.record("tree: \(q.pipeline.stages[0])"); return }
        #expect(items.count == 2)
        guard case .aggregate(let specs, _) = q.pipeline.stages[1] else { Issue.record("agg"); return }
        #expect(specs.map(\.name) == ["total", "n"])
        #expect(specs.map(\.function) == [.sum, .count])
    }

    @Test func unknownStageSuggests() {
        do {
            _ = try Parser.parse("facts | wehre year = 2020")
            Issue.record("expected an error")
        } catch {
            #expect(error.span == 8..<13)
            #expect(error.hint == "did you mean `where`?")
        }
    }

    @Test func missingParenSaysWhatWasFound() {
        do {
            _ = try Parser.parse("facts | agg t = sum(amount")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "expected `)` to close `sum(`, found end of query")
        }
    }

    @Test func badCode() {
        #expect(throws: QueryError.self) { try Parser.parse("facts | where code under 2013") }
    }
}
