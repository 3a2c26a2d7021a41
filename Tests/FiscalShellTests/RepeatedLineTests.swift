import Foundation
import Testing

/// Inputs of the bad-input campaigns of issue 11 (`Fuzz/campaign.py`, seeds 9 to 12) whose
/// slowest run was a reader that grew faster than its input: each repeats one line of a bundled
/// example hundreds of times. Run on the real binary, stopped after 60 s. Each input itself is
/// in `Fuzz/crashes/FuzzTables/`; docs/RELIABILITY.md (seventh round) has the figures.
@Suite("Hostile input: one line printed thousands of times", .serialized)
struct RepeatedLineTests {
    /// `example` with its line `index` (0-based, starting with `row`) printed `copies` more times
    /// after it, a tab in front, as the bad-input campaigns did: the new file's path.
    func repeating(_ example: String, line index: Int, startingWith row: String, copies: Int) throws -> String {
        var lines = try String(contentsOfFile: TestPaths.root + "/" + example, encoding: .utf8).components(separatedBy: "\n")
        #expect(lines[index].hasPrefix(row))
        lines.insert(contentsOf: Array(repeating: "\t" + lines[index], count: copies), at: index + 1)
        let file = TestPaths.temporaryFolder() + "/" + URL(fileURLWithPath: example).lastPathComponent
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The bad-input campaign (seed 9, run 17645) printed one 收支预算总表 row of Jiangsu 12 about
    /// 175 more times. The tables reader's search for one misplaced figure tried every figure
    /// against every item and checked every sum each time: cubic, 23 s of CPU for 200 copies
    /// (release) and hours for 2,000. It now takes about a second here (debug build).
    @Test("a 收支预算总表 row printed 2,000 more times loads in well under a minute")
    func repeatedSummaryRow() throws {
        let file = try repeating("Examples/corpus/jiangsu/12_江苏省高级人民法院_2018_部门预算.txt", line: 174,
                                 startingWith: "一、财政拨款 33,172.15 一、一般公共服务支出 一、基本支出 18,570.82", copies: 2_000)
        let r = try runFiscal(["-e", "facts | where statement = \"收支总计\" and item = \"财政拨款\" | count", file], timeout: 60)
        #expect(r.status == 0, "killed after 60 s, or failed: \(r.err)")
        // 财政拨款 and its 一般公共预算 part, the 2,001 printings of the first folded into one fact.
        #expect(r.out.contains("\n2\n"), "\(r.out)")
    }

    /// The bad-input campaign (seed 10, run 3121) printed one line of a Shanghai 决算's 国有资产
    /// section (`要领导干部用车 0 辆、机要通信用车 0 辆、应急保障用车 0 辆、`) about 150 more times: the
    /// names given to repeated labels grew with every copy (quadratic, 15 s of CPU for 400
    /// copies in release). 3,000 copies now take a few seconds here (debug build).
    @Test("a line of the 国有资产 list printed 3,000 more times loads and checks in well under a minute")
    func repeatedVehicleList() throws {
        let file = try repeating("Examples/shanghai-putuo/02_普陀区规划和自然资源局_2024_部门决算.txt", line: 639,
                                 startingWith: "要领导干部用车 0 辆、机要通信用车 0 辆、应急保障用车 0 辆、", copies: 3_000)
        let r = try runFiscal(["-f", "-", file], input: "check | count\n", timeout: 60)
        #expect(r.status == 0 || r.status == 1, "killed after 60 s, or failed: \(r.err)")
        #expect(r.out.contains("(1 row)"), "\(r.out) \(r.err)")
    }

    /// The bad-input campaign (seed 11, run 8444) printed the totals row of a Shanghai 基本支出决算表
    /// (`人员经费合计 2,152.26 公用经费合计 184.65`) about 120 more times. Placing the table's
    /// two-sided figures tries every combination (up to 2¹⁶) against every total: 7 ms of CPU
    /// per copy (release), 11 s for 1,920. The placement now checks the first of each total.
    @Test("the 基本支出 totals row printed 3,000 more times loads in well under a minute, its figures read once")
    func repeatedBasicTotals() throws {
        let file = try repeating("Examples/shanghai-putuo/01_普陀区财政局_2024_部门决算.txt", line: 479,
                                 startingWith: "人员经费合计 2,152.26 公用经费合计 184.65", copies: 3_000)
        let r = try runFiscal(["-o", "csv", "-e", "facts | where item = \"人员经费合计\" | select statement, amount, line", file], timeout: 60)
        #expect(r.status == 0, "killed after 60 s, or failed: \(r.err)")
        #expect(r.out == "statement,amount,line\n基本支出,2152.26,480\n", "\(r.out)")
    }
}
