import FiscalFormat
import FiscalModel
import Foundation
import Testing

/// Shanghai 04–07 against `expected-table-rows.json` (shipped with the corpus): the code and the
/// first amount of every table row, by line.
@Suite("Shanghai 04–07: every expected table row")
struct ShanghaiExpectedRowsTests {
    struct Row: Sendable {
        var line: Int
        var code: String
        var amount: String
    }

    static func expected() throws -> [String: [Row]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Corpus.path("shanghai-putuo/expected-table-rows.json")))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[String: Any]]])
        return json.mapValues { rows in
            rows.map { Row(line: $0["line"] as! Int, code: $0["code"] as! String, amount: $0["amount"] as! String) }
        }
    }

    /// Rows where the expected file is wrong, checked against the text: in the two-sided
    /// 基本支出 table of 07 (l.391–421) the left cell is empty and the expected file took the
    /// right side's code as the amount (`30103 奖金 30203 咨询费`: 奖金 has no figure, 30203 is
    /// 咨询费's code). The document states no amount for these rows.
    static let emptyInDocument: [String: Set<Int>] = [
        "07_普陀区文化和旅游局_2025_部门决算.txt": [394, 402, 405, 408, 410, 411, 412, 413, 414, 415, 417, 418, 419],
    ]

    /// Tables whose figures this extraction prints beside the wrong rows (the file's SOURCE
    /// line says so for 07's pages 15–16): its 一般公共预算财政拨款支出决算表 (l.294, rows
    /// l.302–382) prints the code column of the 支出决算表, with the 政府性基金 rows 20709,
    /// 2070904, 212, 21219 and 2121999 that hold no 一般公共预算 money, beside the 一般公共预算
    /// figures in order, so from l.326 every figure is some other row's (l.339 `208 … 44.54` is
    /// 2080501's, which the 支出决算表 l.219 and 五（三）l.599 state; l.376 `2150899 24,535.67` is
    /// the 合计 of l.510). The rows keep the figure printed on their line, read as unsure.
    static let shiftedInExtraction: [String: ClosedRange<Int>] = [
        "07_普陀区文化和旅游局_2025_部门决算.txt": 302...382,
    ]

    @Test("row for row: the code, the line, the first amount", arguments: [
        "04_普陀区生态环境局_2025_部门决算.txt", "05_普陀区城市管理行政执法局_2026_部门预算.txt",
        "06_普陀区文化和旅游局_2026_部门预算.txt", "07_普陀区文化和旅游局_2025_部门决算.txt",
    ])
    func rows(file: String) throws {
        let rows = try #require(try Self.expected()[file])
        #expect(rows.count > 80)
        let report = try Corpus.report("shanghai-putuo/" + file)
        let facts = Corpus.tableFacts(report)
        let empty = Self.emptyInDocument[file] ?? []
        let text = try Corpus.source("shanghai-putuo/" + file)
        for row in rows {
            let onLine = facts.filter { ($0.code ?? $0.econCode)?.rawValue == row.code && $0.span.line == row.line }
            if empty.contains(row.line) {
                // The correction holds: the line prints the right side's code where the file has an amount.
                let line = String(text.line(row.line) ?? "")
                #expect(line.split(separator: " ").contains { $0 == row.amount }, "line \(row.line): \(line)")
                #expect(onLine.isEmpty, "line \(row.line) has no figure for \(row.code)")
                continue
            }
            let first = onLine.min { $0.span.startColumn < $1.span.startColumn }
            #expect(first?.amount == Amount(row.amount), "\(file):\(row.line) \(row.code): expected \(row.amount), read \(first.map { "\($0.amount)" } ?? "nothing")")
            let shifted = Self.shiftedInExtraction[file]?.contains(row.line) ?? false
            #expect(first?.reading == (shifted ? .tableInferred : .tableCode), "\(file):\(row.line) \(row.code)")
        }
    }

    @Test("07: the 一般公共预算 table whose figures stand beside the wrong rows is read as unsure, and said")
    func shiftedTableIsUnsure() throws {
        let file = "07_普陀区文化和旅游局_2025_部门决算.txt"
        let r = try Corpus.report("shanghai-putuo/" + file)
        let s = Statement.generalBudgetExpenditure
        let table = r.facts.filter { $0.statement == s && $0.reading.isTable }
        #expect(table.count > 40)
        #expect(table.allSatisfy { $0.reading == .tableInferred && Self.shiftedInExtraction[file]!.contains($0.span.line) })
        #expect(r.warnings.contains { $0.code == "rows-misaligned" && $0.span?.line == 302 })
        // The tables around it add up and stay certain: 支出决算表 l.217 `208 … 1,493.32`.
        let expenditure = r.facts.first { $0.statement == .expenditure && $0.code?.rawValue == "208" && $0.measure == .total }
        #expect(expenditure?.amount == Amount("1493.32") && expenditure?.reading == .tableCode)
        // No other table of 04–07 is taken for shifted.
        for other in ["04_普陀区生态环境局_2025_部门决算.txt", "05_普陀区城市管理行政执法局_2026_部门预算.txt", "06_普陀区文化和旅游局_2026_部门预算.txt"] {
            let o = try Corpus.report("shanghai-putuo/" + other)
            #expect(!o.warnings.contains { $0.code == "rows-misaligned" }, "\(other)")
            #expect(!o.facts.contains { $0.reading == .tableInferred && $0.measure == .total && $0.code != nil }, "\(other)")
        }
    }

    @Test("the 2026 budgets: 元 in the tables, 万元 in the 三公 table, phase 预算")
    func budgetUnits() throws {
        for file in ["05_普陀区城市管理行政执法局_2026_部门预算.txt", "06_普陀区文化和旅游局_2026_部门预算.txt"] {
            let r = try Corpus.report("shanghai-putuo/" + file)
            #expect(r.phase == .budget && r.year == 2026 && r.unit == .yuan)
            let coded = Corpus.tableFacts(r).filter { $0.code != nil }
            #expect(!coded.isEmpty && coded.allSatisfy { $0.unit == .money(.yuan) && $0.phase == .budget && $0.year == 2026 })
        }
        // 05 l.182: 2026年部门一般公共预算支出功能分类预算表 …; l.205 `212 01 城乡社区管理事务 33,775,592 22,783,399 10,992,193`.
        let r = try Corpus.report("shanghai-putuo/05_普陀区城市管理行政执法局_2026_部门预算.txt")
        let s = Statement.generalBudgetExpenditure
        func cell(_ code: String, _ m: Measure) -> Amount? {
            r.facts.first { $0.statement == s && $0.code?.rawValue == code && $0.measure == m && $0.reading.isTable }?.amount
        }
        #expect(cell("21201", .total) == Amount("33775592"))
        #expect(cell("21201", .basic) == Amount("22783399"))
        #expect(cell("21201", .project) == Amount("10992193"))
        // l.188 `208 05 行政事业单位养老支出 6,103,096 6,103,096`: all of it 基本支出 (the 类 row
        // 208 splits 6,103,096 + 294,000, and 20808 抚恤 takes the 294,000 项目支出).
        #expect(cell("20805", .basic) == Amount("6103096"))
        #expect(cell("20805", .project) == nil)
        #expect(cell("20808", .project) == Amount("294000"))
        // The table continues on page 15 after its header is printed again (l.202–205): 2120104
        // is read, and no name takes the header's words.
        #expect(cell("2120104", .total) == Amount("33775592"))
        #expect(r.facts.first { $0.statement == s && $0.code?.rawValue == "21201" }?.item == "城乡社区管理事务")
    }
}
