import Foundation
import Testing

/// `source`, `explain` and `:check` on the real seed, through piped input as a script would.
@Suite("Reading a report: source, explain, check", .serialized)
struct ReadingCommandTests {
    let seed = "Examples/wusheng-2020-决算.txt"

    @Test("source NUMBER shows the sentence with the figure marked, file and line")
    func sourceNumber() throws {
        let r = try runFiscal([seed], input: "source 546.41\n")
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("Examples/wusheng-2020-决算.txt:30:29: 基本支出 546.41万元 [县委办]\n"))
        #expect(r.out.contains("其中：基本支出[[546.41]]万元，占41.38%"))
    }

    @Test("source row N shows the facts a result row was computed from")
    func sourceRow() throws {
        let r = try runFiscal([seed], input: "drill 201\nsource row 1\n")
        #expect(r.status == 0)
        // Row 1 of `drill 201` is 20131, computed from the six 项 lines 46–51.
        for line in 46...51 { #expect(r.out.contains("Examples/wusheng-2020-决算.txt:\(line):")) }
        #expect(r.out.contains("[[372.14]]"))
        let bad = try runFiscal([seed], input: "drill 201\nsource row 9\n")
        #expect(bad.status == 1)
        #expect(bad.err.contains("error: no row 9: the last result has 1 row"))
    }

    @Test("explain TERM prints the report's own 名词解释, else the bundled glossary")
    func explainTerm() throws {
        let own = try runFiscal([seed], input: "explain 三公经费\n")
        #expect(own.out.hasPrefix("“三公”经费 (县委办, Examples/wusheng-2020-决算.txt:768)\n  指部门用财政拨款安排的因公出国（境）费"))
        let bundled = try runFiscal([seed], input: "explain 政府性基金预算\n")
        #expect(bundled.out.hasPrefix("政府性基金预算 (fiscal glossary, from 《中华人民共和国预算法》第九条)\n  "))
    }

    @Test("explain QUERY shows each stage, the rows it leaves, and the statements feeding it")
    func explainQuery() throws {
        let r = try runFiscal(["-o", "csv", seed], input: "explain facts | where year = 2020 | group 类 | sum amount\n")
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("""
            step,stage,rows,what happens
            1,facts,122,"every fact of every loaded report, one row each"
            2,where year = 2020,116,keeps the rows for which the condition holds
            3,group 类,4,
            """))
        #expect(r.err.contains("note: facts feeding the result, by statement: 一般公共预算财政拨款支出 (12)"))
    }

    @Test(":check lists the findings; a mistyped command suggests the nearest")
    func check() throws {
        let r = try runFiscal(["-o", "csv", seed], input: ":check\n")
        #expect(r.status == 0)
        #expect(r.out.split(separator: "\n").filter { $0.hasPrefix("error,") }.count == 5)  // 4, and the share again on line 802 (附件)
        let typo = try runFiscal([seed], input: ":chekc\n")
        #expect(typo.status == 1)
        #expect(typo.err.contains("did you mean `:check`?"))
    }
}
