import BuiltinFormats
import FiscalCheck
@testable import FiscalFormat
import FiscalModel
import FiscalQuery
import Foundation
import TestSupport
import Testing

/// The canonical CSV loads straight into columns (``FactColumns``): no ``Fact`` is built per
/// row, and the query engine shares the columns. These tests hold the columnar path against
/// what the rows say (facts written by the test and read back) and against the path of facts
/// held one by one (the same reports with their facts as an array), query by query and
/// `source` by `source`.
@Suite struct ColumnarLoadingTests {
    static let header = "entity,year,phase,statement,item,code,econ_code,fund,measure,amount,unit,derived,file,line\n"

    /// A CSV field as a writer quotes it.
    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// Random rows (quoted names, Chinese text, amounts of every scale up to 12 and up to 20
    /// integer digits, negative, count units, derived figures, rows with and without a source
    /// place, repeated keys) and the facts each row states.
    static func randomCSV(seed: UInt64, rows: Int, path: String) -> (text: String, facts: [Fact]) {
        var rng = SplitMix(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        let entities = ["县委办", "县财政局", "示例县\"教育\"局", "街道办事处, 东区", "上海市普陀区文化和旅游局"]
        let statements = ["一般公共预算财政拨款支出", "三公经费", "收入", "支出"]
        let items = ["行政运行", "机关服务, 其他", "含\"引号\"的项目", "一般公共服务支出", "公务用车购置及运行维护费", "其他支出"]
        let codes = ["", "", "201", "20131", "2013101", "2013102", "2050201", "2080501"]
        let econ = ["", "", "", "30101", "302", "30211"]
        let funds = ["", "一般公共预算", "政府性基金预算"]
        let measures = ["", "", "合计", "基本支出", "项目支出", "年初预算"]
        let units = ["万元", "万元", "元", "", "辆"]
        var text = header
        var facts: [Fact] = []
        var line = 2
        for _ in 0..<rows {
            let entity = pick(entities), year = 2016 + Int(rng.next() % 10), phase: Phase = rng.next() % 3 == 0 ? .budget : .final
            let statement = pick(statements), item = pick(items), code = pick(codes), econCode = pick(econ), fund = pick(funds)
            let measure = pick(measures), unit = pick(units)
            let scale = Int(rng.next() % 13)
            let digits: Int128 = switch rng.next() % 4 {
            case 0: Int128(rng.next() % 1000)
            case 1: Int128(rng.next() % 10_000_000_000)
            case 2:
                // Up to 20 digits before the point, at most 30 in all (what an amount may have).
                (0..<min(30, Int(rng.next() % 21) + scale)).reduce(Int128(0)) { m, _ in m * 10 + Int128(rng.next() % 10) }
            default: Int128(rng.next() % 100)
            }
            let amount = Amount(mantissa: rng.next() % 3 == 0 ? -digits : digits, scale: scale)
            let derived = pick(["", "", "false", "true"])
            let place = rng.next() % 3
            let file = place == 0 ? "" : place == 1 ? "原文.txt" : ""
            let sourceLine = place == 0 ? "" : String(1 + rng.next() % 500)
            let fields = [entity, String(year), phase.rawValue, statement, item, code, econCode, fund, measure, amount.description,
                          unit, derived, file, sourceLine]
            let row = fields.map(field).joined(separator: ",")
            text += row + "\n"
            let span = place == 0 ? SourceSpan(file: path, line: line, startColumn: 1, endColumn: row.count + 1)
                : SourceSpan(file: file.isEmpty ? path : file, line: Int(sourceLine)!)
            facts.append(Fact(
                entity: entity, year: year, phase: phase, statement: Statement(rawValue: statement), item: item,
                code: ClassificationCode(rawValue: code), econCode: ClassificationCode(rawValue: econCode),
                fund: fund.isEmpty ? nil : Fund(rawValue: fund),
                measure: measure.isEmpty ? .total : Measure(printed: measure, phase: phase), amount: amount,
                unit: FactUnit(name: unit.isEmpty ? "万元" : unit), derived: derived == "true", reading: .data, span: span))
            line += 1
        }
        return (text, facts)
    }

    /// The reports `facts` make (rows of one entity, year and phase, in the order first met), folded.
    static func expectedReports(_ facts: [Fact], path: String) -> [Report] {
        var order: [String] = []
        var byKey: [String: [Fact]] = [:]
        for f in facts {
            let key = "\(f.entity)|\(f.year)|\(f.phase)"
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(f)
        }
        return order.map { key in
            let fs = byKey[key]!
            let unit = MoneyUnit(rawValue: fs[0].unit.description) ?? .wanYuan
            return Report(entity: fs[0].entity, year: fs[0].year, phase: fs[0].phase, unit: unit, source: path, format: "csv",
                          facts: fs).folded()
        }
    }

    /// Reads `text` as the host reads a file (detection, the CSV reader, bounds, folding).
    static func load(_ text: String, path: String) throws -> [Report] {
        try BuiltinFormats.registry.read(bytes: Array(text.utf8), path: path).reports
    }

    /// The same reports with their facts held one by one (the path every other format takes).
    static func asArrays(_ reports: [Report]) -> [Report] {
        reports.map { r in
            var r = r
            r.facts = FactList(Array(r.facts))
            return r
        }
    }

    static let queries = [
        "facts", "facts | select entity, year, item, code, econ_code, fund, measure, amount, unit, derived, file, line",
        "facts | group 类 | sum amount", "facts | where code under 201 | group 款 | sum amount",
        "facts | group entity, year | sum amount", "facts | group entity | sum amount | top 10 by amount",
        "facts | group year | sum amount", "facts | where item ~ \"运行\" | agg n = count()",
        "facts | where year = 2020 | drill 201 depth 2", "facts | where code under 201 | compare year",
        "facts | group unit, measure | agg n = count(), total = sum(amount)", "facts | where disputed",
        "facts | group fund, phase | agg low = min(amount), high = max(amount)", "facts | sort amount desc | limit 7",
        "facts | group statement, 项 | sum amount", "facts | where derived | select entity, item, amount",
    ]

    /// Each query's result (columns, rows, notes, each row's sources and what `source` shows
    /// for them), or its error.
    static func outcomes(_ reports: [Report], threads: Int = 2) -> [String] {
        var context = QueryContext(reports: reports)
        context.threads = threads
        return queries.map { q in
            do {
                let t = try QueryEngine.run(q, in: &context)
                let sources = (0..<t.rows.count).map { r in
                    let spans = t.sources(ofRow: r)
                    let hits = r < 12 ? Provenance.facts(at: Array(spans.prefix(50)), in: reports) : []
                    return spans.map(\.description).joined(separator: " ") + " ⇒ " + hits.map { "\($0)" }.joined(separator: "; ")
                }
                return "\(q)\n\(t.columns.map(\.name))\n\(t.rows)\n\(t.notes)\n\(sources)"
            } catch {
                return "\(q)\nerror: \(error)"
            }
        }
    }

    static func assertSameAnswers(_ columnar: [Report], _ arrays: [Report], sourceLocation: SourceLocation = #_sourceLocation) {
        let a = outcomes(columnar), b = outcomes(arrays)
        for (x, y) in zip(a, b) { #expect(x == y, sourceLocation: sourceLocation) }
        #expect(outcomes(columnar, threads: 1) == a, sourceLocation: sourceLocation)
    }

    @Test("random CSV: the columns give the facts the rows state, and every query and `source` answers as with facts one by one",
          arguments: [1, 2, 3, 4] as [UInt64])
    func randomFiles(seed: UInt64) throws {
        let path = "random-\(seed).csv"
        let (text, facts) = Self.randomCSV(seed: seed, rows: 400, path: path)
        let loaded = try Self.load(text, path: path)
        let expected = Self.expectedReports(facts, path: path)
        #expect(loaded.count == expected.count)
        for (r, e) in zip(loaded, expected) {
            #expect(r.entity == e.entity && r.year == e.year && r.phase == e.phase && r.unit == e.unit)
            #expect(Array(r.facts) == Array(e.facts), "\(r.entity) \(r.year) \(r.phase)")
        }
        // Repeated keys were folded (some reports are arrays now), the others stayed columns.
        #expect(loaded.contains { $0.facts.columns != nil })
        Self.assertSameAnswers(loaded, Self.asArrays(loaded))
    }

    @Test("a file of reports without repeated keys stays in columns end to end, and the store shares them")
    func staysColumnar() throws {
        var text = Self.header
        for e in ["县委办", "县财政局"] {
            for year in 2019...2021 {
                for (i, code) in ["2013101", "2013102", "2013103", "2050201"].enumerated() {
                    text += "\(e),\(year),决算,一般公共预算财政拨款支出,项目\(i),\(code),,一般公共预算,,\(100 * i + year % 7).2\(i),万元,,,\n"
                }
            }
        }
        let loaded = try Self.load(text, path: "plain.csv")
        #expect(loaded.count == 6 && loaded.allSatisfy { $0.facts.columns != nil })
        let first = loaded[0].facts.columns!.columns
        #expect(loaded.allSatisfy { $0.facts.columns!.columns === first })
        #expect(loaded.map { $0.facts.columns!.range } == (0..<6).map { $0 * 4..<($0 * 4 + 4) })
        // Assembling them (as the shell does) keeps them columns.
        let assembly = ReportAssembly(loaded)
        #expect(assembly.reports.allSatisfy { $0.facts.columns != nil })
        Self.assertSameAnswers(assembly.reports, Self.asArrays(assembly.reports))
        #expect(loaded[1].facts[2].span == SourceSpan(file: "plain.csv", line: 8, startColumn: 1,
                                                       endColumn: "县委办,2020,决算,一般公共预算财政拨款支出,项目2,2013103,,一般公共预算,,202.22,万元,,,".count + 1))
    }

