import Foundation
import Testing

/// `-o markdown` and `-o html` of a whole script, read back by real parsers (markdown-it-py and
/// html5lib, installed by .ci/run): one table per result, notes as quotes, a valid page.
@Suite(.serialized)
struct DocumentOutputTests {
    let folder = Fixture.temporaryFolder()
    let script = Fixture.root + "/Examples/classroom.fql"

    /// Runs a Python checker over `file` and decodes what it printed.
    func check(_ checker: String, _ file: String) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixture.root + "/Tests/FiscalShellTests/Scripts/" + checker, file]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(checker) failed (python3 with markdown-it-py and html5lib?)")
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The row counts of the tables the same script prints in table mode (its `(N rows)` lines).
    func tableRows() throws -> [Int] {
        let plain = try runFiscal(["-X", "-f", script])
        #expect(plain.status == 0)
        return plain.out.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("("), line.hasSuffix("rows)") || line.hasSuffix("row)") else { return nil }
            return Int(line.dropFirst().prefix { $0.isNumber })
        }
    }

    func tableCount() throws -> Int { try tableRows().count }

    @Test func markdownOfAScriptIsOneSectionPerResult() throws {
        let result = try runFiscal(["-X", "-o", "markdown", "-f", script])
        #expect(result.status == 0, "\(result.err)")
        let file = folder + "/lesson.md"
        try result.out.write(toFile: file, atomically: true, encoding: .utf8)
        let found = try check("check_markdown.py", file)
        let expected = try tableCount()
        #expect(expected >= 6)
        #expect(found["tables"] as? Int == expected, "markdown-it found \(found), the table output has \(expected) tables")
        // Each table whole: as many body rows as the table output counts, in the same order.
        #expect(found["rows"] as? [Int] == (try tableRows()), "\(found)")
        // Notes are quotes (`> note: …`), never lines of a table.
        let notes = result.out.split(separator: "\n").filter { $0.contains("note: ") }
        #expect(!notes.isEmpty && notes.allSatisfy { $0.hasPrefix("> note: ") })
        #expect((found["quotes"] as? Int ?? 0) >= 1)
        // `source` and `explain` text sits in fenced blocks; the script's comments are prose.
        #expect((found["fences"] as? Int ?? 0) >= 2)
        #expect(result.out.contains("Step 1. What did fiscal read?"))
    }

    @Test func markdownEchoPutsEachStatementInACodeBlock() throws {
        let result = try runFiscal(["-X", "--echo", "-o", "markdown", "-c", "drill 201", "-c", "facts | count",
                                    Fixture.root + "/Examples/wusheng-2020-决算.txt"])
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("```fql\ndrill 201\n```\n\n| code |"), "\(result.out)")
        #expect(result.out.contains("```fql\nfacts | count\n```"))
    }

    @Test func htmlOfAScriptIsAValidPage() throws {
        let result = try runFiscal(["-X", "-o", "html", "-f", script], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(result.status == 0, "\(result.err)")
        let file = folder + "/lesson.html"
        try result.out.write(toFile: file, atomically: true, encoding: .utf8)
        let found = try check("check_html.py", file)
        #expect(found["doctype"] as? Bool == true)
        #expect(found["lang"] as? String == "zh-Hans")
        #expect(found["charset"] as? [String] == ["UTF-8"])
        #expect(found["tables"] as? Int == (try tableCount()))
        #expect(found["rows"] as? [Int] == (try tableRows()), "\(found)")
        #expect((found["numeric_cells"] as? Int ?? 0) > 20)
        #expect(found["style_right_aligns_num"] as? Bool == true)
        #expect(found["cjk_fonts"] as? Bool == true)
        #expect(result.out.contains("<th class=\"num\">金额</th>"), "headings in Chinese")
        // One page, not one per statement.
        #expect(result.out.components(separatedBy: "<!DOCTYPE html>").count == 2)
    }

    @Test func chartsInDocuments() throws {
        let seed = Fixture.root + "/Examples/wusheng-2020-决算.txt"
        let md = try runFiscal(["-X", "-o", "markdown", "-c", "drill 20131 | chart", "-c", "drill 20131", seed])
        #expect(md.status == 0)
        // The chart's text drawing is a fenced block; the table after it is a table of its own.
        #expect(md.out.hasPrefix("```text\ndrill 20131"), "\(md.out)")
        #expect(md.out.contains("\n\n| code | name | amount | share |"))
        let html = try runFiscal(["-X", "-o", "html", "-c", "drill 20131 | chart", seed])
        let file = folder + "/chart.html"
        try html.out.write(toFile: file, atomically: true, encoding: .utf8)
        let found = try check("check_html.py", file)
        #expect(found["doctype"] as? Bool == true, "valid page")
        #expect(html.out.components(separatedBy: "<svg").count == 2, "one chart, drawn as SVG in the page")
    }

    @Test func amountsStayExactInCSVAndJSONWhateverTheDisplaySettings() throws {
        let rc = folder + "/fiscal"
        try FileManager.default.createDirectory(atPath: rc, withIntermediateDirectories: true)
        try ":set decimals 0\n:set thousands on\n".write(toFile: rc + "/fiscalrc", atomically: true, encoding: .utf8)
        let env = ["XDG_CONFIG_HOME": folder]
        let query = "facts | where code = \"201\" and year = 2019 | select amount"
        let table = try runFiscal(["-c", query, Fixture.exampleCSV], environment: env)
        #expect(table.out.contains("1,081\n"), "\(table.out)")
        let csv = try runFiscal(["-o", "csv", "-c", query, Fixture.exampleCSV], environment: env)
        #expect(csv.out == "amount\n1080.50\n", "\(csv.out)")
        let json = try runFiscal(["-o", "json", "-c", query, Fixture.exampleCSV], environment: env)
        #expect(json.out.contains("1080.50"))
        // -X skips the start-up file.
        let skipped = try runFiscal(["-X", "-c", query, Fixture.exampleCSV], environment: env)
        #expect(skipped.out.contains("1080.50"))
    }
}
