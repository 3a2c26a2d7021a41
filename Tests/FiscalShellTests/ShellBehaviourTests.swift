import Foundation
import Testing

/// The shell at the standard of psql and the DuckDB CLI, driven in a real terminal (tmux):
/// Ctrl-C, Ctrl-R with Chinese, resizing, the pager, expanded mode and timing.
@Suite(.serialized)
struct ShellBehaviourTests {
    let state = Fixture.temporaryFolder()
    var environment: [String: String] {
        ["XDG_STATE_HOME": state, "XDG_CONFIG_HOME": state, "LANG": "C", "NO_COLOR": "1", "PAGER": "less -S"]
    }

    /// The lines of the screen that are prompts.
    func prompts(_ screen: String) -> [Substring] {
        screen.split(separator: "\n").filter { $0.contains("]> ") }
    }

    @Test func controlCPrintsCaretCAndAFreshPromptThatStaysIntact() throws {
        let shell = try TmuxDriver(arguments: [Fixture.exampleCSV], environment: environment)
        #expect(shell.waitFor { $0.contains("]> ") }.ok)
        try shell.type("facts | where year = 2020")
        try shell.keys("Left", "Left", "Left", "C-c")
        // ^C after the whole line, then a fresh prompt on the next line.
        let cancelled = shell.waitFor { prompts($0).count == 2 }
        #expect(cancelled.ok, "screen:\n\(cancelled.screen)")
        #expect(cancelled.screen.contains("]> facts | where year = 2020^C\n"), "screen:\n\(cancelled.screen)")
        // Home and typing edit the new line; the prompt is not overwritten.
        try shell.keys("Home")
        try shell.type("X")
        let typed = shell.waitFor { $0.split(separator: "\n").last(where: { $0.contains("]> ") })?.hasSuffix("]> X") == true }
        #expect(typed.ok, "screen:\n\(typed.screen)")
        #expect(typed.screen.contains("fiscal[示例县委办公室 2019–2021]> X"))
    }

    @Test func controlCStopsARunningSortAndTheShellGoesOn() throws {
        // 60,000 facts: eight sorts take several seconds in a debug build (four finished within
        // the second before Ctrl-C on a fast run of CI, 8c004e3).
        let big = state + "/big.csv"
        var lines = ["entity,year,phase,statement,item,code,econ_code,fund,column,amount,unit"]
        for i in 0..<60_000 {
            // No code: a coded fact is keyed by its code, so 60,000 rows under 20 codes would fold
            // into a few thousand facts; uncoded, each (entity, year, item) is its own fact.
            lines.append("单位\(i % 50),\(2015 + i % 8),决算,支出,科目\(i % 997),,,一般公共预算,,\(i % 10_000).\(i % 100),万元")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: big, atomically: true, encoding: .utf8)
        let shell = try TmuxDriver(arguments: [big], environment: environment)
        #expect(shell.waitFor(timeout: 120) { $0.contains("]> ") }.ok)
        try shell.type("facts | sort item desc, entity | sort amount | sort entity desc, item | sort year, amount desc"
                       + " | sort item, year | sort amount desc, entity | sort year desc, item desc | sort entity, amount | limit 3")
        try shell.keys("Enter")
        Thread.sleep(forTimeInterval: 1.0)
        let start = Date()
        try shell.keys("C-c")
        let stopped = shell.waitFor(timeout: 30) { $0.contains("interrupted (Ctrl-C)") && prompts($0).count >= 2 }
        let seconds = Date().timeIntervalSince(start)
        #expect(stopped.ok, "screen:\n\(stopped.screen)")
        #expect(!stopped.screen.contains("(3 rows)"), "the query stopped before its result")
        #expect(seconds < 3, "the prompt came back \(seconds) s after Ctrl-C")
        try shell.type("facts | count")
        try shell.keys("Enter")
        let after = shell.waitFor { $0.contains("60000") }
        #expect(after.ok, "screen:\n\(after.screen)")
    }

