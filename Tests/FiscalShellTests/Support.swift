import Foundation
import Synchronization
@testable import FiscalShell

/// Paths the tests need: the package root, the example data, the built binary.
enum Fixture {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let exampleCSV = root + "/Examples/county-office-2019-2021.csv"

    /// The `fiscal` binary built beside the test bundle, else under `.build/debug`.
    static let binary: String = {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [besideTests, besideTests.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("fiscal").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return root + "/.build/debug/fiscal"
    }()

    /// A fresh empty folder.
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "fiscal-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A console that collects what is written.
final class CollectingConsole: Sendable {
    private let outText = Mutex("")
    private let errText = Mutex("")

    var console: Console {
        Console(out: { s in self.outText.withLock { $0 += s } }, err: { s in self.errText.withLock { $0 += s } })
    }

    var out: String { outText.withLock { $0 } }
    var err: String { errText.withLock { $0 } }
}

/// What running the binary produced.
struct RunResult {
    var status: Int32
    var out: String
    var err: String
}

/// Runs the built binary with arguments, standard input and extra environment; waits.
func runFiscal(_ arguments: [String], input: String? = nil, environment: [String: String] = [:],
               directory: String = Fixture.root) throws -> RunResult {
    try runProgram(Fixture.binary, arguments, input: input, environment: environment, directory: directory)
}

/// Runs an executable with arguments, standard input and extra environment; waits.
func runProgram(_ executable: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:],
                directory: String = Fixture.root) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = nil
    // The user's language and start-up file must not change what a test sees.
    env["LC_ALL"] = nil
    env["LC_MESSAGES"] = nil
    env["LANGUAGE"] = nil
    env["LANG"] = "C.UTF-8"
    env["XDG_CONFIG_HOME"] = "/nonexistent"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    // Read both pipes at once: a child that fills one while we wait on the other would block.
    nonisolated(unsafe) var err = Data()
    let errDone = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        err = stderr.fileHandleForReading.readDataToEndOfFile()
        errDone.signal()
    }
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    errDone.wait()
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus, out: String(decoding: out, as: UTF8.self),
                     err: String(decoding: err, as: UTF8.self))
}
