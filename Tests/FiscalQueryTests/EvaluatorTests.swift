import FiscalModel
import Testing
@testable import FiscalQuery

@Suite struct EvaluatorTests {
    @Test func filterAndSelect() throws {
        let t = try Fixture.run("facts | where year = 2020 and item ~ \"运行\" | select item, amount")
        #expect(t.text == [["行政运行", "60.00"]])
        #expect(t.sources == [[SourceSpan(file: "t.csv", line: 3)]])
    }

    @Test func underInAndNot() throws {
        #expect(try Fixture.run("facts | where code under 20131 | count").text == [["3"]])
        #expect(try Fixture.run("facts | where item in [\"公务接待费\"] and not derived | count").text == [["1"]])
    }

    @Test func groupOnLevelLeavesStatedTotalsOut() throws {
        let t = try Fixture.run("facts | where year = 2020 | group 类 | sum amount")
        #expect(t.text == [["201", "一般公共服务支出", "100.01"]])
        #expect(t.notes.contains("1 row without a code at that level was left out (三公经费, counts, totals above the level); group on statement or item to see them"))
        #expect(t.notes.contains { $0.contains("1 stated total line was left out") })
        #expect(t.sources[0].map(\.line) == [3, 4])
    }

    @Test func sumOverStatementsWarns() throws {
        let t = try Fixture.run("facts | where code = null or year = 2019 | sum amount")
        #expect(t.notes.contains { $0.contains("more than one statement") })
        let grouped = try Fixture.run("facts | group statement | sum amount")
        #expect(!grouped.notes.contains { $0.contains("more than one statement") })
    }

    @Test func aggregatesAreExact() throws {
        let t = try Fixture.run("facts | where code under 2013101 | agg s = sum(amount), a = avg(amount), lo = min(amount), hi = max(amount), n = count()")
        #expect(t.text == [["110.00", "55.0000", "50.00", "60.00", "2"]])
        #expect(t.rows[0][1] == .ratio(Ratio(numerator: Amount(mantissa: 11000, scale: 2), denominator: 2)))
    }

    @Test func drillShowsStatedDifference() throws {
        let t = try Fixture.run("facts | where year = 2020 | drill 201 depth 2")
        // Only the root (201) states a total, so the note says it and no row needs a `stated` column.
        #expect(t.columns.map(\.name) == ["code", "name", "amount", "share"])
        #expect(t.text[0] == ["20131", "—", "100.01", "100.00"])
        #expect(t.depths == [0, 1, 1])
        #expect(t.notes.contains { $0.contains("stated 100.00, its parts add to 100.01") })
    }

    @Test func drillUsesTheCatalogHook() throws {
        var c = Fixture.context
        c.codeName = { $0 == "20131" ? "党委办公厅（室）及相关机构事务" : nil }
        let t = try QueryEngine.run("facts | where year = 2020 | drill 201", in: &c)
        #expect(t.text[0][1] == "党委办公厅（室）及相关机构事务")
    }

    @Test func compareYearKeepsMissingAndMarksDerived() throws {
        let t = try Fixture.run("facts | where code = null or code = \"2013101\" | compare year")
        #expect(t.columns.map(\.name) == ["statement", "item", "code", "2019", "2020", "delta", "pct"])
        #expect(t.rows.contains { $0[3] == .amount(Amount(mantissa: 1000, scale: 2)) && $0[6] == .percent(Amount(mantissa: -246, scale: 2) / Amount(mantissa: 1000, scale: 2)) })
        #expect(t.notes.contains { $0.contains("derived") })
        let missing = try Fixture.run("facts | where item = \"机关服务\" | compare year 2019 2020")
        #expect(missing.rows[0][3] == .null)
    }

    @Test func shareSortLimitDerive() throws {
        let t = try Fixture.run("facts | where year = 2020 and code under 2013101 | derive half = amount / 2 | share amount | sort amount desc | limit 1")
        #expect(t.text == [["县委办", "2020", "决算", "一般公共预算财政拨款支出", "行政运行", "2013101", "—", "一般公共预算", "合计", "60.00", "万元", "false", "t.csv", "3", "30.0000", "100.00"]])
    }

    @Test func letBindsAndRegisteredSources() throws {
        var c = Fixture.context
        _ = try QueryEngine.run("let gp = facts | where year = 2020", in: &c)
        #expect(try QueryEngine.run("gp | count", in: &c).text == [["4"]])
        c.sources["check"] = { _ in
            var t = ResultTable(columns: [.init("severity", .text)])
            t.append([.text("error")], sources: [SourceSpan(file: "x", line: 9)])
            t.append([.text("info")])
            return t
        }
        let t = try QueryEngine.run("check | where severity = \"error\"", in: &c)
        #expect(t.text == [["error"]] && t.sources == [[SourceSpan(file: "x", line: 9)]])
    }

