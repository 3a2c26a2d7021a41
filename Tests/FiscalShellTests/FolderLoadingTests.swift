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

    /// Writes the example CSV into the pipe once fiscal opens it for reading, and closes it.
    ///
    /// The write end is opened close-on-exec: tests run concurrently, and a child another test
    /// starts meanwhile (a tmux server lives on) would otherwise inherit it and hold the pipe
    /// open, so fiscal would wait for the end of a file that never ends. It is opened without
    /// blocking, in a loop with a deadline: a plain open for writing waits for ever for a reader
    /// that may never come.
    /// Returns what went wrong, or nil.
    static func feed(_ pipe: String, timeout: Double = 120) throws -> String? {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixture.exampleCSV))
        signal(SIGPIPE, SIG_IGN)  // a reader that gives up early is an error below, not the end of the test process
        let deadline = Date().addingTimeInterval(timeout)
        var fd: Int32 = -1
        while fd < 0 {
            fd = open(pipe, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            if fd < 0 {
                guard errno == ENXIO else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                guard Date() < deadline else { return "fiscal did not open \(pipe) for reading within \(Int(timeout)) s" }
                usleep(20_000)
            }
        }
        defer { if fd >= 0 { close(fd) } }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            var written = 0
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                written += n
            }
        }
        close(fd)
        fd = -1
        // A reader waiting on the pipe again means fiscal opened it a second time: what it was
        // sent the first time was thrown away, and the second read would wait for ever.
        Thread.sleep(forTimeInterval: 0.5)
        let again = open(pipe, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        if again >= 0 {
            close(again)  // the second reader sees an empty file rather than waiting for ever
            return "fiscal opened \(pipe) a second time: the data sent to its first open was lost"
        }
        return nil
    }

    /// Feeds the pipe on another thread after `delay` seconds; the returned function waits for
    /// that thread and gives what went wrong, or nil.
    static func feedLater(_ pipe: String, after delay: Double) -> () -> String? {
        nonisolated(unsafe) var problem: String?
        let done = DispatchSemaphore(value: 0)
        Thread {
            Thread.sleep(forTimeInterval: delay)
            do { problem = try feed(pipe) } catch { problem = "feeding \(pipe): \(error)" }
            done.signal()
        }.start()
        return {
            done.wait()
            return problem
        }
    }

    @Test func aProgressLineIsDrawnOnATerminalAndErased() throws {
        let (folder, pipe) = try Self.folderWithPipe()
        let shell = try TmuxDriver(arguments: ["-X", folder], environment: ["LANG": "C", "NO_COLOR": "1", "XDG_STATE_HOME": Fixture.temporaryFolder()])
        // While the pipe holds the load up: the bar, files and MB so far.
        let drawing = shell.waitFor(timeout: 60) { $0.contains("/3 files, ") && $0.contains("MB: ") && $0.contains("[") }
        #expect(drawing.ok, "screen:\n\(drawing.screen)")
        let fed = try Self.feed(pipe)
        #expect(fed == nil, "\(fed ?? "")")
        let done = shell.waitFor(timeout: 120) { $0.contains("]> ") }
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
    @Test func noProgressLineWhenTheOutputIsPiped() throws {
        let (folder, pipe) = try Self.folderWithPipe()
        let shell = try TmuxDriver(shellWithEnvironment: ["LANG": "C", "NO_COLOR": "1", "XDG_CONFIG_HOME": "/nonexistent"])
        #expect(shell.waitFor { $0.contains("$ ") }.ok)
        try shell.type("\(Fixture.binary) -e 'facts | agg n = count()' \(folder) | cat; echo status=${PIPESTATUS[0]}")
        try shell.keys("Enter")
        // The load waits on the pipe for longer than the line's delay: a line would show by now.
        Thread.sleep(forTimeInterval: 1)
        #expect(!shell.screen().contains("files, "), "screen:\n\(shell.screen())")
        let fed = try Self.feed(pipe)
        #expect(fed == nil, "\(fed ?? "")")
        let done = shell.waitFor(timeout: 120) { $0.contains("status=3") }
        #expect(done.ok, "screen:\n\(done.screen)")
        #expect(!done.screen.contains("files, "))
    }

    /// A named pipe given as the path is opened once: peeking at it (is it a workspace? a large
    /// file to stream?) used to open it, take the writer's data and throw it away, and the read
    /// that followed waited for ever for a second writer.
    @Test func aNamedPipeIsReadOnce() throws {
        let (_, pipe) = try Self.folderWithPipe()
        let fed = Self.feedLater(pipe, after: 0.3)
        let result = try runFiscal(["-X", "-e", Self.count, pipe], timeout: 120)
        let problem = fed()
        #expect(problem == nil, "\(problem ?? "")")
        let direct = try runFiscal(["-X", "-e", Self.count, Fixture.exampleCSV])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == direct.out && !direct.out.isEmpty, "\(result.out) against \(direct.out)")
    }

    /// With standard error piped there are no control sequences in it at all.
    @Test func pipedStandardErrorHasNoProgressSequences() throws {
        let (folder, pipe) = try Self.folderWithPipe()
        let fed = Self.feedLater(pipe, after: 0.8)
        let result = try runFiscal(["-X", "-e", Self.count, folder], timeout: 120)
        let problem = fed()
        #expect(problem == nil, "\(problem ?? "")")
        #expect(result.status == 3)
        #expect(result.err.contains("could not load 1 of 3 files"), "\(result.err)")
        #expect(!result.err.contains("\u{1B}") && !result.err.contains("\r"), "\(result.err.debugDescription)")
        #expect(!result.out.isEmpty)
    }
}
