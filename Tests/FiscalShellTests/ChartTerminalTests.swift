@testable import FiscalShell
import Foundation
import Testing

/// `chart` in the real shell, in a 120-column pseudo-terminal (tmux): the width follows the
/// terminal and the bars line up after CJK labels.
@Suite(.serialized)
struct ChartTerminalTests {
    @Test func barsFillTheTerminalAndLineUpAfterChineseLabels() throws {
        let state = Fixture.temporaryFolder()
        let shell = try TmuxDriver(arguments: ["Examples/wusheng-2020-决算.txt"],
                                   environment: ["XDG_STATE_HOME": state, "LANG": "C", "NO_COLOR": "1"])
        #expect(shell.waitFor { $0.contains("]> ") }.ok)
        try shell.type("drill 20131 | chart")
        try shell.keys("Enter")
        let result = shell.waitFor { $0.contains("source: 县委办 2020 决算") }
        #expect(result.ok, "screen:\n\(result.screen)")
        let lines = result.screen.split(separator: "\n").map(String.init).filter { $0.contains("█") }
        #expect(lines.count == 6, "screen:\n\(result.screen)")
        // The longest bar (372.14) fills the 120 columns: 38 label (the longest, 其他党委办公厅（室）及相关机构事务支出,
        // fits in a third of the width) + 2 + 73 bar + 1 + 6 value.
        let longest = try #require(lines.first { $0.hasPrefix("行政运行") })
        #expect(DisplayWidth.of(longest.trailingSpacesRemoved) == 120)
        #expect(longest.filter { $0 == "█" }.count == 73)
        // Every bar starts in column 40, after labels of 4 to 19 Chinese characters.
        let starts = lines.map { line in DisplayWidth.of(line.prefix { !"█▏▎▍▌▋▊▉".contains($0) }) }
        #expect(Set(starts) == [40], "screen:\n\(result.screen)")
    }
}