    @Test("the example file, the query tests' fixture and two files at once answer as facts one by one do")
    func examples() throws {
        let county = try String(contentsOfFile: Fixture.exampleCSV, encoding: .utf8)
        let fixture = Self.header + """
            县委办,2020,决算,一般公共预算财政拨款支出,一般公共服务支出,201,,一般公共预算,,100.00,万元,,t.csv,2
            县委办,2020,决算,一般公共预算财政拨款支出,行政运行,2013101,,一般公共预算,,60.00,万元,,t.csv,3
            县委办,2020,决算,一般公共预算财政拨款支出,机关服务,2013103,,一般公共预算,,40.01,万元,,t.csv,4
            县委办,2020,决算,三公经费,公务接待费,,,一般公共预算,,7.54,万元,,t.csv,5
            县委办,2019,决算,一般公共预算财政拨款支出,行政运行,2013101,,一般公共预算,,50.00,万元,,t.csv,6
            县委办,2019,决算,三公经费,公务接待费,,,一般公共预算,,10.00,万元,true,t.csv,7

            """
        let a = try Self.load(county, path: Fixture.exampleCSV)
        let b = try Self.load(fixture, path: "fixture.csv")
        #expect(a.count >= 3 && b.count == 2)
        Self.assertSameAnswers(a, Self.asArrays(a))
        Self.assertSameAnswers(b, Self.asArrays(b))
        // Two files: two sets of columns, put together by the store.
        let both = ReportAssembly(a + b).reports
        Self.assertSameAnswers(both, Self.asArrays(both))
        // A report renamed by assembly keeps its columns with the new name beside them.
        var renamed = b
        renamed[0].facts.renameEntity("县委办", to: "中共示例县委员会办公室")
        #expect(renamed[0].facts.columns?.entity == "中共示例县委员会办公室")
        #expect(renamed[0].facts.allSatisfy { $0.entity == "中共示例县委员会办公室" })
        Self.assertSameAnswers(renamed, Self.asArrays(renamed))
        // Mixed: columns and facts one by one in one store.
        let mixed = [renamed[0]] + Self.asArrays([renamed[1]]) + a
        Self.assertSameAnswers(mixed, Self.asArrays(mixed))
    }