    @Test func controlRFindsChineseText() throws {
        let shell = try TmuxDriver(arguments: [Fixture.exampleCSV], environment: environment)
        #expect(shell.waitFor { $0.contains("]> ") }.ok)
        try shell.type("facts | where statement = \"三公经费\" | select year, item, amount")
        try shell.keys("Enter")
        #expect(shell.waitFor { $0.contains("rows)") }.ok)
        try shell.type(":reports")
        try shell.keys("Enter")
        #expect(shell.waitFor { $0.contains("(3 rows)") }.ok)
        try shell.keys("C-r")
        try shell.type("三公")
        let found = shell.waitFor { $0.contains("(reverse-i-search)`三公': facts | where statement = \"三公经费\"") }
        #expect(found.ok, "screen:\n\(found.screen)")
        try shell.keys("Enter")
        // Enter runs the match: the query's line appears a second time, with its result.
        let ran = shell.waitFor { prompts($0).count >= 4 && $0.components(separatedBy: "]> facts | where statement = \"三公经费\"").count == 3 }
        #expect(ran.ok, "screen:\n\(ran.screen)")
    }

    @Test func resizingTo80ColumnsIsHonoured() throws {
        let shell = try TmuxDriver(arguments: [Fixture.exampleCSV], environment: environment, width: 140, height: 60)
        #expect(shell.waitFor { $0.contains("]> ") }.ok)
        try shell.type(":set")
        try shell.keys("Enter")
        #expect(shell.waitFor { $0.contains("width      140 (auto)") }.ok)
        try shell.resize(width: 80, height: 60)
        try shell.keys("C-l")
        try shell.type(":set")
        try shell.keys("Enter")
        let set = shell.waitFor { $0.contains("width      80 (auto)") }
        #expect(set.ok, "screen:\n\(set.screen)")
        try shell.keys("C-l")
        try shell.type("facts | limit 5")
        try shell.keys("Enter")
        let facts = shell.waitFor { $0.contains("(5 rows)") }
        #expect(facts.ok, "screen:\n\(facts.screen)")
        let tableLines = facts.screen.split(separator: "\n").filter { !$0.hasPrefix("note:") }
        #expect(tableLines.allSatisfy { DisplayWidthProbe.width($0) <= 80 }, "screen:\n\(facts.screen)")
        #expect(facts.screen.contains("to fit 80 columns"))
        // Key and amount columns stay: item and amount are shown.
        let header = facts.screen.split(separator: "\n").first { $0.hasPrefix("entity") }
        #expect(header?.contains("item") == true && header?.contains("amount") == true, "screen:\n\(facts.screen)")
    }

    @Test func longResultsGoThroughThePagerInTheShell() throws {
        let shell = try TmuxDriver(arguments: [Fixture.exampleCSV], environment: environment, width: 160, height: 20)
        #expect(shell.waitFor { $0.contains("]> ") }.ok)
        try shell.type("facts | select year, item, amount")
        try shell.keys("Enter")
        // less shows the top of the result and waits, its prompt on the last line.
        let paged = shell.waitFor { $0.contains("year  item") && !$0.contains("(34 rows)") && $0.split(separator: "\n").last?.hasPrefix(":") == true }
        #expect(paged.ok, "screen:\n\(paged.screen)")
        try shell.keys("q")
        let back = shell.waitFor { prompts($0).last?.hasSuffix("]> ") == true }
        #expect(back.ok, "screen:\n\(back.screen)")
        try shell.type(":set pager off")
        try shell.keys("Enter")
        try shell.type("facts | select year, item, amount")
        try shell.keys("Enter")
        #expect(shell.waitFor { $0.contains("(34 rows)") }.ok)
    }

    @Test func theStartUpFileIsRunAndItsChoicesKept() throws {
        let folder = state + "/fiscal"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try ":set pager off\n:set null (空)\n:timing on\n".write(toFile: folder + "/fiscalrc", atomically: true, encoding: .utf8)
        let shell = try TmuxDriver(arguments: [Fixture.exampleCSV], environment: environment, width: 160, height: 20)
        #expect(shell.waitFor { $0.contains("]> ") }.ok)
        try shell.type("facts | select year, item, econ_code")
        try shell.keys("Enter")
        // pager off from the file: all 34 rows printed, no less prompt; null shown as set; timed.
        let shown = shell.waitFor { $0.contains("(34 rows)") && $0.contains("Time: ") }
        #expect(shown.ok, "screen:\n\(shown.screen)")
        #expect(shown.screen.contains("(空)"))
    }

