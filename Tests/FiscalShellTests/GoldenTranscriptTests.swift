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
                #expect(actual + "\n" == expected, "\(file): \(command)")
            }
        }
        if Golden.recording { try recorded.write(toFile: path, atomically: true, encoding: .utf8) }
    }
}
