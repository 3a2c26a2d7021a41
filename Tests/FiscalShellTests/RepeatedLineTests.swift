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

    /// The bad-input campaign (seed 12, run 17229) printed the first sentence of a Shanghai 预算's
    /// 编制说明 (`2026年，…收入预算4748.35万元，其中：…比2025年预算减少19.79万元；事业`, cut before its
    /// `。`) about 185 more times: one sentence of hundreds of figures and changes. Each change
    /// copied every figure placed before it and searched the sentence back to its start, each
    /// completion and comparison filtered all of them: quadratic up to the 10,000 figures a
    /// paragraph may hold (release: 400 copies 0.96 s, 1,600 copies 13.1 s of CPU). The limit
    /// bounds it, so no copy count hangs: the test compares CPU times instead. Four times the
    /// copies must cost less than six times the CPU (debug build, measured: 3.7 now; 9.4 before,
    /// where the start-up cost of both runs hides part of the square).
    @Test("a sentence of the 编制说明 printed 1,600 times costs about four times 400 (linear, not quadratic)")
    func repeatedIncomeSentence() throws {
        func cpuSeconds(copies: Int) throws -> Double {
            let file = try repeating("Examples/corpus/shanghai-putuo/05_普陀区城市管理行政执法局_2026_部门预算.txt", line: 66,
                                     startingWith: "2026年，普陀区城市管理行政执法局收入预算4748.35万元，其中：财政拨款收入4748.35万元，比2025年预算减少19.79万元；",
                                     copies: copies)
            var before = rusage(), after = rusage()
            getrusage(RUSAGE_CHILDREN.rawValue, &before)
            let r = try runFiscal(["--format", "tables", "-e", "facts | where item = \"财政拨款收入\" and year = 2026 | count", file], timeout: 120)
            getrusage(RUSAGE_CHILDREN.rawValue, &after)
            #expect(r.status == 0 && r.out.contains("(1 row)"), "\(r.out) \(r.err)")
            func seconds(_ u: rusage) -> Double {
                Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
            }
            return seconds(after) - seconds(before)
        }
        let small = try cpuSeconds(copies: 400)
        let large = try cpuSeconds(copies: 1_600)
        #expect(large < 6 * small, "400 copies: \(small) s, 1,600 copies: \(large) s of CPU")
    }
}
