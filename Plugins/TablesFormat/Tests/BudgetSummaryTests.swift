import FiscalFormat
import FiscalModel
import Foundation
import Testing
import TablesFormat

/// The summary tables of the 部门预算 (Examples/corpus), read by name: the Jiangsu 收支预算总表
/// (收入 | 支出 by 类 | 支出 by use) and 财政拨款收支预算总表 (funds | 支出 by use), the Shanghai 2026
/// 财务收支预算总表 and 财政拨款收支预算总表 (in 元, 支出 by 类 with a column per fund). Every
/// figure below was read off the file at the lines named, and each table's sums were worked by
/// hand (in the comments): the reader may not get a figure the table's arithmetic rejects.
@Suite("budget summary tables, by name")
struct BudgetSummaryTests {
    struct Table: Sendable, CustomStringConvertible {
        var file: String
        var statement: String
        /// `item(code)[measure] = amount`, code and measure only when there are; `~` after the
        /// amount marks a figure read as unsure.
        var rows: [String]
        var description: String { "\(file) \(statement)" }
    }

    /// Jiangsu 收支预算总表 rows common to a file's two tables: 当年收入小计 … 支出合计 all equal `total`.
    static func totals(_ total: String) -> [String] {
        ["当年收入小计 = \(total)", "当年支出小计 = \(total)", "收入合计 = \(total)", "支出合计 = \(total)"]
    }

