import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Loading a folder (or several paths) where a file is bad: the others load, the bad ones are
/// listed at the end with the load's message, batch mode exits 3 after running the queries on
/// what loaded; one named file that fails loads nothing, as before. On a terminal a progress
/// line is drawn while loading, and never when the output goes to a pipe.
@Suite(.serialized)
struct FolderLoadingTests {
    static let putuo = Fixture.root + "/Examples/corpus/shanghai-putuo"
    static let wusheng = Fixture.root + "/Examples/wusheng-2020-决算.txt"
    static let count = "facts | agg n = count()"

    /// The Putuo folder holds expected-table-rows.json, which is no report: the reports load,
    /// the queries run on them, the JSON file is listed last, and the status is 3.
    @Test func aBadFileInAFolderIsListedAndTheRestLoad() throws {
        let folder = try runFiscal(["-X", "-e", Self.count, Self.putuo])
        #expect(folder.status == 3, "\(folder.err)")
        let reports = try FileManager.default.contentsOfDirectory(atPath: Self.putuo).filter { $0.hasSuffix(".txt") }.sorted()
        let files = try runFiscal(["-X", "-e", Self.count] + reports.map { Self.putuo + "/" + $0 })
        #expect(files.status == 0, "\(files.err)")
        // The same facts as loading every report of the folder by name.
        #expect(folder.out == files.out)
        #expect(!folder.out.isEmpty)
        let lines = folder.err.split(separator: "\n").map(String.init)
        let total = reports.count + 1
        let header = try #require(lines.firstIndex(of: "could not load 1 of \(total) files (the rest are loaded):"), "\(folder.err)")
        let item = try #require(header + 1 < lines.count ? lines[header + 1] : nil)
        #expect(item.hasPrefix("  - \(Self.putuo)/expected-table-rows.json: "), "\(folder.err)")
        #expect(item.contains("expected"), "says what was expected: \(item)")
        // The list comes after the load's warnings and notes, where it is seen.
        #expect(lines[(header + 2)...].allSatisfy { !$0.hasPrefix("note:") && !$0.hasPrefix("warning") }, "\(folder.err)")
        #expect(header > 0 && lines[..<header].contains { $0.hasPrefix("note:") || $0.hasPrefix("warning") })
    }

    /// One named file that fails fails the run before any query, as it always has.
    @Test func aSingleBadFileLoadsNothing() throws {
        let result = try runFiscal(["-X", "-e", Self.count, Self.putuo + "/expected-table-rows.json"])
        #expect(result.status == 3)
        #expect(result.out.isEmpty)
        #expect(result.err.hasPrefix("error: \(Self.putuo)/expected-table-rows.json: "), "\(result.err)")
        #expect(!result.err.contains("could not load"))
    }

    /// Several named files with a bad one: the good ones load, the query runs, the status is 3;
    /// a failing query does not hide that a file failed.
    @Test func aBadFileAmongSeveralIsListed() throws {
        let alone = try runFiscal(["-X", "-e", Self.count, Self.wusheng])
        let mixed = try runFiscal(["-X", "-e", Self.count, Self.wusheng, Self.putuo + "/expected-table-rows.json"])
        #expect(mixed.status == 3)
        #expect(mixed.out == alone.out && !alone.out.isEmpty)
        #expect(mixed.err.contains("could not load 1 of 2 files (the rest are loaded):\n  - \(Self.putuo)/expected-table-rows.json: "), "\(mixed.err)")
        let failing = try runFiscal(["-X", "-e", "facts | no_such_stage", Self.wusheng, "/nonexistent/a.txt"])
        #expect(failing.status == 3, "a failed load is status 3 whatever the queries did")
    }

    /// `:load FOLDER` in a script: what was loaded before stays, the folder's reports are added,
    /// the bad file is listed and the statement fails (the script goes on with --keep-going).
    @Test func loadCommandKeepsWhatWasLoadedAndTheRest() throws {
        let script = ":load \"\(Self.wusheng)\"\n:load \"\(Self.putuo)\"\n\(Self.count)\n"
        let result = try runFiscal(["-X", "--keep-going", "-f", "-"], input: script)
        #expect(result.status == 1, "the :load statement failed")
        #expect(result.err.contains("could not load 1 of"), "\(result.err)")
        #expect(result.err.contains("error: 1 file could not be loaded (listed above); the others are loaded"), "\(result.err)")
        let everything = try runFiscal(["-X", "-e", Self.count, Self.wusheng] + (try FileManager.default.contentsOfDirectory(atPath: Self.putuo))
            .filter { $0.hasSuffix(".txt") }.sorted().map { Self.putuo + "/" + $0 })
        #expect(result.out == everything.out && !everything.out.isEmpty)
    }

    // MARK: Progress

