import Foundation
import Testing

/// Every ```fiscal block of docs/LANGUAGE.md starts with `> query`; the rest of the block is
/// what fiscal prints for it against Examples/county-office-2019-2021.csv, or against the files
/// the fence names (```fiscal Examples/corpus/jiangsu).
@Suite struct GoldenLanguageDocTests {
    @Test func examplesPrintWhatTheDocumentSays() throws {
        let path = Golden.root + "/docs/LANGUAGE.md"
        let doc = try String(contentsOfFile: path, encoding: .utf8)
        let lines = doc.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var output: [String] = []
        var i = 0
        var count = 0
        while i < lines.count {
            output.append(lines[i])
            guard lines[i] == "```fiscal" || lines[i].hasPrefix("```fiscal ") else { i += 1; continue }
            // "```fiscal PATH …": the block runs against these files (relative to the package root).
            let paths = lines[i].split(separator: " ").dropFirst().map(String.init)
            var j = i + 1
            var block: [String] = []
            while j < lines.count && lines[j] != "```" { block.append(lines[j]); j += 1 }
            guard let first = block.first, first.hasPrefix("> ") else {
                Issue.record("a fiscal block must start with `> query` (line \(i + 1))")
                i = j
                continue
            }
            count += 1
            let command = String(first.dropFirst(2))
            let actual = Golden.run(command, paths: paths.isEmpty ? nil : paths)
            let expected = block.dropFirst().joined(separator: "\n") + "\n"
            if !Golden.recording { #expect(actual == expected, "docs/LANGUAGE.md line \(i + 1): \(command)") }
            output.append(first)
            output += actual.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            output.append("```")
            i = j + 1
        }
        #expect(count >= 10)
        if Golden.recording { try output.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8) }
    }
}