    static let tables: [Table] = [
        // l.138–183, pdfplumber: names wrapped around the figures (`一、财政` / `13,649.07 10,528.33 一、基本支出
        // 7,666.68` / `拨款 支出`). 201 + 208 + 221 = 10528.33 + 1608.51 + 1512.23 = 13649.07. 128.43 stands
        // beside 三、国防支出 (l.146) between the two lines of `三、单位预留机` / `动经费`: 7666.68 + 5853.96 +
        // 128.43 = 13649.07 only with it as the 单位预留机动经费's.
        Table(file: "jiangsu/01_江苏省人大办公厅_2017_部门预算.txt", statement: "收支总计", rows: [
            "财政拨款 = 13649.07", "财政拨款[一般公共预算财政拨款] = 13649.07", "一般公共服务支出(201) = 10528.33",
            "社会保障和就业支出(208) = 1608.51", "住房保障支出(221) = 1512.23", "基本支出 = 7666.68", "项目支出 = 5853.96",
            "单位预留机动经费 = 128.43~",
        ] + totals("13649.07")),
        // l.286–291: 7666.68 + 5853.96 + 128.43 = 13649.07; `收入合计 支出合计` / `13,649.07 13,649.07`.
        Table(file: "jiangsu/01_江苏省人大办公厅_2017_部门预算.txt", statement: "财政拨款收支", rows: [
            "一般公共预算 = 13649.07", "基本支出 = 7666.68", "项目支出 = 5853.96", "单位预留机动经费 = 128.43",
            "收入合计 = 13649.07", "支出合计 = 13649.07",
        ]),
        // l.131–158: 12706.28 + 1068.78 + 2122.38 = 15897.44; 7877.76 + 6333.96 + 1685.72 = 15897.44, the
        // 1685.72 printed beside 三、国防支出 (l.134).
        Table(file: "jiangsu/02_江苏省人大办公厅_2018_部门预算.txt", statement: "收支总计", rows: [
            "财政拨款 = 15897.44", "财政拨款[一般公共预算财政拨款] = 15897.44", "一般公共服务支出(201) = 12706.28",
            "社会保障和就业支出(208) = 1068.78", "住房保障支出(221) = 2122.38", "基本支出 = 7877.76", "项目支出 = 6333.96",
            "单位预留机动经费 = 1685.72~",
        ] + totals("15897.44")),
        // l.195–227: 17981.68 + 15.00 = 17996.68; 13656.34 + 2021.18 + 2319.16 = 17996.68; 12323.48 + 5533.00 +
        // 140.20 = 17996.68, the 140.20 beside 三、国防支出 (l.199).
        Table(file: "jiangsu/03_江苏省人民检察院_2017_部门预算.txt", statement: "收支总计", rows: [
            "财政拨款 = 17981.68", "财政拨款[一般公共预算财政拨款] = 17981.68", "其他资金 = 15.00", "公共安全支出(204) = 13656.34",
            "社会保障和就业支出(208) = 2021.18", "住房保障支出(221) = 2319.16", "基本支出 = 12323.48", "项目支出 = 5533.00",
            "单位预留机动经费 = 140.20~",
        ] + [
            "当年收入小计 = 17996.68", "当年支出小计 = 17996.68", "收入合计 = 17996.68", "支出合计 = 17996.68",
        ]),
        // l.257–261, a page number `11` between the rows: 12308.48 + 5533.00 + 140.20 = 17981.68.
        Table(file: "jiangsu/03_江苏省人民检察院_2017_部门预算.txt", statement: "财政拨款收支", rows: [
            "一般公共预算 = 17981.68", "基本支出 = 12308.48", "项目支出 = 5533.00", "单位预留机动经费 = 140.20",
            "收入合计 = 17981.68", "支出合计 = 17981.68",
        ]),
        // l.275–306, a page number `13` inside `十七、国土海洋气象等支` / `出`: 21940.96 + 14.39 = 21955.35;
        // 16458.75 + 1836.22 + 3660.38 = 21955.35; 13994.31 + 5573.00 + 2388.04 = 21955.35.
        Table(file: "jiangsu/04_江苏省人民检察院_2018_部门预算.txt", statement: "收支总计", rows: [
            "财政拨款 = 21940.96", "财政拨款[一般公共预算财政拨款] = 21940.96", "其他资金 = 14.39", "公共安全支出(204) = 16458.75",
            "社会保障和就业支出(208) = 1836.22", "住房保障支出(221) = 3660.38", "基本支出 = 13994.31", "项目支出 = 5573.00",
            "单位预留机动经费 = 2388.04~",
            "当年收入小计 = 21955.35", "当年支出小计 = 21955.35", "收入合计 = 21955.35", "支出合计 = 21955.35",
        ]),
        // l.340–343: 13979.92 + 5573.00 + 2388.04 = 21940.96.
        Table(file: "jiangsu/04_江苏省人民检察院_2018_部门预算.txt", statement: "财政拨款收支", rows: [
            "一般公共预算 = 21940.96", "基本支出 = 13979.92", "项目支出 = 5573.00", "单位预留机动经费 = 2388.04",
            "收入合计 = 21940.96", "支出合计 = 21940.96",
        ]),
        // l.7–29, a figure after each name: 20702.25 + 147.20 = 20849.45; 16992.37 + 2000.39 + 1856.69 =
        // 20849.45; 9964.07 + 10688.66 + 196.72 = 20849.45.
        Table(file: "jiangsu/06_江苏省委办公厅_2017_部门预算_表格.txt", statement: "收支总计", rows: [
            "财政拨款 = 20702.25", "财政拨款[一般公共预算财政拨款] = 20702.25", "财政专户管理资金 = 147.20",
            "一般公共服务支出(201) = 16992.37", "社会保障和就业支出(208) = 2000.39", "住房保障支出(221) = 1856.69",
            "基本支出 = 9964.07", "项目支出 = 10688.66", "单位预留机动经费 = 196.72",
        ] + totals("20849.45")),
        // l.66–70: 9964.07 + 10541.46 + 196.72 = 20702.25.
        Table(file: "jiangsu/06_江苏省委办公厅_2017_部门预算_表格.txt", statement: "财政拨款收支", rows: [
            "一般公共预算 = 20702.25", "基本支出 = 9964.07", "项目支出 = 10541.46", "单位预留机动经费 = 196.72",
            "收入合计 = 20702.25", "支出合计 = 20702.25",
        ]),
        // l.25–47: 20153.75 + 1289.52 + 3015.16 = 24458.43; 10403.11 + 12081.46 + 1973.86 = 24458.43.
        Table(file: "jiangsu/08_江苏省委办公厅_2018_部门预算_表格.txt", statement: "收支总计", rows: [
            "财政拨款 = 24458.43", "财政拨款[一般公共预算财政拨款] = 24458.43", "一般公共服务支出(201) = 20153.75",
            "社会保障和就业支出(208) = 1289.52", "住房保障支出(221) = 3015.16", "基本支出 = 10403.11", "项目支出 = 12081.46",
            "单位预留机动经费 = 1973.86",
        ] + totals("24458.43")),
        // l.8–30 (titled 表一): 9066.79 + 80.00 = 9146.79; 6543.55 + 1509.72 + 1093.52 = 9146.79; 5916.27 +
        // 3123.68 + 106.84 = 9146.79.
        Table(file: "jiangsu/10_江苏省政协办公厅_2017_部门预算_表格.txt", statement: "收支总计", rows: [
            "财政拨款 = 9066.79", "财政拨款[一般公共预算财政拨款] = 9066.79", "其他资金 = 80.00", "一般公共服务支出(201) = 6543.55",
            "社会保障和就业支出(208) = 1509.72", "住房保障支出(221) = 1093.52", "基本支出 = 5916.27", "项目支出 = 3123.68",
            "单位预留机动经费 = 106.84",
        ] + totals("9146.79")),
        // l.63–67: 5836.27 + 3123.68 + 106.84 = 9066.79.
        Table(file: "jiangsu/10_江苏省政协办公厅_2017_部门预算_表格.txt", statement: "财政拨款收支", rows: [
            "一般公共预算 = 9066.79", "基本支出 = 5836.27", "项目支出 = 3123.68", "单位预留机动经费 = 106.84",
            "收入合计 = 9066.79", "支出合计 = 9066.79",
        ]),
        // l.246–269: 23513.11 + 2347.13 + 2989.14 = 28849.38; 17123.19 + 11543.27 + 182.92 = 28849.38.
        Table(file: "jiangsu/11_江苏省高级人民法院_2017_部门预算.txt", statement: "收支总计", rows: [
            "财政拨款 = 28849.38", "财政拨款[一般公共预算财政拨款] = 28849.38", "公共安全支出(204) = 23513.11",
            "社会保障和就业支出(208) = 2347.13", "住房保障支出(221) = 2989.14", "基本支出 = 17123.19", "项目支出 = 11543.27",
            "单位预留机动经费 = 182.92",
        ] + totals("28849.38")),
        // l.175–199: 26200.88 + 2254.76 + 4716.51 = 33172.15; 18570.82 + 11343.27 + 3258.06 = 33172.15, the
        // 3258.06 beside 三、国防支出 (l.178) under `三、单位预留机动经` (l.177).
        Table(file: "jiangsu/12_江苏省高级人民法院_2018_部门预算.txt", statement: "收支总计", rows: [
            "财政拨款 = 33172.15", "财政拨款[一般公共预算财政拨款] = 33172.15", "公共安全支出(204) = 26200.88",
            "社会保障和就业支出(208) = 2254.76", "住房保障支出(221) = 4716.51", "基本支出 = 18570.82", "项目支出 = 11343.27",
            "单位预留机动经费 = 3258.06~",
        ] + totals("33172.15")),
        // l.229–232: 18570.82 + 11343.27 + 3258.06 = 33172.15.
        Table(file: "jiangsu/12_江苏省高级人民法院_2018_部门预算.txt", statement: "财政拨款收支", rows: [
            "一般公共预算 = 33172.15", "基本支出 = 18570.82", "项目支出 = 11343.27", "单位预留机动经费 = 3258.06",
            "收入合计 = 33172.15", "支出合计 = 33172.15",
        ]),
        // l.98–107, in 元, a figure glued to the next name (`47,483,458一、社会保障和就业支出`): 6397096 + 1439040 +
        // 33775592 + 5871730 = 47483458.
        Table(file: "shanghai-putuo/05_普陀区城市管理行政执法局_2026_部门预算.txt", statement: "收支总计", rows: [
            "财政拨款收入 = 47483458", "财政拨款收入[一般公共预算财政拨款] = 47483458", "社会保障和就业支出(208) = 6397096",
            "卫生健康支出(210) = 1439040", "城乡社区支出(212) = 33775592", "住房保障支出(221) = 5871730",
            "收入总计 = 47483458", "支出总计 = 47483458",
        ]),
        // l.172–178: 合计 and the 一般公共预算 column, the one fund the income side uses.
        Table(file: "shanghai-putuo/05_普陀区城市管理行政执法局_2026_部门预算.txt", statement: "财政拨款收支", rows: [
            "一般公共预算 = 47483458",
            "社会保障和就业支出(208) = 6397096", "社会保障和就业支出(208)[一般公共预算财政拨款] = 6397096",
            "卫生健康支出(210) = 1439040", "卫生健康支出(210)[一般公共预算财政拨款] = 1439040",
            "城乡社区支出(212) = 33775592", "城乡社区支出(212)[一般公共预算财政拨款] = 33775592",
            "住房保障支出(221) = 5871730", "住房保障支出(221)[一般公共预算财政拨款] = 5871730",
            "收入总计 = 47483458", "支出总计 = 47483458", "支出总计[一般公共预算财政拨款] = 47483458",
        ]),
        // l.129–138: 199337712 + 16682825 + 5238443 + 50200000 + 6617121 = 278076101.
        Table(file: "shanghai-putuo/06_普陀区文化和旅游局_2026_部门预算.txt", statement: "收支总计", rows: [
            "财政拨款收入 = 278076101", "财政拨款收入[一般公共预算财政拨款] = 278076101", "文化旅游体育与传媒支出(207) = 199337712",
            "社会保障和就业支出(208) = 16682825", "卫生健康支出(210) = 5238443", "资源勘探工业信息等支出(215) = 50200000",
            "住房保障支出(221) = 6617121", "收入总计 = 278076101", "支出总计 = 278076101",
        ]),
    ]