    /// A folder with a report, a named pipe posing as a CSV file (the load waits on it until the
    /// test writes it: a slow file, without timing) and a bad JSON file.
    static func folderWithPipe() throws -> (folder: String, pipe: String) {
        let folder = Fixture.temporaryFolder()
        try FileManager.default.copyItem(atPath: Self.wusheng, toPath: folder + "/a-wusheng.txt")
        let pipe = folder + "/b-slow.csv"
        #expect(mkfifo(pipe, 0o644) == 0)
        try "{\"fiscal\": \"model\", \"version\": 1, \"reports\": [{\"entity\": 3}]}".write(toFile: folder + "/c-bad.json", atomically: true, encoding: .utf8)
        return (folder, pipe)
    }

    /// Writes the example CSV into the pipe (blocks until fiscal opens it) and closes it.
    static func feed(_ pipe: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: pipe))
        handle.write(try Data(contentsOf: URL(fileURLWithPath: Fixture.exampleCSV)))
        try handle.close()
    }

    @Test(.disabled("hangs or fails now and then under load: the test can wait on the named pipe for a reader that never opens it (seen in the fresh-clone CI run of 2026-12-01 and in a local repeat); to be found before it runs again")) func aProgressLineIsDrawnOnATerminalAndErased() throws {
        let (folder, pipe) = try Self.folderWithPipe()
        let shell = try TmuxDriver(arguments: ["-X", folder], environment: ["LANG": "C", "NO_COLOR": "1", "XDG_STATE_HOME": Fixture.temporaryFolder()])
        // While the pipe holds the load up: the bar, files and MB so far.
        let drawing = shell.waitFor { $0.contains("/3 files, ") && $0.contains("MB: ") && $0.contains("[") }
        #expect(drawing.ok, "screen:\n\(drawing.screen)")
        try Self.feed(pipe)
        let done = shell.waitFor { $0.contains("]> ") }
        #expect(done.ok, "screen:\n\(done.screen)")
        #expect(done.screen.contains("could not load 1 of 3 files (the rest are loaded):"), "screen:\n\(done.screen)")
        #expect(done.screen.contains("c-bad.json"))
        // Erased in place once the load ended: no trace of it.
        #expect(!done.screen.contains("/3 files, "), "screen:\n\(done.screen)")
        try shell.type(Self.count)
        try shell.keys("Enter")
        let answered = shell.waitFor { $0.components(separatedBy: "]> ").count > 2 }
        #expect(answered.ok && !answered.screen.contains("error:"), "the shell answers on what loaded:\n\(answered.screen)")
    }

    /// `fiscal -e … | cat` on a terminal: the output is piped, so no progress line, even while the
    /// load waits.
    @Test(.disabled("hangs or fails now and then under load: the test can wait on the named pipe for a reader that never opens it (seen in the fresh-clone CI run of 2026-12-01 and in a local repeat); to be found before it runs again")) func noProgressLineWhenTheOutputIsPiped() throws {
        let (folder, pipe) = try Self.folderWithPipe()
        let shell = try TmuxDriver(shellWithEnvironment: ["LANG": "C", "NO_COLOR": "1", "XDG_CONFIG_HOME": "/nonexistent"])
        #expect(shell.waitFor { $0.contains("$ ") }.ok)
        try shell.type("\(Fixture.binary) -e 'facts | agg n = count()' \(folder) | cat; echo status=${PIPESTATUS[0]}")
        try shell.keys("Enter")
        // The load waits on the pipe for longer than the line's delay: a line would show by now.
        Thread.sleep(forTimeInterval: 1)
        #expect(!shell.screen().contains("files, "), "screen:\n\(shell.screen())")
        try Self.feed(pipe)
        let done = shell.waitFor { $0.contains("status=3") }
        #expect(done.ok, "screen:\n\(done.screen)")
        #expect(!done.screen.contains("files, "))
    }

    /// With standard error piped there are no control sequences in it at all.
    @Test(.disabled("hangs or fails now and then under load: the test can wait on the named pipe for a reader that never opens it (seen in the fresh-clone CI run of 2026-12-01 and in a local repeat); to be found before it runs again")) func pipedStandardErrorHasNoProgressSequences() throws {
        let (folder, pipe) = try Self.folderWithPipe()
        let feeder = Thread {
            Thread.sleep(forTimeInterval: 0.8)
            try? Self.feed(pipe)
        }
        feeder.start()
        let result = try runFiscal(["-X", "-e", Self.count, folder])
        #expect(result.status == 3)
        #expect(result.err.contains("could not load 1 of 3 files"), "\(result.err)")
        #expect(!result.err.contains("\u{1B}") && !result.err.contains("\r"), "\(result.err.debugDescription)")
        #expect(!result.out.isEmpty)
    }
}
