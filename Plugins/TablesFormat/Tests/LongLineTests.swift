import FiscalFormat
import FiscalModel
import Foundation
import Testing
import TablesFormat

/// A line far longer than any a table or its text prints (issue 11: a 1 MB line without a
/// newline) is not read, and a `long-line` warning names the file and the line; the rest of
/// the document reads as without it. (How fast: Benchmarks/readers.sh.)
@Suite("tables: a very long line")
struct LongLineTests {
    /// Jiangsu 01 (tables and narrative) with a 2 MB line of figures and words put in after
    /// line `after`.
    static func document(after: Int) throws -> (SourceText, Int) {
        let text = try String(contentsOfFile: Corpus.path("jiangsu/01_江苏省人大办公厅_2017_部门预算.txt"), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let unit = "一般公共服务支出 1,234.56 万元，增长 3.5%；"
        let long = String(repeating: unit, count: 2_000_000 / unit.utf8.count + 1)
        #expect(long.utf8.count > 2_000_000)
        lines.insert(long, at: after)
        return (SourceText(text: lines.joined(separator: "\n"), path: "长行.txt"), after + 1)
    }

    @Test("in the narrative, inside a table, and as the last line without a newline", arguments: [500, 160, -1])
    func warnsAndReadsTheRest(after: Int) throws {
        let plain = try Corpus.report("jiangsu/01_江苏省人大办公厅_2017_部门预算.txt")
        let count = try String(contentsOfFile: Corpus.path("jiangsu/01_江苏省人大办公厅_2017_部门预算.txt"), encoding: .utf8)
            .components(separatedBy: "\n").count
        let (source, line) = try Self.document(after: after < 0 ? count : after)
        let r = try TablesFormat().read(source).reports[0]
        let warnings = r.warnings.filter { $0.code == "long-line" }
        #expect(warnings.count == 1)
        #expect(warnings.first?.span?.file == "长行.txt" && warnings.first?.span?.line == line)
        #expect(warnings.first?.message.contains("2000") == true || warnings.first?.message.contains("byte") == true)
        // No figure comes from the long line, and the tables read as before (a line inside
        // the 收支预算总表 only shifts the line numbers below it).
        #expect(!r.facts.contains { $0.span.line == line })
        let codes = { (r: Report) in r.facts.filter { $0.reading.isTable }.map { "\($0.statement)|\($0.item)|\($0.measure)|\($0.amount)" } }
        #expect(codes(r) == codes(plain))
    }
}
