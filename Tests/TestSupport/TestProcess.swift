import Foundation

/// Where the tests find the package, the built `fiscal` binary and fresh folders: shared by
/// every test target that runs the real program.
public enum TestPaths {
    /// The package root (this file is Tests/TestSupport/TestProcess.swift).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The `fiscal` binary built beside the test bundle, else under `.build/debug`.
    public static let binary: String = {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [besideTests, besideTests.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("fiscal").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return root + "/.build/debug/fiscal"
    }()

    /// A fresh empty folder under the temporary directory.
    public static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "fiscal-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// What running a program produced.
public struct RunResult: Sendable {
    public var status: Int32
    public var out: String
    public var err: String
}

/// Runs the built `fiscal` binary with arguments, standard input and extra environment; waits.
public func runFiscal(_ arguments: [String], input: String? = nil, environment: [String: String] = [:],
                      directory: String = TestPaths.root, timeout: Double? = nil) throws -> RunResult {
    try runProgram(TestPaths.binary, arguments, input: input, environment: environment, directory: directory, timeout: timeout)
}

/// Runs an executable with arguments, standard input and extra environment; waits. The user's
/// language, colour setting and start-up file are taken out of the environment (English
/// messages, no fiscalrc), so what a test sees does not depend on who runs it. With a
/// `timeout`, a program still running after that many seconds is killed (status 9 from the
/// signal): a test of something that could hang fails instead of hanging the suite.
public func runProgram(_ executable: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:],
                       directory: String = TestPaths.root, timeout: Double? = nil) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = nil
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
    let killer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer) }
    defer { killer.cancel() }
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
