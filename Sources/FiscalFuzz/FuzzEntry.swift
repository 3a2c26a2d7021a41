import BuiltinFormats
import FiscalFormat
import FiscalModel
import FiscalQuery
import FiscalShell

#if canImport(Glibc)
import Glibc
#endif

/// What each fuzz target does with one input. The libFuzzer executables under `Fuzz/` call
/// these, the regression tests call them on every input a fuzzer ever crashed on, and each
/// checks properties beyond "does not crash": a report that loads stays within the model's
/// bounds and survives a JSON round trip; rendered output carries no raw control character.
public enum FuzzEntry {
    /// The targets, by the name of their executable.
    public static let targets: [String: @Sendable ([UInt8]) -> Void] = [
        "FuzzNarrative": { read($0, format: "narrative") },
        "FuzzTables": { read($0, format: "tables") },
        "FuzzCSV": { read($0, format: "csv") },
        "FuzzJSON": { json($0) },
        "FuzzQuery": { query($0) },
    ]

    /// One file through a reader: decoding, the format (forced, so it runs even when detection
    /// would pass the file by), and the bounds every loaded report must keep. Also detection.
    public static func read(_ bytes: [UInt8], format: String) {
        let registry = BuiltinFormats.registry
        _ = registry.detect(FileSample(path: "fuzz.txt", bytes: Array(bytes.prefix(FileSample.size))))
        guard let result = try? registry.read(bytes: bytes, path: "fuzz.txt", format: format) else { return }
        for report in result.reports {
            require(report.boundsViolation == nil, "a loaded report is out of bounds: \(report.boundsViolation!.message)")
        }
        roundTrip(result.reports)
    }

    /// JSON text through the parser and the model decoder; a model that decodes must encode
    /// and decode to the same reports.
    public static func json(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self), let value = try? JSON.parse(text) else { return }
        _ = value.text(pretty: true)
        guard let reports = try? ModelJSON.decodeReports(value) else { return }
        roundTrip(reports)
        _ = try? BuiltinFormats.registry.read(bytes: bytes, path: "fuzz.json", format: "json")
    }

    /// Up to eight statements (one per line) run against the bundled county example, each
    /// rendered in every output mode; `:` commands are skipped (they write and read files).
    public static func query(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let session = Session()
        if (try? session.load([exampleFile])) == nil { require(false, "the fuzz example did not load") }
        let console = Console(out: { checkTerminalSafe($0) }, err: { checkTerminalSafe($0) })
        let runner = StatementRunner(session: session, console: console)
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(8) {
            let statement = String(line)
            if statement.drop(while: { $0.isWhitespace }).hasPrefix(":") { continue }
            for mode in OutputMode.allCases {
                session.options.mode = mode
                _ = runner.execute(statement, origin: "fuzz")
            }
        }
        _ = try? Parser.parse(text)
    }

    /// The county example the query target loads: Examples/county-office-2019-2021.csv of this
    /// checkout, found from this source file's path (the targets run from any folder).
    static let exampleFile: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        return path + "/Examples/county-office-2019-2021.csv"
    }()

    static func roundTrip(_ reports: [Report]) {
        let encoded = ModelJSON.encode(reports)
        guard let again = try? ModelJSON.decodeReports(JSON.parse(encoded.text())) else {
            require(false, "a model that loaded does not read back from its own JSON")
            return
        }
        require(again.count == reports.count, "the JSON round trip changed the number of reports")
        for (a, b) in zip(reports, again) {
            require(a.facts.map(\.amount) == b.facts.map(\.amount), "the JSON round trip changed an amount")
        }
    }

    /// No control character reaches a terminal except line feeds (colour is off here).
    static func checkTerminalSafe(_ text: String) {
        if let s = rawControl(in: text) {
            require(false, "rendered output holds a raw control character U+\(String(s.value, radix: 16))")
        }
    }

    /// The first control character of `text` other than a line feed, if any.
    public static func rawControl(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }
    }

    /// A property failure: abort so that the fuzzer records the input.
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard !condition else { return }
        Console.standard.err("fuzz property failed: \(message())\n")
        abort()
    }

    /// The canonical JSON model of the reports a file loads as (seeds for the JSON target).
    public static func modelJSON(ofFile path: String) -> String? {
        guard let result = try? BuiltinFormats.registry.load(file: path) else { return nil }
        return ModelJSON.encode(result.reports).text(pretty: true)
    }

    /// The body of a target's `LLVMFuzzerTestOneInput`.
    public static func fuzz(_ target: String, _ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        targets[target]!(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }

    /// The body of a target's replay `main`: runs the files named on the command line.
    public static func replayMain(_ target: String) {
        let n = replay(CommandLine.arguments.dropFirst(), targets[target]!)
        print("\(target): \(n) input\(n == 1 ? "" : "s") ran")
    }

    /// Runs `target` on each file named (the replay mode of the fuzz executables built without
    /// libFuzzer); returns the number of inputs run.
    @discardableResult
    public static func replay(_ paths: some Sequence<String>, _ target: ([UInt8]) -> Void) -> Int {
        var n = 0
        for path in paths {
            guard let bytes = try? FileSystem.read(path) else {
                Console.standard.err("cannot read \(path)\n")
                continue
            }
            target(bytes)
            n += 1
        }
        return n
    }
}
