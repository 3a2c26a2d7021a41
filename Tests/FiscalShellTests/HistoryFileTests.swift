import Foundation
import Testing
@testable import FiscalShell

/// The history file is never overwritten when libedit did not write it, and a history that
/// cannot be kept is said, not silently dropped (issue 11 item 14).
@Suite("History file safety")
struct HistoryFileTests {
    @Test("a missing history file is usable; a libedit one is usable; another file is left alone")
    func header() throws {
        let dir = Fixture.temporaryFolder()
        let state = StateDirectory(environment: ["XDG_STATE_HOME": dir])
        #expect(state.usableHistoryFile.path == dir + "/fiscal/history")
        #expect(state.usableHistoryFile.problem == nil)
        try "_HiStOrY_V2_\nfacts\n".write(toFile: dir + "/fiscal/history", atomically: true, encoding: .utf8)
        #expect(state.usableHistoryFile.problem == nil)
        try "my notes\n".write(toFile: dir + "/fiscal/history", atomically: true, encoding: .utf8)
        #expect(state.usableHistoryFile.path == nil)
        #expect(state.usableHistoryFile.problem?.contains("is not a libedit history file") == true)
        #expect(try String(contentsOfFile: dir + "/fiscal/history", encoding: .utf8) == "my notes\n")
    }

    @Test("a history folder that cannot be made is a problem, not silence")
    func unmakeable() throws {
        let dir = Fixture.temporaryFolder()
        try "a file".write(toFile: dir + "/blocker", atomically: true, encoding: .utf8)
        let state = StateDirectory(environment: ["XDG_STATE_HOME": dir + "/blocker"])
        #expect(state.usableHistoryFile.path == nil)
        #expect(state.usableHistoryFile.problem == "cannot create the history folder \(dir)/blocker/fiscal")
    }

    @Test("a relative HOME keeps no state under the current folder")
    func relativeHome() {
        #expect(StateDirectory(environment: ["HOME": "home"]).path == nil)
    }
}