    static func rows(_ r: Report, _ statement: Statement) -> [String] {
        r.facts.filter { $0.reading.isTable && $0.statement == statement }.map { f in
            let code = f.code.map { "(\($0))" } ?? ""
            let measure = f.measure == .total ? "" : "[\(f.measure)]"
            return "\(f.item)\(code)\(measure) = \(f.amount)\(f.reading.isCertain ? "" : "~")"
        }
    }

    @Test("every item of the table with its statement, code, column and amount; unsure only where a sum needs it", arguments: tables)
    func items(_ t: Table) throws {
        let r = try Corpus.report(t.file)
        let read = Self.rows(r, Statement(rawValue: t.statement))
        #expect(read.sorted() == t.rows.sorted())
        #expect(Set(read).count == read.count, "a figure read twice")
    }

    @Test("the fund a figure is of: 财政拨款's breakdown and the fund columns")
    func funds() throws {
        let r = try Corpus.report("shanghai-putuo/05_普陀区城市管理行政执法局_2026_部门预算.txt")
        let facts = r.facts.filter { $0.reading.isTable && ($0.statement == .totals || $0.statement == .fiscalAppropriation) }
        #expect(facts.allSatisfy { $0.unit == .money(.yuan) && $0.phase == .budget && $0.year == 2026 })
        // Every fund part carries its fund; the 合计 of a 类 carries none.
        #expect(facts.filter { $0.measure != .total }.allSatisfy { $0.fund == .generalBudget })
        #expect(facts.filter { $0.statement == .totals && $0.measure == .total }.allSatisfy { $0.fund == nil })
        #expect(facts.first { $0.statement == .fiscalAppropriation && $0.item == "一般公共预算" }?.fund == .generalBudget)
    }