    @Test func noPagerWhenPiped() throws {
        let marker = state + "/pager-ran"
        let result = try runFiscal([Fixture.exampleCSV], input: "facts\n:set\n", environment: [
            "PAGER": "touch \(marker); cat", "LINES": "10", "XDG_CONFIG_HOME": state,
        ])
        #expect(result.status == 0)
        #expect(result.out.contains("(34 rows)"))
        #expect(result.out.contains("pager      off (not a terminal)"))
        #expect(!FileManager.default.fileExists(atPath: marker), "the pager never runs in a pipe")
    }

    @Test func expandedModeShowsOneFieldPerLine() throws {
        let shell = try TmuxDriver(arguments: [Fixture.exampleCSV], environment: environment)
        #expect(shell.waitFor { $0.contains("]> ") }.ok)
        try shell.type(":set expanded on")
        try shell.keys("Enter")
        try shell.type("facts | limit 2")
        try shell.keys("Enter")
        let shown = shell.waitFor { $0.contains("(2 rows)") }
        #expect(shown.ok, "screen:\n\(shown.screen)")
        #expect(shown.screen.contains("─[ row 1 ]"))
        #expect(shown.screen.contains("─[ row 2 ]"))
        #expect(shown.screen.contains("entity    │ 示例县委办公室"), "screen:\n\(shown.screen)")
        #expect(shown.screen.contains("amount    │ 1080.50"), "screen:\n\(shown.screen)")
    }

    @Test func timingPrintsTheTimeOfEachStatement() throws {
        let shell = try TmuxDriver(arguments: [Fixture.exampleCSV], environment: environment)
        #expect(shell.waitFor { $0.contains("]> ") }.ok)
        try shell.type(":timing")
        try shell.keys("Enter")
        #expect(shell.waitFor { $0.contains("timing is on") }.ok)
        try shell.type("facts | count")
        try shell.keys("Enter")
        let timed = shell.waitFor { $0.range(of: #"Time: \d+\.\d{3} ms"#, options: .regularExpression) != nil }
        #expect(timed.ok, "screen:\n\(timed.screen)")
    }

    @Test func controlZSuspendsAndFgResumesWithTheLineIntact() throws {
        let shell = try TmuxDriver(shellWithEnvironment: environment)
        #expect(shell.waitFor { $0.contains("$ ") }.ok)
        try shell.type(TmuxDriver.quote(Fixture.binary) + " -X " + TmuxDriver.quote(Fixture.exampleCSV))
        try shell.keys("Enter")
        #expect(shell.waitFor { $0.contains("]> ") }.ok)
        try shell.type("facts")
        try shell.keys("C-z")
        let stopped = shell.waitFor { $0.contains("]> facts^Z") && $0.contains("Stopped") }
        #expect(stopped.ok, "screen:\n\(stopped.screen)")
        try shell.type("fg")
        try shell.keys("Enter")
        // The prompt and the half-typed line come back; editing goes on where it was.
        let resumed = shell.waitFor { prompts($0).count == 2 && prompts($0).last?.hasSuffix("]> facts") == true }
        #expect(resumed.ok, "screen:\n\(resumed.screen)")
        try shell.type(" | count")
        try shell.keys("Enter")
        let ran = shell.waitFor { $0.contains("(1 row)") && $0.contains("34") }
        #expect(ran.ok, "screen:\n\(ran.screen)")
    }

    @Test func chineseWhenLangIsZh() throws {
        var env = environment
        env["LANG"] = "zh_CN.UTF-8"
        let shell = try TmuxDriver(arguments: [Fixture.exampleCSV], environment: env)
        #expect(shell.waitFor { $0.contains("]> ") }.ok)
        try shell.type(":help")
        try shell.keys("Enter")
        #expect(shell.waitFor { $0.contains("命令：") && $0.contains("读入报告文件或文件夹") }.ok)
    }
}

/// Display width of captured screen lines (the renderer's own table, seen from outside).
enum DisplayWidthProbe {
    static func width(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { sum, s in
            let v = s.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v)
            return sum + (wide ? 2 : 1)
        }
    }
}