    @Test func typeAndNameErrorsPoint() {
        func error(_ q: String) -> QueryError? {
            do { _ = try Fixture.run(q); return nil } catch { return error }
        }
        #expect(error("facts | group item | sum item")?.message == "cannot sum `item` (text); expected numbers")
        #expect(error("facts | where yaer = 2020")?.hint == "did you mean `year`?")
        #expect(error("facts | where 年份 = \"2020\"")?.span == 14..<25)
        #expect(error("fcats")?.hint == "did you mean `facts`?")
        #expect(error("facts | where amount")?.message.hasPrefix("expected a condition") == true)
        #expect(error("facts | where 科木 = \"x\"")?.hint == "did you mean `科目`?")
    }

    @Test func mixedUnitsAreAnError() {
        var c = Fixture.context
        c.reports[0].facts.append(Fixture.fact(2020, .assets, "车辆", nil, "3", line: 9, unit: .count("辆")))
        #expect(throws: QueryError.self) { try QueryEngine.run("facts | sum amount", in: &c) }
    }
}

@Suite struct IntegerFilterTests {
    @Test("the integer fast path agrees with the general comparison", arguments: ["=", "!=", "<", "<=", ">", ">="])
    func agrees(op: String) throws {
        for k in [2018, 2019, 2020, 2021] {
            let fast = try Fixture.run("facts | where year \(op) \(k) | count").text
            let general = try Fixture.run("facts | where year + 0 \(op) \(k) | count").text
            #expect(fast == general, "year \(op) \(k)")
        }
        #expect(try Fixture.run("facts | where year = 2019.0 | count").text == [["2"]])
    }
}

@Suite struct DrillByNameTests {
    @Test("drill NAME resolves through the context's resolver, else the facts' item names")
    func names() throws {
        #expect(try Parser.parse(Lexer.tokenize("drill 一般公共服务支出 depth 2")).pipeline.source
            == .drill(DrillSpec(code: nil, depth: 2, span: 0..<22, name: Name("一般公共服务支出", 6..<14))))
        var c = Fixture.context
        let byFacts = try QueryEngine.run("facts | where year = 2020 | drill 一般公共服务支出 depth 2", in: &c)
        #expect(byFacts.text.first?.first == "20131")
        c.codeForName = { $0 == "公共服务" ? "201" : nil }
        #expect(try QueryEngine.run("facts | where year = 2020 | drill 公共服务", in: &c).rows.count == 1)
        #expect(throws: QueryError.self) { try QueryEngine.run("drill 没有这个", in: &c) }
    }
}

@Suite struct CompareEdgeTests {
    @Test("compare over no rows is an empty result with a note, not a blank row")
    func empty() throws {
        let t = try Fixture.run("facts | where year = 1900 | compare year")
        #expect(t.rows.isEmpty)
        #expect(t.notes.last == "nothing to compare: no row has a year to set side by side")
    }
}

@Suite struct MixedUnitTests {
    var context: QueryContext {
        var c = Fixture.context
        c.reports[0].facts.append(Fixture.fact(2020, .threePublic, "公务用车", nil, "2", line: 8, unit: .count("辆")))
        return c
    }

    @Test("ranking money with counts says so; shares of mixed units are an error")
    func mixed() throws {
        var c = context
        let top = try QueryEngine.run("facts | where statement = \"三公经费\" | top 2 by amount", in: &c)
        #expect(top.notes.contains { $0.hasPrefix("rows in different units (万元, 辆)") })
        let moneyOnly = try QueryEngine.run("facts | where statement = \"三公经费\" and unit = \"万元\" | top 2 by amount", in: &c)
        #expect(!moneyOnly.notes.contains { $0.hasPrefix("rows in different units") })
        #expect(throws: QueryError.self) { try QueryEngine.run("facts | where statement = \"三公经费\" | share amount", in: &c) }
    }
}

@Suite struct CompareLabelTests {
    @Test("a single item compared across years keeps its item label")
    func singleItem() throws {
        let t = try Fixture.run("facts | where item = \"公务接待费\" | compare year")
        #expect(t.columns.map(\.name) == ["item", "2019", "2020", "delta", "pct"])
        #expect(t.text == [["公务接待费", "10.00", "7.54", "-2.46", "-24.60"]])
    }
}

@Suite struct CancellationTests {
    @Test("a cancelled query stops with an interrupted error and binds nothing")
    func cancelled() throws {
        var c = Fixture.context
        c.isCancelled = { true }
        do {
            _ = try QueryEngine.run("let x = facts | where year = 2020", in: &c)
            Issue.record("expected the query to stop")
        } catch {
            #expect(error.message == "interrupted (Ctrl-C); nothing was changed")
        }
        #expect(c.bindings["x"] == nil)
        c.isCancelled = { false }
        #expect(try QueryEngine.run("facts | where year = 2020 | count", in: &c).text == [["4"]])
    }
}
