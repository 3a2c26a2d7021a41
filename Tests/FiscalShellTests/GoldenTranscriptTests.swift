import Foundation
import Testing

/// Each file in Golden/ holds `>>> command` lines and the output fiscal prints for them.
@Suite struct GoldenTranscriptTests {
    static let files = ["queries.txt", "errors.txt"]

    @Test(arguments: files) func transcript(_ file: String) throws {
        let path = Golden.root + "/Tests/FiscalShellTests/Golden/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let cases = Golden.cases(text, marker: ">>> ")
        #expect(!cases.isEmpty)
        var recorded = ""
        for (command, expected) in cases {
            let actual = Golden.run(command)
            recorded += ">>> \(command)\n\(actual)\n"
            if !Golden.recording {
                #expect(trimmed(actual) == trimmed(expected), "\(file): \(command)")
            }
        }
        func trimmed(_ s: String) -> Substring {
            var t = Substring(s)
            while t.last == "\n" { t.removeLast() }
            return t
        }
        if Golden.recording { try recorded.write(toFile: path, atomically: true, encoding: .utf8) }
    }
}
