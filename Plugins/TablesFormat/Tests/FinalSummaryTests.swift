import FiscalFormat
import FiscalModel
import Foundation
import Testing
import TablesFormat

/// The 决算 summary tables (收入支出决算总表, 财政拨款收入支出决算总表 of the national template,
/// 附件2_部门决算模板_上海2024.txt pages 5 and 8–9) are certain only when their own sums hold:
/// 本年收入合计 = the 收入 lines, 本年支出合计 = the 类 (per column), each side's 总计 = its 合计 +
/// its 结转和结余, the two 总计 equal, and in the 财政拨款 table each 支出 line's 合计 = its fund
/// columns. Every figure below was read off the files at the lines named and the sums worked by hand.
@Suite("决算 summary tables, checked by their own sums")
struct FinalSummaryTests {
    /// file, and the table's 本年收入合计, 本年支出合计 and 总计 as printed.
    static let files: [(file: String, income: String, expenditure: String, total: String)] = [
        // l.111–149: 收入 2940.05 + 6.20 = 2946.25; 支出 2106.66 + 326.71 + 60.99 + 445.69 = 2940.05; 总计
        // 2946.25 + 49.14 = 2995.39 = 2940.05 + 55.34.
        ("shanghai-putuo/01_普陀区财政局_2024_部门决算.txt", "2946.25", "2940.05", "2995.39"),
        ("shanghai-putuo/01_普陀区财政局_2024_部门决算.pypdf.txt", "2946.25", "2940.05", "2995.39"),
        // l.121–148: 收入 9746.50; 支出 754.75 + 236.63 + 3845.25 + 4461.67 + 461.08 = 9759.38; 总计 9746.50 +
        // 112.88 = 9859.38 = 9759.38 + 100.00.
        ("shanghai-putuo/02_普陀区规划和自然资源局_2024_部门决算.txt", "9746.50", "9759.38", "9859.38"),
        // l.68–97: 支出 264.87 + 10.82 + 2.71 + 29.42 = 307.82 = 收入 = 总计.
        ("shanghai-putuo/03_中共普陀区委社会工作部_2024_部门决算.txt", "307.82", "307.82", "307.82"),
        // l.108–135, every cell printed (0.00 included): 支出 471.44 + 109.34 + 3742.47 + 409.89 = 4733.14.
        ("shanghai-putuo/04_普陀区生态环境局_2025_部门决算.txt", "4733.14", "4733.14", "4733.14"),
        // l.90–119: 收入 24535.67 + 2002.80 = 26538.47; 支出 17130.42 + 1493.32 + 370.37 + 2000.00 + 4948.72 +
        // 595.64 = 26538.47; 总计 26538.47 + 52.61 = 26591.08 on both sides.
        ("shanghai-putuo/07_普陀区文化和旅游局_2025_部门决算.txt", "26538.47", "26538.47", "26591.08"),
    ]

    static func summary(_ r: Report, _ statement: Statement) -> [Fact] {
        r.facts.filter { $0.reading.isTable && $0.statement == statement }
    }

    @Test("the Shanghai 决算 summary tables add up, so their figures are certain", arguments: files.indices)
    func certain(_ i: Int) throws {
        let (file, income, expenditure, total) = Self.files[i]
        let r = try Corpus.report(file)
        let totals = Self.summary(r, .totals)
        #expect(totals.first { $0.item == "本年收入合计" }.map { "\($0.amount)" } == income, "\(file)")
        #expect(totals.first { $0.item == "本年支出合计" }.map { "\($0.amount)" } == expenditure, "\(file)")
        #expect(totals.first { $0.item == "总计" }.map { "\($0.amount)" } == total, "\(file)")
        #expect(!totals.isEmpty && totals.allSatisfy { $0.reading != .tableInferred }, "\(file): \(totals.filter { $0.reading == .tableInferred }.map(\.item))")
        #expect(!r.warnings.contains { $0.code == "rows-misaligned" && $0.message.contains("收入支出决算总表") && !$0.message.contains("财政拨款") }, "\(file)")
        // The 财政拨款 table: its 合计 column is certain (a fund column may still be unsure where the
        // reader cannot tell which fund a figure is of, `ambiguous-column`), except in 07, below.
        guard !file.hasPrefix("shanghai-putuo/07") else { return }
        let appropriation = Self.summary(r, .fiscalAppropriation).filter { $0.measure == .total }
        #expect(!appropriation.isEmpty && appropriation.allSatisfy { $0.reading != .tableInferred }, "\(file): \(appropriation.filter { $0.reading == .tableInferred }.map(\.item))")
        #expect(!r.warnings.contains { $0.code == "rows-misaligned" && $0.message.contains("财政拨款收入支出决算总表") }, "\(file)")
    }

