import Testing
@testable import FiscalShell

/// Strings from files reach the terminal escaped (issue 11).
@Suite("Terminal-safe text")
struct TerminalTextTests {
    @Test("control characters are shown as escapes; Chinese text is untouched")
    func escapes() {
        #expect(TerminalText.escaped("表\u{1B}]0;PWNED\u{07}\u{1B}[2J") == "表\\x1B]0;PWNED\\x07\\x1B[2J")
        #expect(TerminalText.escaped("a\u{0}b\tc\r\n") == "a\\x00b\\tc\\r\\n")
        #expect(TerminalText.escaped("a\u{9B}b\u{202E}c") == "a\\x9Bb\\u202Ec")
        #expect(TerminalText.escaped("一般公共服务支出 24.8") == "一般公共服务支出 24.8")
        #expect(TerminalText.escaped("x\ny", keepNewlines: true) == "x\ny")
    }

    @Test("the console guard keeps fiscal's colour sequences and line feeds, escapes the rest")
    func guarded() {
        #expect(TerminalText.guarded("\u{1B}[1m名称\u{1B}[0m\n") == "\u{1B}[1m名称\u{1B}[0m\n")
        #expect(TerminalText.guarded("\u{1B}]0;x\u{07}\u{1B}[2J") == "\\x1B]0;x\\x07\\x1B[2J")
        #expect(TerminalText.guarded("a\u{0}b") == "a\\x00b")
    }
}