    @Test("two rows of one key are one fact stated twice: disputed, and `check` says the report contradicts itself")
    func repeatedKey() throws {
        let text = Self.header + """
            县委办,2020,决算,一般公共预算财政拨款支出,行政运行,2013101,,一般公共预算,,60.00,万元,,,
            县委办,2020,决算,一般公共预算财政拨款支出,机关服务,2013103,,一般公共预算,,40.01,万元,,,
            县委办,2020,决算,一般公共预算财政拨款支出,行政运行,2013101,,一般公共预算,,61.00,万元,,,

            """
        let loaded = try Self.load(text, path: "twice.csv")
        #expect(loaded.count == 1 && loaded[0].facts.count == 2)
        let f = loaded[0].facts[0]
        #expect(f.mentionCount == 2 && f.isDisputed)
        #expect(f.mentions.map(\.span.line) == [2, 4])
        let findings = Checker.findings(loaded)
        #expect(findings.contains { $0.severity == .error && $0.figures.contains { $0.span.line == 4 } }, "\(findings)")
        Self.assertSameAnswers(loaded, Self.asArrays(loaded))
    }

    @Test("a bad row after thousands of good ones still fails the whole file, with its line")
    func badRow() {
        var text = Self.header
        for i in 0..<3000 { text += "县委办,2020,决算,收入,项目\(i),,,,,\(i).5,万元,,,\n" }
        text += "县委办,2020,决算,收入,坏,,,,,1.2.3,万元,,,\n"
        do {
            _ = try Self.load(text, path: "bad.csv")
            Issue.record("expected the file to fail")
        } catch {
            guard case .failed(_, let e)? = error as? LoadError else { Issue.record("\(error)"); return }
            #expect(e.file == "bad.csv" && e.line == 3002 && e.more.isEmpty, "\(e)")
        }
    }

    @Test("a large file is read in blocks (never whole) and gives exactly the reports its whole text gives")
    func streamedFile() throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/big.csv"
        let (text, _) = Self.randomCSV(seed: 9, rows: 3000, path: path)
        let bytes = Array(text.utf8)
        #expect(bytes.count > FileSample.size)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try BuiltinFormats.registry.loadStreaming(file: path, format: nil) != nil)
        let streamed = try BuiltinFormats.registry.load(file: path)
        let whole = try BuiltinFormats.registry.read(bytes: bytes, path: path)
        #expect(streamed.reports.count == whole.reports.count && streamed.reports.count > 50)
        #expect(streamed.reports == whole.reports)
        #expect(streamed.reports.contains { $0.facts.columns != nil })
        Self.assertSameAnswers(streamed.reports, Self.asArrays(whole.reports))
    }
}
