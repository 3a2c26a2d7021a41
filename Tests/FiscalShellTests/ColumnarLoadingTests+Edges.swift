import BuiltinFormats
import FiscalCheck
@testable import FiscalFormat
import FiscalModel
import FiscalQuery
import Foundation
import TestSupport
import Testing

/// The narrow columns at their edges: each number column is as narrow as its values allow
/// and widens exactly when one does not fit, through the real CSV loader.
extension ColumnarLoadingTests {
    /// A file of `rows` plain rows (2,500 per entity, one report each, no key twice) followed by
    /// `tail`, written to disk so that it is read as the shell reads it (in blocks, in chunks
    /// on all cores when it is over a megabyte).
    static func narrowFile(rows: Int, tail: [String], name: String) throws -> (path: String, folder: String) {
        let folder = Fixture.temporaryFolder()
        let path = folder + "/" + name
        var text = header
        for i in 0..<rows {
            text += "单位\(i / 2500),2020,决算,支出,项目\(i),,,一般公共预算,,\(i).\(i % 100),万元,,,\n"
        }
        for row in tail { text += row + "\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (path, folder)
    }

    /// Every fact the loaded reports hold, in order.
    static func facts(_ reports: [Report]) -> [Fact] { reports.flatMap { Array($0.facts) } }

    /// The one ``FactColumns`` the reports share.
    static func sharedColumns(_ reports: [Report]) -> FactColumns? {
        let all = reports.compactMap { $0.facts.columns?.columns }
        guard let first = all.first, all.allSatisfy({ $0 === first }) else { return nil }
        return first
    }

    @Test("mantissas are 64-bit while every amount fits, and keep every digit of amounts that do not (in one chunk of many)")
    func wideAmounts() throws {
        // 18 digits fit; Int64.max and one past it, 20 digits, negative: past 64 bits.
        let edges = ["999999999999999999", "-999999999999999999", "9223372036854775807", "9223372036854775808",
                     "-9223372036854775809", "99999999999999999999", "12345678901234567890.12", "-0.000000000001", "0.000000000001"]
        let tail = edges.enumerated().map { k, a in "单位边界,2020,决算,支出,边界\(k),,,一般公共预算,,\(a),万元,,,"}
        let narrow = try Self.narrowFile(rows: 30_000, tail: [], name: "narrow.csv")
        let wide = try Self.narrowFile(rows: 30_000, tail: tail, name: "wide.csv")
        defer { try? FileManager.default.removeItem(atPath: narrow.folder); try? FileManager.default.removeItem(atPath: wide.folder) }
        let a = try BuiltinFormats.registry.load(file: narrow.path).reports
        let b = try BuiltinFormats.registry.load(file: wide.path).reports
        let ca = try #require(Self.sharedColumns(a)), cb = try #require(Self.sharedColumns(b))
        #expect(ca.count == 30_000 && cb.count == 30_000 + edges.count)
        #expect(ca.mantissas.byteCount == 8 * ca.count)
        #expect(cb.mantissas.byteCount == 16 * cb.count)
        // Every amount as written, on both: the rows before the wide ones were widened exactly.
        let fb = Self.facts(b)
        func values(_ fs: some Sequence<Fact>) -> [String] { fs.map { "\($0.entity) \($0.item) \($0.amount) \($0.span.line)" } }
        #expect(values(Self.facts(a)) == values(fb.prefix(30_000)))
        for (k, text) in edges.enumerated() {
            let f = try #require(fb.first { $0.item == "边界\(k)" })
            #expect(f.amount == Amount.parse(text)?.amount && f.amount.description == Amount.parse(text)!.amount.description, "\(text)")
        }
        #expect(fb[29_999].amount == Amount.parse("29999.99")!.amount)
        Self.assertSameAnswers(b, Self.asArrays(b))
    }

    @Test("lines past 32,767 and past 2,147,483,647 are kept exactly: lines are 32-bit until one does not fit")
    func wideLines() throws {
        let lines = [1, 32_767, 32_768, 65_536, 2_147_483_647]
        let row = { (k: Int, line: Int) in "单位行,2020,决算,支出,行\(k),,,一般公共预算,,1.00,万元,,原文.txt,\(line)" }
        let narrow = try Self.narrowFile(rows: 100, tail: lines.enumerated().map(row), name: "lines.csv")
        let wide = try Self.narrowFile(rows: 100, tail: (lines + [2_147_483_648, 99_999_999_999]).enumerated().map(row), name: "wide-lines.csv")
        defer { try? FileManager.default.removeItem(atPath: narrow.folder); try? FileManager.default.removeItem(atPath: wide.folder) }
        let a = try BuiltinFormats.registry.load(file: narrow.path).reports
        let b = try BuiltinFormats.registry.load(file: wide.path).reports
        let ca = try #require(Self.sharedColumns(a)), cb = try #require(Self.sharedColumns(b))
        #expect(ca.lines.byteCount == 4 * ca.count && cb.lines.byteCount == 8 * cb.count)
        for (reports, expected) in [(a, lines), (b, lines + [2_147_483_648, 99_999_999_999])] {
            let spans = Self.facts(reports).filter { $0.item.hasPrefix("行") }.map(\.span)
            #expect(spans == expected.map { SourceSpan(file: "原文.txt", line: $0) })
            // The rows without a place name their own line of the CSV (2 to 101).
            #expect(Self.facts(reports).first!.span.line == 2 && Self.facts(reports)[99].span.line == 101)
            Self.assertSameAnswers(reports, Self.asArrays(reports))
        }
    }

    @Test("a row longer than 32,767 characters names its whole first line: end columns widen from 16 to 32 bits")
    func longRows() throws {
        let short = "县委办,2020,决算,支出,短,,,,,1.00,万元,,,", other = "县委办,2020,决算,支出,另一行,,,,,3.00,万元,,,"
        let long = "县委办,2020,决算,支出,\(String(repeating: "长", count: 40_000)),,,,,2.00,万元,,,"
        for (rows, bytesPerFact) in [([short, other], 2), ([short, long], 4)] {
            let loaded = try Self.load(Self.header + rows.joined(separator: "\n") + "\n", path: "long.csv")
            let c = try #require(Self.sharedColumns(loaded))
            #expect(c.endColumns.byteCount == bytesPerFact * 2)
            #expect(Self.facts(loaded).map(\.span) == rows.enumerated().map { k, row in
                SourceSpan(file: "long.csv", line: k + 2, startColumn: 1, endColumn: row.count + 1)
            })
            Self.assertSameAnswers(loaded, Self.asArrays(loaded))
        }
    }

    @Test("years from 1900 to 2200 load (16 bits hold them), years past them are refused with the line")
    func yearEdges() throws {
        let text = Self.header + "县委办,1900,决算,支出,甲,,,,,1.00,万元,,,\n县委办,2200,预算,支出,乙,,,,,2.00,万元,,,\n"
        let loaded = try Self.load(text, path: "years.csv")
        #expect(Self.facts(loaded).map(\.year) == [1900, 2200])
        #expect(Self.sharedColumns(loaded)?.years.byteCount == 2 * 2)
        Self.assertSameAnswers(loaded, Self.asArrays(loaded))
        for bad in ["1899", "2201", "32768", "-1"] {
            do {
                _ = try Self.load(Self.header + "县委办,\(bad),决算,支出,甲,,,,,1.00,万元,,,\n", path: "bad-year.csv")
                Issue.record("year \(bad) loaded")
            } catch {
                guard case .failed(_, let e)? = error as? LoadError else { Issue.record("\(error)"); continue }
                #expect(e.line == 2, "\(e)")
            }
        }
    }

    @Test("a dictionary past 65,535 values (70,000 distinct items over several chunks) keeps every value")
    func largeDictionary() throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/items.csv"
        var text = Self.header
        for i in 0..<70_000 { text += "单位\(i % 7),2020,决算,支出,项目编号\(i),,,,,\(i).01,万元,,,\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let loaded = try BuiltinFormats.registry.load(file: path).reports
        let c = try #require(Self.sharedColumns(loaded))
        #expect(c.items.count == 70_000 && Set(c.items).count == 70_000)
        // Ids past 32,767 take 32 bits; the seven entities' take 8.
        #expect(c.itemIDs.byteCount == 4 * 70_000 && c.entityIDs.byteCount == 70_000)
        let facts = Self.facts(loaded)
        #expect(facts.count == 70_000 && Set(facts.map(\.item)).count == 70_000)
        #expect(facts.allSatisfy { f in f.amount == Amount.parse(String(f.item.dropFirst(4)) + ".01")!.amount })
        var context = QueryContext(reports: loaded)
        let t = try QueryEngine.run("facts | group item | agg n = count() | where n > 1", in: &context)
        #expect(t.rows.isEmpty)
        let top = try QueryEngine.run("facts | sort amount desc | limit 1 | select item, amount, line", in: &context)
        #expect(top.rows == [[.text("项目编号69999"), .amount(Amount.parse("69999.01")!.amount), .integer(70_001)]])
    }

    @Test("ids are 8 bits for up to 128 distinct values and 16 from 129 on, and read back the same",
          arguments: [128, 129])
    func narrowIDs(distinct: Int) throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/ids.csv"
        var text = Self.header
        // Each entity and file once, in `distinct` entities (a chunk's own file ids are 8-bit
        // until the 129th, then widen); the items repeat 3 values.
        for i in 0..<distinct { text += "单位\(i),2020,决算,支出,项目\(i % 3),,,,,\(i).50,万元,,f\(i).txt,\(i + 1)\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let loaded = try BuiltinFormats.registry.load(file: path).reports
        let c = try #require(Self.sharedColumns(loaded))
        #expect(c.entities.count == distinct)
        #expect(c.entityIDs.byteCount == (distinct <= 128 ? 1 : 2) * distinct)
        #expect(c.itemIDs.byteCount == distinct && c.codeIDs.byteCount == distinct)
        #expect(c.codeIDs.allSatisfy { $0 == -1 } && c.entityIDs.last == Int32(distinct - 1))
        let facts = Self.facts(loaded)
        #expect(facts.map(\.entity) == (0..<distinct).map { "单位\($0)" })
        #expect(c.fileIDs.byteCount == (distinct <= 128 ? 1 : 2) * distinct)
        #expect(facts.map(\.span) == (0..<distinct).map { SourceSpan(file: "f\($0).txt", line: $0 + 1) })
        var context = QueryContext(reports: loaded)
        let last = try QueryEngine.run("facts | where entity = \"单位\(distinct - 1)\" | select entity, item, amount", in: &context)
        #expect(last.rows == [[.text("单位\(distinct - 1)"), .text("项目\((distinct - 1) % 3)"), .amount(Amount.parse("\(distinct - 1).50")!.amount)]])
        let groups = try QueryEngine.run("facts | group entity | agg n = count() | where n = 1 | agg m = count()", in: &context)
        #expect(groups.rows == [[.integer(distinct)]])
    }

    @Test("one chunk of more than 32,767 distinct items widens its ids to 32 bits and keeps every one")
    func wideChunkIDs() throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/items.csv"
        // About 1.3 MB: under two chunks' minimum of 1 MB each, so one chunk reads it all.
        var text = Self.header
        for i in 0..<40_000 { text += "单\(i % 3),2020,决算,支出,项\(i),,,,,1,万元,,,\n" }
        #expect(text.utf8.count < 2 << 20)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let loaded = try BuiltinFormats.registry.load(file: path).reports
        let c = try #require(Self.sharedColumns(loaded))
        #expect(c.items.count == 40_000 && c.itemIDs.byteCount == 4 * 40_000 && c.entityIDs.byteCount == 40_000)
        #expect(Self.facts(loaded).map(\.item).sorted() == (0..<40_000).map { "项\($0)" }.sorted())
        #expect(Self.facts(loaded).filter { $0.entity == "单1" }.map(\.item) == stride(from: 1, to: 40_000, by: 3).map { "项\($0)" })
    }

    @Test("an empty file and a header alone: no reports, no facts, queries answer with nothing")
    func emptyFiles() throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let headerOnly = folder + "/header.csv", empty = folder + "/empty.csv"
        try Data(Self.header.utf8).write(to: URL(fileURLWithPath: headerOnly))
        try Data().write(to: URL(fileURLWithPath: empty))
        let loaded = try BuiltinFormats.registry.load(file: headerOnly)
        #expect(loaded.reports.isEmpty && loaded.warnings.contains { $0.code == "no-rows" })
        var context = QueryContext(reports: loaded.reports)
        #expect(try QueryEngine.run("facts | group year | sum amount", in: &context).rows.isEmpty)
        #expect(throws: (any Error).self) { try BuiltinFormats.registry.load(file: empty) }
    }

    @Test("a file written report by report, read in several chunks: every row's fact, and each dictionary in the order rows first use its values")
    func reportOrderedFile() throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/ordered.csv"
        // Twelve reports one after another (2,500 rows each, about 2.4 MB: three chunks or
        // more), no key twice (a row with a code is keyed by it); items, codes, measures and
        // units repeat across reports, and every report brings new items.
        let measures = ["", "基本支出", "项目支出"]
        var text = Self.header
        var expected: [(entity: String, item: String, code: String, measure: String, unit: String, amount: String)] = []
        for i in 0..<30_000 {
            let report = i / 2500
            let row = (entity: "单位\(report)", item: i % 5 == 0 ? "新项目\(report)-\(i % 2500)" : "项目\(i % 2500 + report % 2 * 1000)",
                       code: i % 5 == 0 ? "2" + String(100_000 + i % 2500 / 5 * 7 % 2500) : "", measure: measures[(i + report) % 3],
                       unit: report % 2 == 0 ? "万元" : (i % 2 == 0 ? "元" : "万元"), amount: "\(i).\(i % 100)")
            text += "\(row.entity),2020,决算,支出,\(row.item),\(row.code),,一般公共预算,\(row.measure),\(row.amount),\(row.unit),,,\n"
            expected.append(row)
        }
        #expect(text.utf8.count > 2 << 20)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let loaded = try BuiltinFormats.registry.load(file: path).reports
        #expect(loaded.map(\.entity) == (0..<12).map { "单位\($0)" })
        let facts = Self.facts(loaded)
        #expect(facts.count == expected.count)
        for (f, e) in zip(facts, expected) where f.entity != e.entity || f.item != e.item || f.code?.rawValue ?? "" != e.code
            || f.measure != (e.measure.isEmpty ? .total : Measure(printed: e.measure, phase: .final))
            || f.unit != FactUnit(name: e.unit) || f.amount != Amount.parse(e.amount)!.amount {
            Issue.record("\(f) is not \(e)")
            break
        }
        func firstUse(_ values: [String]) -> [String] {
            var seen = Set<String>()
            return values.filter { seen.insert($0).inserted }
        }
        let c = try #require(Self.sharedColumns(loaded))
        #expect(c.entities == firstUse(expected.map(\.entity)))
        #expect(c.items == firstUse(expected.map(\.item)))
        #expect(c.codes.map(\.rawValue) == firstUse(expected.map(\.code).filter { !$0.isEmpty }))
        #expect(c.units.map(\.description) == firstUse(expected.map(\.unit)))
    }
}