    @Test("07's 财政拨款 table leaves a fund column blank without a trace in the text: its sums fail, it is unsure and said")
    func blankFundColumn() throws {
        // l.263–285: the 支出 side has two fund columns (一般公共预算 24535.67, 政府性基金 2002.80, l.285). 城乡社区支出 prints
        // `2,000.00 2,000.00` (l.267): 合计 and one fund, which the text does not say. 政府性基金 is 2.80 (文化旅游体育与
        // 传媒, l.263) + 2000.00 = 2002.80, so the second 2000.00 is 政府性基金's; read positionally as 一般公共预算's, the
        // 一般公共预算 column adds up to 17127.62 + 1493.32 + 370.37 + 2000.00 + 4948.72 + 595.64 = 26535.67 and the
        // 政府性基金 column to 2.80.
        let r = try Corpus.report("shanghai-putuo/07_普陀区文化和旅游局_2025_部门决算.txt")
        #expect(Self.summary(r, .fiscalAppropriation).allSatisfy { $0.reading == .tableInferred })
        let messages = r.warnings.filter { $0.code == "rows-misaligned" && $0.message.contains("财政拨款收入支出决算总表") }
        #expect(messages.map(\.message).contains { $0.contains("本年支出合计 is 24535.67 but its parts add up to 26535.67") })
        #expect(messages.map(\.message).contains { $0.contains("本年支出合计 is 2002.80 but its parts add up to 2.80") })
        #expect(messages.allSatisfy { $0.span?.line == 285 })
    }

    /// The report with `old` replaced by `new` in its text.
    func tampered(_ file: String, _ old: String, _ new: String) throws -> Report {
        let text = try String(contentsOfFile: Corpus.path(file), encoding: .utf8)
        #expect(text.contains(old))
        return try TablesFormat().read(SourceText(text: text.replacingOccurrences(of: old, with: new), path: file)).reports[0]
    }

    @Test("a 收入 figure its 本年收入合计 does not add up to makes the 收入支出决算总表 unsure, and the warning names the line")
    func incomeFails() throws {
        // l.120 `6.20 326.71` → 6.30: 2940.05 + 6.30 = 2946.35, but 本年收入合计 is 2946.25 (l.142).
        let r = try tampered("shanghai-putuo/01_普陀区财政局_2024_部门决算.txt", "6.20 326.71", "6.30 326.71")
        let facts = Self.summary(r, .totals)
        #expect(!facts.isEmpty && facts.allSatisfy { $0.reading == .tableInferred })
        let warning = r.warnings.first { $0.code == "rows-misaligned" && $0.message.contains("收入支出决算总表") }
        #expect(warning?.message.contains("本年收入合计 is 2946.25 but its parts add up to 2946.35") == true, "\(r.warnings.map(\.message))")
        #expect(warning?.span?.line == 142)
        // The other table's sums still hold: certain.
        #expect(Self.summary(r, .fiscalAppropriation).allSatisfy { $0.reading != .tableInferred })
    }

    @Test("two 总计 that differ make the table unsure, with a warning that gives both")
    func sidesDiffer() throws {
        // l.119 `总计 26,591.08 总计 26,591.08` → the 支出 side 26,591.18: 26538.47 + 52.61 = 26591.08 ≠ 26591.18.
        let r = try tampered("shanghai-putuo/07_普陀区文化和旅游局_2025_部门决算.txt", "总计 26,591.08 总计 26,591.08", "总计 26,591.08 总计 26,591.18")
        #expect(Self.summary(r, .totals).allSatisfy { $0.reading == .tableInferred })
        let messages = r.warnings.filter { $0.code == "rows-misaligned" }.map(\.message)
        #expect(messages.contains { $0.contains("the 收入 side's 总计 is 26591.08 but the 支出 side's is 26591.18") }, "\(messages)")
        #expect(messages.contains { $0.contains("总计 is 26591.18 but its parts add up to 26591.08") }, "\(messages)")
    }

    @Test("in the 财政拨款 table a 支出 line whose fund columns do not add up to its 合计 makes the table unsure")
    func fundColumnsFail() throws {
        // l.267 `2,106.66 2,106.66` (一般公共服务支出: 合计, 一般公共预算财政拨款) → the fund column 2,106.76.
        let file = "shanghai-putuo/01_普陀区财政局_2024_部门决算.txt"
        let text = try String(contentsOfFile: Corpus.path(file), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        #expect(lines[266] == "2,106.66 2,106.66")
        lines[266] = "2,106.66 2,106.76"
        let r = try TablesFormat().read(SourceText(text: lines.joined(separator: "\n"), path: file)).reports[0]
        #expect(Self.summary(r, .fiscalAppropriation).allSatisfy { $0.reading == .tableInferred })
        let messages = r.warnings.filter { $0.code == "rows-misaligned" }.map(\.message)
        #expect(messages.contains { $0.contains("一般公共服务支出 is 2106.66 but its parts add up to 2106.76") }, "\(messages)")
        // 本年支出合计's fund column (2940.05, l.309) against the 类's: 2106.76 + 326.71 + 60.99 + 445.69 = 2940.15.
        #expect(messages.contains { $0.contains("本年支出合计 is 2940.05 but its parts add up to 2940.15") }, "\(messages)")
        #expect(Self.summary(r, .totals).allSatisfy { $0.reading != .tableInferred })
    }
}
