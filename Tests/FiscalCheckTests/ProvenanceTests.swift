import FiscalCheck
import FiscalModel
import FiscalShell
import Foundation
import TestSupport
import Testing

/// The folder of this file's fixtures.
let fixtures: String = {
    let path = #filePath
    return String(path[..<path.lastIndex(of: "/")!]) + "/Fixtures"
}()

@Suite("provenance, glossary and the command line")
struct ProvenanceTests {
    @Test func lookupByValueFindsFactsAndClaims() {
        let hits = Provenance.lookup("546.41", in: [SeedReport.make()])
        #expect(hits.map(\.span.line) == [30])
        let byUnit = Provenance.lookup("59.54%", in: [SeedReport.make()])
        #expect(byUnit.map(\.kind) == [.claim] && byUnit.first?.span.line == 69)
        // By value: 24.80 finds the 24.8 of line 47.
        #expect(Provenance.lookup("24.80", in: [SeedReport.make()]).map(\.span.line) == [47])
    }

    @Test func lookupByItemSubstring() {
        let hits = Provenance.lookup("基本支出", in: [SeedReport.make()])
        #expect(hits.map(\.span.line) == [30, 60])
        #expect(Provenance.lookup("三公", in: [SeedReport.make()]).first?.span.line == 67)
    }

    @Test func spansSurviveJSONExportAndImport() throws {
        let report = SeedReport.make()
        let text = ModelJSON.encode([report]).text(pretty: true)
        let back = try ModelJSON.decodeReports(try JSON.parse(text))
        #expect(back.first?.facts.map(\.span) == report.facts.map(\.span))
        #expect(back.first?.claims.map(\.span) == report.claims.map(\.span))
        #expect(back.first?.facts == report.facts)
    }

    @Test func sourceHighlightsTheFigureInItsLine() throws {
        // Line 30 of the excerpt is line 30 of the seed.
        let file = fixtures + "/excerpt.txt"
        var b = ReportBuilder(file: file)
        b.fact(.expenditure, "基本支出", "546.41", line: 30, column: 29)
        let cache = SourceCache()
        let out = CheckCommand.source("546.41", session: Session(), cache: cache)
        #expect(out.hasPrefix("no figure"))
        let loaded = Session()
        try loaded.load([writeModel([b.report])])
        let text = CheckCommand.source("546.41", session: loaded, cache: cache)
        #expect(text.contains("\(file):30:29: 基本支出 546.41万元"))
        #expect(text.contains("其中：基本支出[[546.41]]万元，占41.38%"))
        let table = CheckCommand.table(loaded)
        #expect(table.rows.isEmpty)
        #expect(CheckCommand.source(row: 1, of: table, session: loaded).hasPrefix("no row 1"))
        var findings = ResultTable(columns: [.init("x", .text)])
        findings.append([.text("x")], sources: [SourceSpan(file: file, line: 30, startColumn: 29, endColumn: 35)])
        #expect(CheckCommand.source(row: 1, of: findings, session: loaded).contains("[[546.41]]"))
    }

    @Test func explainPrefersTheReportsOwnEntry() {
        var b = ReportBuilder()
        b.report.glossary = [GlossaryEntry(term: "“三公”经费", explanation: "指部门用财政拨款安排的……", span: SourceSpan(file: "seed.txt", line: 771))]
        let own = Glossary.explain("三公经费", in: [b.report])
        #expect(own.count == 1 && own[0].report == "县委办" && own[0].span?.line == 771)
        let bundled = Glossary.explain("年末结转和结余", in: [b.report])
        #expect(bundled.count == 1 && bundled[0].report == nil && bundled[0].text.hasPrefix("指本年度或以前年度预算安排"))
        #expect(Glossary.explain("款", in: []).first?.term == "功能分类")
        for term in ["基本支出", "项目支出", "财政拨款收入", "年初结转和结余", "机关运行经费", "一般公共预算", "政府性基金预算",
                     "国有资本经营预算", "人员经费", "公用经费", "事业收入", "经营收入", "其他收入", "上缴上级支出",
                     "对附属单位补助支出", "结余分配", "决算", "预算", "类", "经济分类"] {
            #expect(Glossary.explain(term, in: []).count == 1, "no single entry for \(term)")
        }
    }

    // MARK: fiscal check, the real binary

    /// The real binary (``runFiscal``), its standard output and error together as a shell's
    /// `2>&1` would show them.
    func fiscal(_ arguments: [String]) -> (status: Int32, out: String) {
        guard let r = try? runFiscal(arguments) else { return (-1, "") }
        return (r.status, r.out + r.err)
    }

    @Test func checkExitStatuses() {
        let clean = fiscal(["check", fixtures + "/clean.json"])
        #expect(clean.status == 0, "\(clean.out)")
        #expect(clean.out.contains("0 errors"))
        let error = fiscal(["check", fixtures + "/error.json", "-o", "csv"])
        #expect(error.status == 1, "\(error.out)")
        #expect(error.out.contains("error,repeated,县委办"))
        #expect(error.out.contains("seed.txt:30, seed.txt:60"))
        #expect(fiscal(["check", fixtures + "/broken.json"]).status == 3)
        #expect(fiscal(["check", fixtures + "/missing.json"]).status == 3)
    }

    /// A model file with `reports`, in a temporary folder.
    func writeModel(_ reports: [Report]) -> String {
        let path = TestPaths.temporaryFolder() + "/model.json"
        try! ModelJSON.encode(reports).text(pretty: true).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
