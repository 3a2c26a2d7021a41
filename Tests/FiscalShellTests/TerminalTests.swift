import Foundation
import Testing

/// The real binary in a pseudo-terminal (tmux): editing Chinese text, completion, history
/// across runs, Ctrl-C, and errors that leave the shell usable.
@Suite(.serialized)
struct TerminalTests {
    let state = Fixture.temporaryFolder()
    var environment: [String: String] { ["XDG_STATE_HOME": state, "LANG": "C", "NO_COLOR": "1"] }

    @Test func typingAndDeletingChineseMovesByCharacter() throws {
        let shell = try TmuxDriver(arguments: [], environment: environment)
        #expect(shell.waitFor { $0.contains("fiscal> ") }.ok)
        try shell.type("你好世界")
        #expect(shell.waitFor { $0.contains("fiscal> 你好世界") }.ok)
        try shell.keys("Left", "Left", "BSpace")
        try shell.type("X")
        let result = shell.waitFor { $0.contains("fiscal> 你X世界") }
        #expect(result.ok, "screen:\n\(result.screen)")
        // "fiscal> " is 8 columns, 你 2, X 1: the cursor sits before 世.
        #expect(shell.cursorColumn() == 11)
    }

    @Test func tabCompletesClassificationNamesAfterDrill() throws {
        let shell = try TmuxDriver(arguments: [Fixture.exampleCSV], environment: environment)
        #expect(shell.waitFor { $0.contains("]> ") }.ok)
        try shell.type("drill 一般公")
        try shell.keys("Tab")
        let result = shell.waitFor { $0.contains("> drill 一般公共服务支出") }
        #expect(result.ok, "screen:\n\(result.screen)")
        try shell.keys("C-u")
        try shell.type("drill 一般")
        try shell.keys("Tab")
        let listed = shell.waitFor { $0.contains("一般公共服务支出  一般行政管理事务") }
        #expect(listed.ok, "screen:\n\(listed.screen)")
    }

    @Test func historyPersistsAcrossRuns() throws {
        do {
            let first = try TmuxDriver(arguments: [Fixture.exampleCSV], environment: environment)
            #expect(first.waitFor { $0.contains("Welcome to fiscal") && $0.contains("]> ") }.ok)
            try first.type("warnings")
            try first.keys("Enter")
            #expect(first.waitFor { $0.contains("severity") }.ok)
            try first.type(":quit")
            try first.keys("Enter")
            #expect(first.waitForExit())
        }
        let history = try String(contentsOfFile: state + "/fiscal/history", encoding: .utf8)
        #expect(history.hasPrefix("_HiStOrY_V2_"))
        #expect(history.contains("warnings"))
        let second = try TmuxDriver(arguments: [Fixture.exampleCSV], environment: environment)
        let started = second.waitFor { $0.contains("]> ") }
        #expect(started.ok)
        #expect(!started.screen.contains("Welcome to fiscal"), "the first-run hint shows once")
        try second.keys("Up", "Up")
        let recalled = second.waitFor { $0.contains("]> warnings") }
        #expect(recalled.ok, "screen:\n\(recalled.screen)")
    }

    @Test func controlCCancelsTheLineAndTheShellGoesOn() throws {
        let shell = try TmuxDriver(arguments: [Fixture.exampleCSV], environment: environment)
        #expect(shell.waitFor { $0.contains("]> ") }.ok)
        try shell.type("facts")
        try shell.keys("C-c")
        try shell.type("warnings")
        try shell.keys("Enter")
        // Three prompts: the cancelled line, the `warnings` line, and the one after its result.
        let result = shell.waitFor { $0.contains("severity") && $0.components(separatedBy: "]> ").count >= 4 }
        #expect(result.ok, "screen:\n\(result.screen)")
        #expect(!result.screen.contains("(34 rows)"), "the cancelled `facts` did not run")
    }

    @Test func syntaxErrorThenAGoodQuery() throws {
        let shell = try TmuxDriver(arguments: [Fixture.exampleCSV], environment: environment)
        #expect(shell.waitFor { $0.contains("]> ") }.ok)
        try shell.type("fakts | where 年度 = 2020")
        try shell.keys("Enter")
        let error = shell.waitFor { $0.contains("unknown source `fakts`") && $0.contains("^^^^^ did you mean `facts`?") }
        #expect(error.ok, "screen:\n\(error.screen)")
        try shell.type(":rep")
        try shell.keys("Tab", "Enter")
        let reports = shell.waitFor { $0.contains("(3 rows)") }
        #expect(reports.ok, "screen:\n\(reports.screen)")
        try shell.type("facts")
        try shell.keys("Enter")
        let facts = shell.waitFor { $0.contains("(34 rows)") }
        #expect(facts.ok, "screen:\n\(facts.screen)")
    }

    @Test func controlDOnAnEmptyLineLeaves() throws {
        let shell = try TmuxDriver(arguments: [], environment: environment)
        #expect(shell.waitFor { $0.contains("fiscal> ") }.ok)
        try shell.keys("C-d")
        #expect(shell.waitForExit())
    }
}
