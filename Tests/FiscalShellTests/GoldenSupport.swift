import FiscalShell
import Foundation
import Synchronization
import Testing

/// Runs transcripts through the same entry point as the executable (`Launcher.run`) and
/// compares them with text files; `RECORD_GOLDEN=1 swift test` rewrites the files.
enum Golden {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/FiscalShellTests/GoldenSupport.swift
        return parts.joined(separator: "/")
    }()
    static let example = root + "/Examples/county-office-2019-2021.csv"
    static var recording: Bool {
        (getenv("RECORD_GOLDEN").map { String(cString: $0) } ?? "") == "1"
    }

    /// What `fiscal [-o MODE] -e QUERY example.csv` prints: standard output, then standard
    /// error, then the exit status when it is not 0. A command may start with `-o MODE `;
    /// `paths` (relative to the package root) replace the example.
    static func run(_ command: String, paths: [String]? = nil) -> String {
        var options = LaunchOptions()
        var query = command
        if command.hasPrefix("-o ") {
            let parts = command.split(separator: " ", maxSplits: 2)
            options.output = OutputMode(rawValue: String(parts[1]))
            query = parts.count > 2 ? String(parts[2]) : ""
        }
        options.queries = [query]
        options.paths = paths?.map { root + "/" + $0 } ?? [example]
        let out = Mutex(""), err = Mutex("")
        let console = Console(out: { s in out.withLock { $0 += s } }, err: { s in err.withLock { $0 += s } })
        let status = Launcher.run(options, console: console, environment: [:], stdinIsTerminal: false)
        var text = out.withLock { $0 } + err.withLock { $0 }
        if status != 0 { text += "exit: \(status)\n" }
        return text
    }

    /// Cases of a transcript: `>>> command` lines, each followed by its expected output.
    static func cases(_ text: String, marker: String) -> [(command: String, expected: String)] {
        var result: [(String, String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(marker) {
                result.append((String(line.dropFirst(marker.count)), ""))
            } else if !result.isEmpty {
                result[result.count - 1].1 += line + "\n"
            }
        }
        return result.map { ($0.0, $0.1) }
    }
}