    @Test("a figure moved by the arithmetic says so, with the line it was printed on")
    func movedFigure() throws {
        let r = try Corpus.report("jiangsu/12_江苏省高级人民法院_2018_部门预算.txt")
        let moved = r.warnings.filter { $0.code == "moved-figure" }
        #expect(moved.count == 1)
        #expect(moved.first?.span?.line == 178)
        let text = moved.first?.message ?? ""
        #expect(text.contains("3258.06") && text.contains("国防支出") && text.contains("单位预留机动经费"))
    }

    /// 12's 收支预算总表 with its first row (`一、财政拨款 33,172.15 一、一般公共服务支出 一、基本支出
    /// 18,570.82`) printed `copies` more times after it, as the bad-input campaign of issue 11 did
    /// (seed 9, run 17645: `Fuzz/crashes/FuzzTables/2026-12-02-repeated-summary-row.txt`).
    static func repeatedRow(copies: Int) throws -> Report {
        let text = try String(contentsOfFile: Corpus.path("jiangsu/12_江苏省高级人民法院_2018_部门预算.txt"), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let row = "一、财政拨款 33,172.15 一、一般公共服务支出 一、基本支出 18,570.82"
        #expect(lines[174] == row)
        lines.insert(contentsOf: Array(repeating: "\t" + row, count: copies), at: 175)
        return try TablesFormat().read(SourceText(text: lines.joined(separator: "\n"), path: "12.txt")).reports[0]
    }

    /// How long it takes: RepeatedLineTests (2,000 copies, on the real binary, stopped after 60 s).
    @Test("a row printed 100 more times: every figure of the table unsure, a warning naming the sum that fails")
    func repeatedRow() throws {
        let r = try Self.repeatedRow(copies: 100)
        let rows = Self.rows(r, .totals)
        #expect(rows.filter { $0 == "财政拨款 = 33172.15~" }.count == 101)
        #expect(!rows.contains { !$0.hasSuffix("~") }, "a figure read as certain from a table whose sums fail")
        // 当年收入小计 33172.15 against 101 × 33172.15 + 其他资金 … : no single move repairs that.
        #expect(r.warnings.contains { $0.code == "rows-misaligned" && $0.message.contains("当年收入小计") })
        #expect(!r.warnings.contains { $0.code == "moved-figure" })
        // The 财政拨款收支预算总表 after it still adds up: certain.
        #expect(Self.rows(r, .fiscalAppropriation).contains("基本支出 = 18570.82"))
    }

    @Test("a table whose sums fail even after one move is read as unsure, with a warning naming the sum")
    func unbalanced() throws {
        // 06's 收支预算总表 with 基本支出 misprinted (9,964.07 → 9,964.70): no single move repairs it.
        var text = try String(contentsOfFile: Corpus.path("jiangsu/06_江苏省委办公厅_2017_部门预算_表格.txt"), encoding: .utf8)
        text = text.replacingOccurrences(of: "一、基本支出 9,964.07\n1.", with: "一、基本支出 9,964.70\n1.")
        let r = try TablesFormat().read(SourceText(text: text, path: "06.txt")).reports[0]
        let rows = Self.rows(r, .totals)
        #expect(rows.contains("基本支出 = 9964.70~") && rows.contains("收入合计 = 20849.45~"))
        let warning = r.warnings.first { $0.code == "rows-misaligned" }
        #expect(warning?.message.contains("当年支出小计") == true)
        // The 财政拨款收支预算总表 still adds up: certain.
        #expect(Self.rows(r, .fiscalAppropriation).contains("基本支出 = 9964.07"))
    }
}
